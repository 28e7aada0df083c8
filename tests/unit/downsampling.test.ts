import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StoreError } from '../../db/errors.js';
import type { MetricSeries, TrackingStore } from '../../db/store/index.js';
import { describeEachDialect, openTestStore } from '../helpers/db.js';

// The downsampling contract of docs/architecture.md section 4, checked against a brute-force reference over
// random series: negative steps, NaN, ±Infinity, duplicate steps and exact duplicate points, far
// outliers, and windows that cut through the pyramid's buckets. The store answers from per-level
// bucket summaries (db/store/pyramid.ts), the reference from the raw points, so any mismatch is a bug.

interface RefPoint {
  step: number;
  timestamp: number;
  seq: number;
  value: number; // NaN and ±Infinity as themselves
}

interface RefSeries {
  totalPoints: number;
  sampled: boolean;
  bucketWidth: number | null;
  points: Array<{ step: number; timestamp: number; value: number; min: number | null; max: number | null; count: number | null }>;
}

const asZeroIfNan = (v: number) => (Number.isNaN(v) ? 0 : v);
/** "Last" is by (step, timestamp, seq); within one write, the larger value (NaN as 0) as in MLflow's latest rule. */
const later = (p: RefPoint, q: RefPoint) =>
  p.step !== q.step ? p.step > q.step : p.timestamp !== q.timestamp ? p.timestamp > q.timestamp : p.seq !== q.seq ? p.seq > q.seq : asZeroIfNan(p.value) > asZeroIfNan(q.value);
const byOrder = (p: RefPoint, q: RefPoint) => (later(p, q) ? 1 : later(q, p) ? -1 : 0);

/** The contract, computed the slow and obvious way from every raw point. */
function reference(all: readonly RefPoint[], maxPoints: number, minStep?: number, maxStep?: number): RefSeries {
  const empty: RefSeries = { totalPoints: 0, sampled: false, bucketWidth: null, points: [] };
  if (all.length === 0) return empty;
  const first = Math.min(...all.map((p) => p.step));
  const last = Math.max(...all.map((p) => p.step));
  // The window defaults to the series' own first and last step and never reaches past them.
  const a = Math.max(minStep ?? first, first);
  const b = Math.min(maxStep ?? last, last);
  const inside = all.filter((p) => p.step >= a && p.step <= b).sort(byOrder);
  if (inside.length <= maxPoints) {
    return {
      totalPoints: inside.length,
      sampled: false,
      bucketWidth: null,
      points: inside.map((p) => ({ step: p.step, timestamp: p.timestamp, value: p.value, min: null, max: null, count: null })),
    };
  }
  // At 2^53 every Long step is in bucket -1 or 0; a window across 0 with maxPoints 1 stops there.
  let w = 1;
  while (w < 2 ** 53 && Math.floor(b / w) - Math.floor(a / w) + 1 > maxPoints) w *= 2;
  const buckets = new Map<number, RefPoint[]>();
  for (const p of inside) {
    const k = Math.floor(p.step / w);
    buckets.set(k, [...(buckets.get(k) ?? []), p]);
  }
  const points = [...buckets.keys()]
    .sort((x, y) => x - y)
    .map((k) => {
      const members = buckets.get(k) as RefPoint[];
      const lastPoint = members.reduce((best, p) => (later(p, best) ? p : best));
      const numbers = members.map((p) => p.value).filter((v) => !Number.isNaN(v));
      return {
        step: lastPoint.step,
        timestamp: lastPoint.timestamp,
        value: lastPoint.value,
        min: numbers.length ? Math.min(...numbers) : null,
        max: numbers.length ? Math.max(...numbers) : null,
        count: members.length,
      };
    });
  return { totalPoints: inside.length, sampled: true, bucketWidth: w, points };
}

const strip = (s: MetricSeries): RefSeries => ({
  totalPoints: s.totalPoints,
  sampled: s.sampled,
  bucketWidth: s.bucketWidth,
  points: s.points.map(({ step, timestamp, value, min, max, count }) => ({ step, timestamp, value, min, max, count })),
});

