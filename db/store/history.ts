import type { Queryable } from '../connect.js';
import type { MetricPoint, MetricWrite, RunMetric } from '../entities.js';
import { invalid, notFound } from '../errors.js';
import * as metrics from '../repositories/metric-reads.js';
import type { SeriesRow } from '../repositories/metric-rows.js';
import { distinctSteps, pointsAtSteps } from '../repositories/metric-steps.js';
import * as runs from '../repositories/runs.js';
import type { MetricBucketRow } from '../types.js';
import { checkLong } from '../validation.js';
import type { StoreCore } from './core.js';
import { type BulkIntervalArgs, MAX_POINTS_PER_RUN, checkBulkIntervalArgs, sampledSteps } from './metric-sampling.js';
import type { PointCursor } from './point-cursor.js';
import { comparePoints, decompose } from './pyramid.js';

export const MAX_POINTS_LIMIT = 10_000;
/** Series one history request may read (a compare view of 1,000 runs). */
export const MAX_HISTORY_RUNS = 1000;

export interface SeriesPoint extends MetricPoint {
  /** null unless sampled */
  min: number | null;
  max: number | null;
  count: number | null;
}

export interface MetricSeries {
  runId: string;
  key: string;
  totalPoints: number;
  sampled: boolean;
  bucketWidth: number | null;
  lastSeq: number;
  points: SeriesPoint[];
}

export interface HistoryWindow {
  maxPoints?: number;
  minStep?: number | null;
  maxStep?: number | null;
}

/**
 * Reading metric series: downsampled histories (from the pyramid), the exact raw series page by page,
 * the writes after a seq (subscriptions' replay and catch-up), and MLflow's sampled bulk history.
 */
export class HistoryStore {
  constructor(private readonly core: StoreCore) {}

