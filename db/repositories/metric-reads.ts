import { sql } from 'kysely';
import type { Queryable } from '../connect.js';
import type { RunMetric } from '../entities.js';
import type { MetricBucketRow } from '../types.js';
import { LIMITS } from '../validation.js';
import type { SeriesRow, StoredPoint } from './metric-rows.js';

/** Reads of metric points and of their summaries: latest values, series ranges, pyramid buckets, replay. */

const toValue = (value: number, isNan: number) => (isNan ? Number.NaN : value);

export async function latestForRuns(db: Queryable, runIds: readonly string[]): Promise<RunMetric[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('latest_metrics')
    .select(['run_id', 'key', 'step', 'timestamp', 'value', 'is_nan'])
    .where('run_id', 'in', runIds)
    .orderBy('run_id')
    .orderBy('key')
    .limit(LIMITS.rowsPerRead + 1)
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    key: r.key,
    value: toValue(r.value, r.is_nan),
    step: Number(r.step),
    timestamp: Number(r.timestamp),
  }));
}

export interface SeriesInfo {
  minStep: number;
  maxStep: number;
  count: number;
}

export async function seriesInfo(db: Queryable, runId: string, key: string): Promise<SeriesInfo | undefined> {
  const row = await db
    .selectFrom('latest_metrics')
    .select(['min_step', 'step', 'point_count'])
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { minStep: Number(row.min_step), maxStep: Number(row.step), count: Number(row.point_count) };
}

export async function bucketRange(
  db: Queryable,
  runId: string,
  key: string,
  level: number,
  from: number,
  to: number,
): Promise<MetricBucketRow[]> {
  const rows = await db
    .selectFrom('metric_buckets')
    .selectAll()
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .where('level', '=', level)
    .where('bucket', '>=', from)
    .where('bucket', '<=', to)
    .execute();
  return rows.map((r) => ({
    ...r,
    bucket: Number(r.bucket),
    count: Number(r.count),
    last_step: Number(r.last_step),
    last_timestamp: Number(r.last_timestamp),
    last_seq: Number(r.last_seq),
  }));
}

export async function pointRange(db: Queryable, runId: string, key: string, from: number, to: number): Promise<SeriesRow[]> {
  const rows = await db
    .selectFrom('metrics')
    .select(['step', 'timestamp', 'seq', 'value', 'is_nan'])
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .where('step', '>=', from)
    .where('step', '<=', to)
    .execute();
  return rows.map(toSeriesRow);
}

const toSeriesRow = (r: { step: number; timestamp: number; seq: number; value: number; is_nan: number }) => ({
  step: Number(r.step),
  timestamp: Number(r.timestamp),
  seq: Number(r.seq),
  value: r.value,
  isNan: r.is_nan,
});

/** One page of the raw series in primary-key order (step, timestamp, is_nan, value): unique and index-ordered. */
export async function pointsPage(
  db: Queryable,
  runId: string,
  key: string,
  after: { step: number; timestamp: number; isNan: number; value: number } | undefined,
  limit: number,
): Promise<SeriesRow[]> {
  let q = db
    .selectFrom('metrics')
    .select(['step', 'timestamp', 'seq', 'value', 'is_nan'])
    .where('run_id', '=', runId)
    .where('key', '=', key);
  if (after) {
    q = q.where(
      (eb) =>
        sql<boolean>`(${eb.ref('step')}, ${eb.ref('timestamp')}, ${eb.ref('is_nan')}, ${eb.ref('value')}) > (${after.step}, ${after.timestamp}, ${after.isNan}, ${after.value})`,
    );
  }
  const rows = await q.orderBy('step').orderBy('timestamp').orderBy('is_nan').orderBy('value').limit(limit).execute();
  return rows.map(toSeriesRow);
}

export async function countSeries(db: Queryable, runId: string, key: string): Promise<number> {
  return (await seriesInfo(db, runId, key))?.count ?? 0;
}

/** The run's metric writes after `afterSeq`, in seq order, at most `limit` points (whole writes only). */
export async function pointsSince(
  db: Queryable,
  runId: string,
  afterSeq: number,
  untilSeq: number,
  keys: readonly string[] | undefined,
  limit: number,
): Promise<Array<StoredPoint>> {
  let q = db
    .selectFrom('metrics')
    .select(['key', 'step', 'timestamp', 'seq', 'value', 'is_nan'])
    .where('run_id', '=', runId)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', untilSeq);
  if (keys) q = q.where('key', 'in', keys);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    key: r.key,
    step: Number(r.step),
    timestamp: Number(r.timestamp),
    seq: Number(r.seq),
    value: r.value,
    isNan: r.is_nan,
  }));
}

export async function countSince(db: Queryable, runId: string, afterSeq: number, keys: readonly string[] | undefined) {
  let q = db
    .selectFrom('metrics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('seq', '>', afterSeq);
  if (keys) q = q.where('key', 'in', keys);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