/** A seeded random source, so a failure names a case that can be replayed. */
class Random {
  private readonly rng;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)] as T;
  }
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }
  value(): number {
    if (this.chance(10)) return Number.NaN;
    if (this.chance(3)) return Number.POSITIVE_INFINITY;
    if (this.chance(3)) return Number.NEGATIVE_INFINITY;
    // Never exactly 0, so no real value ties with a NaN (stored as 0) at one (step, timestamp, seq).
    return (this.int(-1_000_000, 1_000_000) || 7) / 1000;
  }
}

type StepShape = 'sequential' | 'negative' | 'dense' | 'outlier' | 'extreme';
const SHAPES: readonly StepShape[] = ['sequential', 'negative', 'dense', 'outlier', 'extreme'];

function stepFor(shape: StepShape, r: Random, i: number): number {
  switch (shape) {
    case 'sequential':
      return i;
    case 'negative':
      return r.int(-3_000, 1_500);
    case 'dense':
      return r.int(-20, 40);
    case 'outlier':
      return r.chance(1) ? r.pick([1_000_000_007, -77_777_777]) : r.int(0, 700);
    case 'extreme':
      return r.chance(2) ? r.pick([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) : r.int(-100, 100);
  }
}

interface Case {
  seed: number;
  shape: StepShape;
  runId: string;
  points: RefPoint[];
  lastSeq: number;
}

/**
 * Logs a random series in random batches (some replaying earlier points, which must be ignored) and
 * keeps the reference copy: distinct points with the seq of the write that first stored them.
 */
async function logRandomSeries(store: TrackingStore, seed: number, shape: StepShape): Promise<Case> {
  const r = new Random(seed);
  const runId = (await store.runs.create({ experimentId: '0', name: `case-${seed}-${shape}` })).id;
  const stored = new Map<string, RefPoint>();
  const identity = (p: { step: number; timestamp: number; value: number }) =>
    `${p.step}|${p.timestamp}|${Number.isNaN(p.value) ? 'nan' : String(p.value)}`;
  let seq = 0;
  let i = 0;
  const size = shape === 'negative' || shape === 'extreme' ? r.int(150, 400) : r.int(300, 1200);
  while (i < size) {
    const batch: Array<{ step: number; timestamp: number; value: number }> = [];
    const n = Math.min(size - i, r.int(1, shape === 'sequential' ? 400 : 200));
    for (let j = 0; j < n; j++, i++) batch.push({ step: stepFor(shape, r, i), timestamp: r.int(0, 3), value: r.value() });
    const earlier = [...stored.values()];
    if (earlier.length && r.chance(30)) {
      for (let j = r.int(1, 5); j > 0; j--) batch.push(r.pick(earlier));
    }
    const fresh = batch.filter((p, index) => !stored.has(identity(p)) && batch.findIndex((q) => identity(q) === identity(p)) === index);
    const result = await store.log.batch(runId, { metrics: batch.map((p) => ({ key: 'm', ...p })) });
    expect(result.inserted).toBe(fresh.length);
    if (fresh.length) seq++;
    for (const p of fresh) stored.set(identity(p), { ...p, seq });
    expect(result.run.metricSeq).toBe(seq);
  }
  return { seed, shape, runId, points: [...stored.values()], lastSeq: seq };
}

/** Windows worth asking for: whole series, ragged cuts, zooms, one-sided, outside, a single step. */
function windows(r: Random, points: readonly RefPoint[]): Array<{ minStep?: number; maxStep?: number }> {
  const steps = points.map((p) => p.step);
  const lo = Math.min(...steps);
  const hi = Math.max(...steps);
  const inner = () => r.pick(steps);
  // Windows are Longs too: keep them within ±(2^53-1).
  const safe = (x: number) => Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, x));
  const out: Array<{ minStep?: number; maxStep?: number }> = [{}, { minStep: safe(lo - 5), maxStep: safe(hi + 5) }];
  if (hi < Number.MAX_SAFE_INTEGER) out.push({ minStep: hi + 1 });
  if (lo > -Number.MAX_SAFE_INTEGER) out.push({ maxStep: lo - 1 });
  for (let i = 0; i < 4; i++) {
    const x = safe(inner() + r.int(-17, 17));
    const y = safe(inner() + r.int(-17, 17));
    out.push({ minStep: Math.min(x, y), maxStep: Math.max(x, y) });
  }
  out.push({ minStep: inner() }, { maxStep: inner() });
  const s = inner();
  out.push({ minStep: s, maxStep: s });
  return out;
}