  /**
   * A series downsampled as docs/architecture.md section 4 describes: the points of [minStep, maxStep] exactly when they are
   * at most maxPoints, else one point per aligned power-of-two step bucket (its last point, min, max and
   * count). The history and lastSeq come from one snapshot, so `sinceSeq: lastSeq` continues it exactly.
   */
  async series(runIds: readonly string[], key: string, window: HistoryWindow): Promise<MetricSeries[]> {
    checkRunIds(runIds, 'runIds', MAX_HISTORY_RUNS);
    const maxPoints = window.maxPoints ?? 1000;
    if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > MAX_POINTS_LIMIT) {
      throw invalid(`maxPoints: must be between 1 and ${MAX_POINTS_LIMIT}, got ${maxPoints}`, 'maxPoints');
    }
    const minStep = window.minStep == null ? undefined : checkLong(window.minStep, 'minStep');
    const maxStep = window.maxStep == null ? undefined : checkLong(window.maxStep, 'maxStep');
    if (minStep !== undefined && maxStep !== undefined && minStep > maxStep) {
      throw invalid(`minStep: must not exceed maxStep (${minStep} > ${maxStep})`, 'minStep');
    }
    return this.core.read(async (trx) => {
      const seqs = await runs.metricSeqs(trx, runIds);
      const out: MetricSeries[] = [];
      for (const runId of runIds) {
        const lastSeq = seqs.get(runId);
        if (lastSeq === undefined) throw notFound(`runId: no run with id=${runId} exists`, 'runId');
        out.push(await seriesOf(trx, runId, key, lastSeq, maxPoints, minStep, maxStep));
      }
      return out;
    });
  }

  /** One page of the exact raw series, in (step, timestamp) order. */
  async points(runId: string, key: string, first: number, after?: PointCursor) {
    return this.core.read(async (trx) => {
      if (!(await runs.findById(trx, runId))) throw notFound(`runId: no run with id=${runId} exists`, 'runId');
      const rows = await metrics.pointsPage(trx, runId, key, after, first + 1);
      const total = await metrics.countSeries(trx, runId, key);
      return { points: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: total };
    });
  }

  /**
   * A run's committed metric writes with seq in (afterSeq, untilSeq], one MetricWrite per seq, filtered
   * by keys, at most about `limit` points (never a partial write).
   */
  async writesSince(
    runId: string,
    afterSeq: number,
    untilSeq: number,
    keys: readonly string[] | undefined,
    limit: number,
  ): Promise<{ writes: MetricWrite[]; complete: boolean; lastSeq: number }> {
    if (keys && keys.length === 0) return { writes: [], complete: true, lastSeq: untilSeq };
    const rows = await metrics.pointsSince(this.core.db.kysely, runId, afterSeq, untilSeq, keys, limit + 1);
    let complete = rows.length <= limit;
    // Drop the (possibly partial) last write when the page was cut.
    const cutSeq = complete ? Number.POSITIVE_INFINITY : (rows[rows.length - 1] as { seq: number }).seq;
    const writes: MetricWrite[] = [];
    for (const r of rows) {
      if (r.seq >= cutSeq) break;
      let write = writes[writes.length - 1];
      if (!write || write.seq !== r.seq) writes.push((write = { runId, seq: r.seq, metrics: [] }));
      write.metrics.push({ key: r.key, step: r.step, timestamp: r.timestamp, value: r.isNan ? Number.NaN : r.value });
    }
    if (!complete && writes.length === 0) {
      // One write bigger than the page: take it whole (a write has at most 1,000 points).
      const whole = await metrics.pointsSince(this.core.db.kysely, runId, afterSeq, cutSeq, keys, 1_000_000);
      writes.push({
        runId,
        seq: cutSeq,
        metrics: whole.map((r) => ({ key: r.key, step: r.step, timestamp: r.timestamp, value: r.isNan ? Number.NaN : r.value })),
      });
      complete = cutSeq >= untilSeq;
    }
    const lastSeq = complete ? untilSeq : (writes[writes.length - 1] as MetricWrite).seq;
    return { writes, complete, lastSeq };
  }

  async countSince(runId: string, afterSeq: number, keys?: readonly string[]) {
    if (keys && keys.length === 0) return 0;
    return metrics.countSince(this.core.db.kysely, runId, afterSeq, keys);
  }

  /**
   * MLflow's get-history-bulk-interval: each run's points at the sampled steps (metric-sampling.ts), so
   * MLflow's UI charts get exactly the points MLflow's server would give them.
   */
  async bulkInterval(args: BulkIntervalArgs): Promise<RunMetric[]> {
    checkBulkIntervalArgs(args);
    return this.core.read(async (trx) => {
      const known = await runs.metricSeqs(trx, args.runIds);
      const missing = args.runIds.find((id) => !known.has(id));
      if (missing !== undefined) throw notFound(`run_ids: no run with id=${missing} exists`, 'run_ids');
      const perRun = await Promise.all(args.runIds.map((id) => distinctSteps(trx, id, args.key)));
      const steps = sampledSteps(perRun, args.maxResults, args.startStep, args.endStep);
      const out: RunMetric[] = [];
      for (const runId of args.runIds) {
        for (const p of await pointsAtSteps(trx, runId, args.key, steps, MAX_POINTS_PER_RUN)) {
          out.push({ runId, key: args.key, step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value });
        }
      }
      return out;
    });
  }
}

/** A list of run ids to read at once: bounded, and each id once (a repeated id would multiply the work). */
export function checkRunIds(runIds: readonly string[], field: string, max: number): void {
  if (runIds.length > max) throw invalid(`${field}: at most ${max} runs per request, got ${runIds.length}`, field);
  const seen = new Set<string>();
  for (const id of runIds) {
    if (seen.has(id)) throw invalid(`${field}: run ${id} is listed more than once`, field);
    seen.add(id);
  }
}

