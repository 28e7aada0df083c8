import type SQLite from 'better-sqlite3';
import { type CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import type { Db } from '../connect.js';
import type { RunMetric } from '../store/model.js';
import type { BucketSummary, PyramidPoint } from '../store/pyramid.js';
import type { Database, LatestMetricsTable, MetricBucketRow, MetricBucketsTable } from '../types.js';
import { LIMITS } from '../validation.js';

type Q = Kysely<Database>;

export interface NewPoint {
  key: string;
  step: number;
  timestamp: number;
  value: number; // 0 when NaN
  isNan: number;
}

export interface StoredPoint extends NewPoint {
  seq: number;
}

const INSERT_SQL =
  'INSERT OR IGNORE INTO metrics (run_id, key, step, timestamp, is_nan, value, seq) VALUES (?, ?, ?, ?, ?, ?, ?)';

/**
 * Inserts a write's points and returns those that were new (exact duplicates are ignored, so a
 * replayed batch is idempotent). SQLite: one prepared statement run per point, synchronously, on the
 * connection that holds the caller's transaction; Postgres: multi-row INSERT ... ON CONFLICT DO NOTHING
 * RETURNING.
 */
export async function insertPoints(db: Db, trx: Q, runId: string, seq: number, points: readonly NewPoint[]) {
  if (db.sqlite) {
    const stmt = prepared(db.sqlite, INSERT_SQL);
    const inserted: NewPoint[] = [];
    for (const p of points) {
      if (stmt.run(runId, p.key, p.step, p.timestamp, p.isNan, p.value, seq).changes === 1) inserted.push(p);
    }
    return inserted;
  }
  const inserted: NewPoint[] = [];
  for (let i = 0; i < points.length; i += 1000) {
    const rows = await trx
      .insertInto('metrics')
      .values(
        points.slice(i, i + 1000).map((p) => ({
          run_id: runId,
          key: p.key,
          step: p.step,
          timestamp: p.timestamp,
          is_nan: p.isNan,
          value: p.value,
          seq,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['key', 'step', 'timestamp', 'is_nan', 'value'])
      .execute();
    for (const r of rows) {
      inserted.push({ key: r.key, step: Number(r.step), timestamp: Number(r.timestamp), value: r.value, isNan: r.is_nan });
    }
  }
  return inserted;
}

/** Per key: the write's max point by (step, timestamp, value), its smallest step and how many points it added. */
export interface LatestCandidate extends NewPoint {
  minStep: number;
  count: number;
}

// Each column of the latest row is replaced only when the candidate wins MLflow's comparison.
const latestWins = sql`(excluded.step, excluded.timestamp, excluded.value) > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)`;
const takeIfLatest = (col: string) =>
  sql<number>`CASE WHEN ${latestWins} THEN ${sql.ref(`excluded.${col}`)} ELSE ${sql.ref(`latest_metrics.${col}`)} END`;

/**
 * Merges each key's candidate into latest_metrics; returns the keys whose latest value the candidate
 * became (a point logged late at an older step changes the history, not the latest value).
 */
export async function upsertLatest(db: Db, trx: Q, runId: string, candidates: readonly LatestCandidate[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = candidates.map((c) => ({
    run_id: runId,
    key: c.key,
    step: c.step,
    timestamp: c.timestamp,
    value: c.value,
    is_nan: c.isNan,
    min_step: c.minStep,
    point_count: c.count,
  }));
  const stored = db.sqlite
    ? getPerRow<StoredLatest>(db.sqlite, 'latest_metrics', () => latestUpsert(db.kysely, rows.slice(0, 1)).compile(), rows)
    : await latestUpsert(trx, rows).execute();
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  const changed = new Set<string>();
  for (const row of stored) {
    const c = byKey.get(row.key);
    if (c && Number(row.step) === c.step && Number(row.timestamp) === c.timestamp && row.value === c.value && row.is_nan === c.isNan) {
      changed.add(row.key);
    }
  }
  return changed;
}

type StoredLatest = { key: string; step: number; timestamp: number; value: number; is_nan: number };

function latestUpsert(q: Q, rows: readonly LatestRow[]) {
  return q
    .insertInto('latest_metrics')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['run_id', 'key']).doUpdateSet({
        // is_nan and value first: all CASEs read the old row, so the order of SET items does not matter.
        step: takeIfLatest('step'),
        timestamp: takeIfLatest('timestamp'),
        value: takeIfLatest('value'),
        is_nan: takeIfLatest('is_nan'),
        min_step: sql<number>`CASE WHEN excluded.min_step < latest_metrics.min_step THEN excluded.min_step ELSE latest_metrics.min_step END`,
        point_count: sql<number>`latest_metrics.point_count + excluded.point_count`,
      }),
    )
    .returning(['key', 'step', 'timestamp', 'value', 'is_nan']);
}

type LatestRow = Insertable<LatestMetricsTable>;

const bucketLastWins = sql`(excluded.last_step, excluded.last_timestamp, excluded.last_seq, excluded.last_value) > (metric_buckets.last_step, metric_buckets.last_timestamp, metric_buckets.last_seq, metric_buckets.last_value)`;
const takeIfLast = (col: string) =>
  sql<number>`CASE WHEN ${bucketLastWins} THEN ${sql.ref(`excluded.${col}`)} ELSE ${sql.ref(`metric_buckets.${col}`)} END`;

/** Merges a write's bucket summaries into the pyramid (count adds up, min/max widen, last may move). */
export async function upsertBuckets(db: Db, trx: Q, runId: string, summaries: readonly BucketSummary[]): Promise<void> {
  if (summaries.length === 0) return;
  const rows = summaries.map((s) => ({
    run_id: runId,
    key: s.key,
    level: s.level,
    bucket: s.bucket,
    count: s.count,
    min: s.min,
    max: s.max,
    last_step: s.last.step,
    last_timestamp: s.last.timestamp,
    last_seq: s.last.seq,
    last_value: s.last.value,
    last_is_nan: s.last.isNan,
  }));
  if (db.sqlite) return runPerRow(db.sqlite, 'metric_buckets', () => bucketUpsert(db.kysely, rows.slice(0, 1)).compile(), rows);
  // 12 columns per row: 500 rows stay well under both dialects' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) await bucketUpsert(trx, rows.slice(i, i + 500)).execute();
}

function bucketUpsert(q: Q, rows: readonly BucketRow[]) {
  return q
    .insertInto('metric_buckets')
    .values(rows)
    .onConflict((oc) =>
        oc.columns(['run_id', 'key', 'level', 'bucket']).doUpdateSet({
          count: sql<number>`metric_buckets.count + excluded.count`,
          min: sql<number>`CASE WHEN excluded.min IS NULL THEN metric_buckets.min WHEN metric_buckets.min IS NULL OR excluded.min < metric_buckets.min THEN excluded.min ELSE metric_buckets.min END`,
          max: sql<number>`CASE WHEN excluded.max IS NULL THEN metric_buckets.max WHEN metric_buckets.max IS NULL OR excluded.max > metric_buckets.max THEN excluded.max ELSE metric_buckets.max END`,
          last_step: takeIfLast('last_step'),
          last_timestamp: takeIfLast('last_timestamp'),
          last_seq: takeIfLast('last_seq'),
          last_value: takeIfLast('last_value'),
          last_is_nan: takeIfLast('last_is_nan'),
        }),
      );
}

type BucketRow = Insertable<MetricBucketsTable>;

/**
 * SQLite hot path: the same statement Kysely builds for one row, compiled and prepared once per
 * connection, then run per row on the raw handle (synchronously, inside the caller's transaction).
 * Building and compiling a many-row upsert through the query builder cost more than SQLite's work.
 */
function runPerRow(raw: SQLite.Database, name: string, compileOne: () => CompiledQuery, rows: readonly object[]): void {
  const stmt = upsertStatement(raw, name, compileOne);
  // Kysely binds a row's values in the order of its keys, which is how the rows were built.
  for (const row of rows) stmt.run(Object.values(row));
}

/** runPerRow for a statement with RETURNING: the row each run returned. */
function getPerRow<T>(raw: SQLite.Database, name: string, compileOne: () => CompiledQuery, rows: readonly object[]): T[] {
  const stmt = upsertStatement(raw, name, compileOne);
  return rows.map((row) => stmt.get(Object.values(row)) as T);
}

/** The one-row form of an upsert, compiled by Kysely once per process and prepared once per connection. */
function upsertStatement(raw: SQLite.Database, name: string, compileOne: () => CompiledQuery): SQLite.Statement {
  let sqlText = upsertSql.get(name);
  if (sqlText === undefined) upsertSql.set(name, (sqlText = compileOne().sql));
  return prepared(raw, sqlText);
}

const upsertSql = new Map<string, string>();
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** One prepared statement per SQL text and connection (preparing costs about as much as a few runs). */
function prepared(raw: SQLite.Database, sqlText: string): SQLite.Statement {
  let byText = statements.get(raw);
  if (!byText) statements.set(raw, (byText = new Map()));
  let stmt = byText.get(sqlText);
  if (!stmt) byText.set(sqlText, (stmt = raw.prepare(sqlText)));
  return stmt;
}

const toValue = (value: number, isNan: number) => (isNan ? Number.NaN : value);

export async function latestForRuns(db: Q, runIds: readonly string[]): Promise<RunMetric[]> {
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

export async function seriesInfo(db: Q, runId: string, key: string): Promise<SeriesInfo | undefined> {
  const row = await db
    .selectFrom('latest_metrics')
    .select(['min_step', 'step', 'point_count'])
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { minStep: Number(row.min_step), maxStep: Number(row.step), count: Number(row.point_count) };
}

export async function bucketRange(
  db: Q,
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

export async function pointRange(db: Q, runId: string, key: string, from: number, to: number): Promise<PyramidPoint[]> {
  const rows = await db
    .selectFrom('metrics')
    .select(['step', 'timestamp', 'seq', 'value', 'is_nan'])
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .where('step', '>=', from)
    .where('step', '<=', to)
    .execute();
  return rows.map(toPyramidPoint);
}

export async function countRange(db: Q, runId: string, key: string, from: number, to: number): Promise<number> {
  const row = await db
    .selectFrom('metrics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('key', '=', key)
    .where('step', '>=', from)
    .where('step', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const toPyramidPoint = (r: { step: number; timestamp: number; seq: number; value: number; is_nan: number }) => ({
  step: Number(r.step),
  timestamp: Number(r.timestamp),
  seq: Number(r.seq),
  value: r.value,
  isNan: r.is_nan,
});

/** One page of the raw series in primary-key order (step, timestamp, is_nan, value): unique and index-ordered. */
export async function pointsPage(
  db: Q,
  runId: string,
  key: string,
  after: { step: number; timestamp: number; isNan: number; value: number } | undefined,
  limit: number,
): Promise<PyramidPoint[]> {
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
  return rows.map(toPyramidPoint);
}

export async function countSeries(db: Q, runId: string, key: string): Promise<number> {
  return (await seriesInfo(db, runId, key))?.count ?? 0;
}

/** The run's metric writes after `afterSeq`, in seq order, at most `limit` points (whole writes only). */
export async function pointsSince(
  db: Q,
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

export async function countSince(db: Q, runId: string, afterSeq: number, keys: readonly string[] | undefined) {
  let q = db
    .selectFrom('metrics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('seq', '>', afterSeq);
  if (keys) q = q.where('key', 'in', keys);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