describeEachDialect('downsampling against a brute-force reference', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  const cases: Case[] = [];

  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect));
    // The query logic is the same JS on both dialects; Postgres gets fewer cases to stay quick
    // (its SQL side of the pyramid is also checked row by row in pyramid.test.ts).
    const perShape = dialect === 'sqlite' ? 3 : 1;
    let seed = 1;
    for (const shape of SHAPES) {
      for (let k = 0; k < perShape; k++) cases.push(await logRandomSeries(store, seed++, shape));
    }
  });
  afterAll(() => drop());

  it('matches the reference for every case, window and maxPoints', async () => {
    let compared = 0;
    let sampled = 0;
    for (const c of cases) {
      const r = new Random(c.seed * 7919);
      const total = c.points.length;
      for (const window of windows(r, c.points)) {
        for (const maxPoints of [1, 2, r.int(3, 40), r.int(41, 400), total - 1, total].filter((n) => n >= 1 && n <= 10_000)) {
          const [series] = await store.history.series([c.runId], 'm', { maxPoints, ...window });
          const label = `seed ${c.seed} (${c.shape}), maxPoints ${maxPoints}, window ${JSON.stringify(window)}`;
          expect(series?.lastSeq, label).toBe(c.lastSeq);
          expect(strip(series as MetricSeries), label).toEqual(reference(c.points, maxPoints, window.minStep, window.maxStep));
          compared++;
          if (series?.sampled) sampled++;
        }
      }
    }
    // Both paths were exercised in quantity.
    expect(sampled).toBeGreaterThan(100);
    expect(compared - sampled).toBeGreaterThan(100);
  });

  it('answers several runs from one snapshot (metricHistories), each as alone', async () => {
    const ids = cases.map((c) => c.runId);
    const together = await store.history.series(ids, 'm', { maxPoints: 50, minStep: -50, maxStep: 600 });
    expect(together.map((s) => s.runId)).toEqual(ids);
    cases.forEach((c, i) => expect(strip(together[i] as MetricSeries)).toEqual(reference(c.points, 50, -50, 600)));
  });

  it('gives an empty series for an unknown key, NOT_FOUND for an unknown run, INVALID_ARGUMENT for bad windows', async () => {
    const [c] = cases as [Case];
    const [none] = await store.history.series([c.runId], 'absent', {});
    expect(none).toEqual({ runId: c.runId, key: 'absent', totalPoints: 0, sampled: false, bucketWidth: null, lastSeq: c.lastSeq, points: [] });
    const refused = async (promise: Promise<unknown>, code: string, field: string) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code, field });
    };
    await refused(store.history.series([c.runId, 'f'.repeat(32)], 'm', {}), 'NOT_FOUND', 'runId');
    for (const maxPoints of [0, -1, 10_001, 1.5]) await refused(store.history.series([c.runId], 'm', { maxPoints }), 'INVALID_ARGUMENT', 'maxPoints');
    await refused(store.history.series([c.runId], 'm', { minStep: 5, maxStep: 4 }), 'INVALID_ARGUMENT', 'minStep');
    await refused(store.history.series([c.runId], 'm', { minStep: 0.5 }), 'INVALID_ARGUMENT', 'minStep');
    await refused(store.history.series([c.runId], 'm', { maxStep: 2 ** 60 }), 'INVALID_ARGUMENT', 'maxStep');
  });
});