async function seriesOf(
  trx: Queryable,
  runId: string,
  key: string,
  lastSeq: number,
  maxPoints: number,
  minStep: number | undefined,
  maxStep: number | undefined,
): Promise<MetricSeries> {
  const empty: MetricSeries = { runId, key, totalPoints: 0, sampled: false, bucketWidth: null, lastSeq, points: [] };
  const info = await metrics.seriesInfo(trx, runId, key);
  if (!info) return empty;
  const a = Math.max(minStep ?? info.minStep, info.minStep);
  const b = Math.min(maxStep ?? info.maxStep, info.maxStep);
  if (a > b) return empty;
  const wholeSeries = a === info.minStep && b === info.maxStep;
  if (wholeSeries && info.count <= maxPoints) {
    // The stored count already says the whole series fits: read it once, exactly.
    const points = await metrics.pointRange(trx, runId, key, a, b);
    points.sort(comparePoints);
    return { ...empty, totalPoints: info.count, points: points.map(exactPoint) };
  }
  const level = widthLevel(a, b, maxPoints);
  const pieces = decompose(a, b, level);

  // Count first: a window that fits is returned exactly, whatever its width.
  const nodes: MetricBucketRow[] = [];
  const raw: SeriesRow[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'nodes') nodes.push(...(await metrics.bucketRange(trx, runId, key, piece.level, piece.from, piece.to)));
    else raw.push(...(await metrics.pointRange(trx, runId, key, piece.from, piece.to)));
  }
  const total = wholeSeries ? info.count : raw.length + nodes.reduce((n, node) => n + node.count, 0);
  if (total <= maxPoints) {
    const points = nodes.length ? await metrics.pointRange(trx, runId, key, a, b) : raw;
    points.sort(comparePoints);
    return { ...empty, totalPoints: total, points: points.map(exactPoint) };
  }
  return { ...empty, totalPoints: total, sampled: true, bucketWidth: 2 ** level, points: aggregate(nodes, raw, level) };
}

/**
 * Steps are Longs (|step| <= 2^53-1), so at 2^53 every step falls in bucket -1 or 0: no wider bucket
 * changes anything. A window across step 0 therefore always spans 2 buckets, and maxPoints = 1 gets
 * 2 points there rather than a width of Infinity.
 */
const MAX_WIDTH_LEVEL = 53;

/** The smallest k such that aligned buckets of 2^k steps spanning [a, b] number at most maxPoints. */
export function widthLevel(a: number, b: number, maxPoints: number): number {
  let k = 0;
  while (k < MAX_WIDTH_LEVEL && Math.floor(b / 2 ** k) - Math.floor(a / 2 ** k) + 1 > maxPoints) k++;
  return k;
}

interface Accumulator {
  count: number;
  min: number | null;
  max: number | null;
  last: SeriesRow;
}

function aggregate(nodes: readonly MetricBucketRow[], raw: readonly SeriesRow[], level: number): SeriesPoint[] {
  const width = 2 ** level;
  const buckets = new Map<number, Accumulator>();
  const add = (step: number, count: number, min: number | null, max: number | null, last: SeriesRow) => {
    const k = Math.floor(step / width);
    const acc = buckets.get(k);
    if (!acc) {
      buckets.set(k, { count, min, max, last });
      return;
    }
    acc.count += count;
    if (min !== null && (acc.min === null || min < acc.min)) acc.min = min;
    if (max !== null && (acc.max === null || max > acc.max)) acc.max = max;
    if (comparePoints(last, acc.last) > 0) acc.last = last;
  };
  for (const n of nodes) {
    const last = { step: n.last_step, timestamp: n.last_timestamp, seq: n.last_seq, value: n.last_value, isNan: n.last_is_nan };
    add(n.last_step, n.count, n.min, n.max, last);
  }
  for (const p of raw) add(p.step, 1, p.isNan ? null : p.value, p.isNan ? null : p.value, p);
  return [...buckets.keys()]
    .sort((x, y) => x - y)
    .map((k) => {
      const acc = buckets.get(k) as Accumulator;
      return { ...metricPointOf(acc.last), min: acc.min, max: acc.max, count: acc.count };
    });
}

function metricPointOf(p: SeriesRow): MetricPoint {
  return { key: '', step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value };
}

function exactPoint(p: SeriesRow): SeriesPoint {
  return { ...metricPointOf(p), min: null, max: null, count: null };
}

