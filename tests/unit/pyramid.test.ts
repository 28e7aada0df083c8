import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widthLevel } from '../../db/store/history.js';
import type { TrackingStore } from '../../db/store/index.js';
import type { SeriesRow } from '../../db/repositories/metric-rows.js';
import { LEVELS, MIN_LEVEL, bucketOf, comparePoints, decompose, summarise } from '../../db/store/pyramid.js';
import { describeEachDialect, openTestStore } from '../helpers/db.js';

// The downsampling pyramid's pieces: bucket arithmetic, the width rule, how a window is split into
// node ranges and raw edges, the per-write summaries, and the summaries the database accumulates.

const rng = xoroshiro128plus(20_240_601);
const int = (from: number, to: number) => uniformInt(rng, from, to);

describe('bucket arithmetic', () => {
  it('floors, also for negative steps', () => {
    expect([0, 15, 16, -1, -16, -17].map((s) => bucketOf(s, 4))).toEqual([0, 0, 1, -1, -1, -2]);
    expect(bucketOf(Number.MAX_SAFE_INTEGER, 30)).toBe(Math.floor(Number.MAX_SAFE_INTEGER / 2 ** 30));
    expect(bucketOf(-Number.MAX_SAFE_INTEGER, 30)).toBe(-Math.ceil(Number.MAX_SAFE_INTEGER / 2 ** 30));
  });

  it('stops at a width of 2^53 when no width fits, as for one point across step 0', () => {
    expect(widthLevel(-1, 0, 1)).toBe(53);
    expect(widthLevel(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1)).toBe(53);
    expect(widthLevel(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 2)).toBe(53);
    expect(widthLevel(1, Number.MAX_SAFE_INTEGER, 1)).toBe(53);
    expect(widthLevel(-5, -1, 1)).toBe(3);
  });

  it('widthLevel is the smallest power of two whose buckets spanning [a, b] number at most maxPoints', () => {
    const spanned = (a: number, b: number, k: number) => Math.floor(b / 2 ** k) - Math.floor(a / 2 ** k) + 1;
    const windows: Array<[number, number]> = [
      [0, 0],
      [0, 999],
      [0, 1000],
      [-1, 0],
      [-5000, 5000],
      [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
      [15, 16],
    ];
    for (let i = 0; i < 200; i++) {
      const a = int(-100_000, 100_000);
      windows.push([a, a + int(0, 200_000)]);
    }
    for (const [a, b] of windows) {
      for (const maxPoints of [1, 2, 3, 7, 1000, 10_000]) {
        const k = widthLevel(a, b, maxPoints);
        expect(k).toBeLessThanOrEqual(53);
        // No width fits one bucket across step 0: the widest, 2^53, gives two there.
        const atMost = k === 53 ? Math.max(maxPoints, 2) : maxPoints;
        expect(spanned(a, b, k), `[${a}, ${b}] max ${maxPoints}`).toBeLessThanOrEqual(atMost);
        if (k > 0) expect(spanned(a, b, k - 1)).toBeGreaterThan(maxPoints);
      }
    }
  });

  it('orders points by (step, timestamp, seq, value)', () => {
    const p = (step: number, timestamp: number, seq: number, value: number): SeriesRow => ({ step, timestamp, seq, value, isNan: 0 });
    const sorted = [p(2, 0, 0, 0), p(1, 9, 9, 9), p(1, 2, 0, 0), p(1, 1, 5, 0), p(1, 1, 4, 3), p(1, 1, 4, 1), p(-3, 99, 99, 99)].sort(comparePoints);
    expect(sorted.map((x) => [x.step, x.timestamp, x.seq, x.value])).toEqual([
      [-3, 99, 99, 99],
      [1, 1, 4, 1],
      [1, 1, 4, 3],
      [1, 1, 5, 0],
      [1, 2, 0, 0],
      [1, 9, 9, 9],
      [2, 0, 0, 0],
    ]);
  });
});

describe('decompose', () => {
  /** Checks that the pieces tile [a, b] in order, each node range aligned and inside the window. */
  function checkTiling(a: number, b: number, maxLevel: number) {
    const pieces = decompose(a, b, maxLevel);
    let next = a;
    let nodes = 0;
    let raw = 0;
    for (const piece of pieces) {
      if (piece.kind === 'raw') {
        expect(piece.from).toBe(next);
        expect(piece.to).toBeGreaterThanOrEqual(piece.from);
        raw += piece.to - piece.from + 1;
        next = piece.to + 1;
      } else {
        expect(LEVELS).toContain(piece.level);
        expect(piece.level).toBeLessThanOrEqual(maxLevel);
        const width = 2 ** piece.level;
        expect(piece.from * width).toBe(next);
        expect(piece.to).toBeGreaterThanOrEqual(piece.from);
        nodes += piece.to - piece.from + 1;
        next = (piece.to + 1) * width;
      }
    }
    expect(next - 1, `pieces of [${a}, ${b}] at level ${maxLevel} end where the window does`).toBe(b);
    return { pieces, nodes, raw };
  }

  it('tiles random windows exactly, with few raw steps and O(output buckets) nodes', () => {
    for (let i = 0; i < 500; i++) {
      const a = int(-70_000, 70_000);
      const b = a + int(0, i % 5 === 0 ? 5_000_000 : 70_000);
      const maxPoints = int(1, 2_000);
      const k = widthLevel(a, b, maxPoints);
      const { nodes, raw } = checkTiling(a, b, k);
      const usable = LEVELS.filter((l) => l <= k).length;
      if (usable > 0 && b - a >= 2 * 2 ** MIN_LEVEL) expect(raw).toBeLessThan(2 * 2 ** MIN_LEVEL);
      const buckets = Math.floor(b / 2 ** k) - Math.floor(a / 2 ** k) + 1;
      expect(nodes).toBeLessThanOrEqual(2 * buckets + 6 * usable);
    }
  });

  it('reads raw points only below the smallest level, and handles the extremes of Long', () => {
    expect(decompose(-3, 12, 3)).toEqual([{ kind: 'raw', from: -3, to: 12 }]);
    expect(decompose(0, 63, 6)).toEqual([{ kind: 'nodes', level: 6, from: 0, to: 0 }]);
    expect(decompose(-64, -1, 6)).toEqual([{ kind: 'nodes', level: 6, from: -1, to: -1 }]);
    checkTiling(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, widthLevel(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1000));
    checkTiling(Number.MAX_SAFE_INTEGER - 100, Number.MAX_SAFE_INTEGER, 4);
  });
});

/** Per level and bucket: count, min/max over non-NaN values, last point, computed one point at a time. */
function bruteSummaries(points: readonly SeriesRow[]) {
  const out = new Map<string, { count: number; min: number | null; max: number | null; last: SeriesRow }>();
  for (const level of LEVELS) {
    for (const p of points) {
      const id = `${level}/${bucketOf(p.step, level)}`;
      const s = out.get(id) ?? { count: 0, min: null, max: null, last: p };
      s.count++;
      if (!p.isNan) {
        s.min = s.min === null ? p.value : Math.min(s.min, p.value);
        s.max = s.max === null ? p.value : Math.max(s.max, p.value);
      }
      if (comparePoints(p, s.last) > 0) s.last = p;
      out.set(id, s);
    }
  }
  return out;
}

function randomPoints(n: number, seq: number): SeriesRow[] {
  return Array.from({ length: n }, () => {
    const kind = int(0, 19);
    const isNan = kind === 0 ? 1 : 0;
    const value = isNan ? 0 : kind === 1 ? Number.POSITIVE_INFINITY : kind === 2 ? Number.NEGATIVE_INFINITY : int(-10_000, 10_000) / 7 || 0.5;
    return { step: int(-5_000, 5_000), timestamp: int(0, 3), seq, value, isNan };
  });
}

describe('summarise', () => {
  it('matches per-level brute-force summaries of one write, NaN and ±Infinity included', () => {
    const points = randomPoints(800, 1);
    const byId = new Map(summarise(new Map([['m', points]])).map((s) => [`${s.level}/${s.bucket}`, s]));
    const expected = bruteSummaries(points);
    expect(byId.size).toBe(expected.size);
    for (const [id, e] of expected) expect(byId.get(id), id).toMatchObject(e);
  });
});

describeEachDialect('the stored pyramid', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect));
  });
  afterAll(() => drop());

  it('accumulates, write after write, exactly the summaries of all stored points', async () => {
    const runId = (await store.runs.create({ experimentId: '0' })).id;
    for (let i = 0; i < 6; i++) {
      const batch = randomPoints(int(1, 250), 0);
      await store.log.batch(runId, {
        metrics: batch.map((p) => ({ key: 'm', step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value })),
      });
    }
    const stored = (await store.history.points(runId, 'm', 25_000)).points;
    const rows = await store.db.kysely.selectFrom('metric_buckets').selectAll().where('run_id', '=', runId).execute();
    const expected = bruteSummaries(stored);
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const e = expected.get(`${row.level}/${Number(row.bucket)}`);
      expect(e, `level ${row.level} bucket ${row.bucket}`).toBeDefined();
      expect({
        count: Number(row.count),
        min: row.min,
        max: row.max,
        last: { step: Number(row.last_step), timestamp: Number(row.last_timestamp), seq: Number(row.last_seq), value: row.last_value, isNan: row.last_is_nan },
      }).toEqual(e);
    }
  });
});