describeEachDialect('downsampling while points are appended', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect));
  });
  afterAll(() => drop());

  it('keeps bucket edges put: earlier buckets are unchanged, or merge pairwise when the width doubles', async () => {
    const runId = (await store.runs.create({ experimentId: '0', name: 'live' })).id;
    const r = new Random(4242);
    const all: RefPoint[] = [];
    let seq = 0;
    let previous: MetricSeries | undefined;
    let doubled = 0;
    let kept = 0;
    for (let step = -300; step < 2_700; ) {
      const metrics = Array.from({ length: r.int(20, 150) }, () => ({ key: 'm', step: step++, timestamp: 1, value: r.value() }));
      await store.log.batch(runId, { metrics });
      seq++;
      all.push(...metrics.map(({ step: s, timestamp, value }) => ({ step: s, timestamp, value, seq })));
      const [series] = (await store.history.series([runId], 'm', { maxPoints: 64 })) as [MetricSeries];
      expect(strip(series)).toEqual(reference(all, 64));
      if (previous?.sampled && series.sampled) {
        const before = previous.points.slice(0, -1); // the last bucket may have received points
        const width = series.bucketWidth as number;
        if (width === previous.bucketWidth) {
          expect(series.points.slice(0, before.length)).toEqual(before);
          kept++;
        } else {
          expect(width).toBeGreaterThan(previous.bucketWidth as number);
          // Each new bucket that ends before the old last bucket began is the union of old buckets.
          const oldWidth = previous.bucketWidth as number;
          const frozenEnd = Math.floor((previous.points.at(-1) as { step: number }).step / oldWidth) * oldWidth;
          const numbers = (list: Array<number | null>) => list.filter((v): v is number => v !== null);
          for (const bucket of series.points) {
            const k = Math.floor(bucket.step / width);
            if ((k + 1) * width > frozenEnd) break;
            const parts = previous.points.filter((p) => Math.floor(p.step / width) === k);
            expect(bucket.count).toBe(parts.reduce((n, p) => n + (p.count as number), 0));
            const mins = numbers(parts.map((p) => p.min));
            const maxes = numbers(parts.map((p) => p.max));
            expect(bucket.min).toBe(mins.length ? Math.min(...mins) : null);
            expect(bucket.max).toBe(maxes.length ? Math.max(...maxes) : null);
            expect(bucket).toMatchObject({ step: parts.at(-1)?.step, value: parts.at(-1)?.value });
          }
          doubled++;
        }
      }
      previous = series;
    }
    expect(kept).toBeGreaterThan(0);
    expect(doubled).toBeGreaterThan(0);
  });
});

describeEachDialect('lastSeq and the series come from one snapshot', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect));
  });
  afterAll(() => drop());

  it('never returns a point newer than lastSeq, nor misses one as old, while writes commit concurrently', async () => {
    const runId = (await store.runs.create({ experimentId: '0', name: 'snapshot' })).id;
    // Each write adds one new point, so a consistent read holds exactly lastSeq points.
    const writes: Promise<unknown>[] = [];
    const reads: Promise<MetricSeries[]>[] = [];
    for (let i = 0; i < 60; i++) {
      writes.push(store.log.metric(runId, { key: 'm', value: i, step: i, timestamp: 1 }));
      reads.push(store.history.series([runId], 'm', { maxPoints: i % 2 ? 10_000 : 4 }));
    }
    await Promise.all(writes);
    // Commit order (the seqs) may differ from issue order on Postgres: learn it afterwards.
    const seqOfStep = new Map((await store.history.points(runId, 'm', 100)).points.map((p) => [p.step, p.seq]));
    const seen = new Set<number>();
    for (const [series] of await Promise.all(reads)) {
      const s = series as MetricSeries;
      seen.add(s.lastSeq);
      expect(s.totalPoints).toBe(s.lastSeq);
      const count = s.sampled ? s.points.reduce((n, p) => n + (p.count as number), 0) : s.points.length;
      expect(count).toBe(s.lastSeq);
      if (!s.sampled) {
        const expected = [...seqOfStep].filter(([, seq]) => seq <= s.lastSeq).map(([step]) => step).sort((x, y) => x - y);
        expect(s.points.map((p) => p.step)).toEqual(expected);
      }
    }
    // SQLite runs requests on one connection in the order they were issued: reads saw every stage.
    if (dialect === 'sqlite') expect(seen.size).toBeGreaterThan(30);
  });
});

