import type SQLite from 'better-sqlite3';
import { type CompiledQuery, type Insertable, sql } from 'kysely';
import type { Db, Queryable } from '../connect.js';
import type { LatestMetricsTable, MetricBucketsTable } from '../types.js';
import { BUCKET_LAST_ORDER, LATEST_ORDER } from '../metric-order.js';
import type { BucketSummary, NewPoint } from './metric-rows.js';

/** Writes of metric points and of the summaries kept beside them (latest values, the pyramid). */

const INSERT_SQL =
  'INSERT OR IGNORE INTO metrics (run_id, key, step, timestamp, is_nan, value, seq) VALUES (?, ?, ?, ?, ?, ?, ?)';

/**
 * Inserts a write's points and returns those that were new (exact duplicates are ignored, so a
 * replayed batch is idempotent). SQLite: one prepared statement run per point, synchronously, on the
 * connection that holds the caller's transaction; Postgres: multi-row INSERT ... ON CONFLICT DO NOTHING
 * RETURNING.
 */
export async function insertPoints(db: Db, trx: Queryable, runId: string, seq: number, points: readonly NewPoint[]) {
  if (db.sqlite) {
    const stmt = db.prepare(INSERT_SQL);
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

/** `(t.c1, t.c2, ...)`: a row value to compare a tuple of columns in one SQL comparison, as both dialects do. */
const tuple = (table: string, columns: readonly string[], prefix = '') => sql`(${sql.join(columns.map((c) => sql.ref(`${table}.${prefix}${c}`)))})`;

// Each column of the latest row is replaced only when the candidate is later (db/metric-order.ts).
const latestWins = sql`${tuple('excluded', LATEST_ORDER)} > ${tuple('latest_metrics', LATEST_ORDER)}`;
const takeIfLatest = (col: string) =>
  sql<number>`CASE WHEN ${latestWins} THEN ${sql.ref(`excluded.${col}`)} ELSE ${sql.ref(`latest_metrics.${col}`)} END`;

/**
 * Merges each key's candidate into latest_metrics; returns the keys whose latest value the candidate
 * became (a point logged late at an older step changes the history, not the latest value).
 */
export async function upsertLatest(db: Db, trx: Queryable, runId: string, candidates: readonly LatestCandidate[]): Promise<Set<string>> {
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
    ? getPerRow<StoredLatest>(db, 'latest_metrics', () => latestUpsert(db.kysely, rows.slice(0, 1)).compile(), rows)
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

function latestUpsert(q: Queryable, rows: readonly LatestRow[]) {
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

const bucketLastWins = sql`${tuple('excluded', BUCKET_LAST_ORDER, 'last_')} > ${tuple('metric_buckets', BUCKET_LAST_ORDER, 'last_')}`;
const takeIfLast = (col: string) =>
  sql<number>`CASE WHEN ${bucketLastWins} THEN ${sql.ref(`excluded.${col}`)} ELSE ${sql.ref(`metric_buckets.${col}`)} END`;

/** Merges a write's bucket summaries into the pyramid (count adds up, min/max widen, last may move). */
export async function upsertBuckets(db: Db, trx: Queryable, runId: string, summaries: readonly BucketSummary[]): Promise<void> {
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
  if (db.sqlite) return runPerRow(db, 'metric_buckets', () => bucketUpsert(db.kysely, rows.slice(0, 1)).compile(), rows);
  // 12 columns per row: 500 rows stay well under both dialects' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) await bucketUpsert(trx, rows.slice(i, i + 500)).execute();
}

function bucketUpsert(q: Queryable, rows: readonly BucketRow[]) {
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
function runPerRow(db: Db, name: string, compileOne: () => CompiledQuery, rows: readonly object[]): void {
  const stmt = upsertStatement(db, name, compileOne);
  // Kysely binds a row's values in the order of its keys, which is how the rows were built.
  for (const row of rows) stmt.run(Object.values(row));
}

/** runPerRow for a statement with RETURNING: the row each run returned. */
function getPerRow<T>(db: Db, name: string, compileOne: () => CompiledQuery, rows: readonly object[]): T[] {
  const stmt = upsertStatement(db, name, compileOne);
  return rows.map((row) => stmt.get(Object.values(row)) as T);
}

/** The one-row form of an upsert, compiled by Kysely once per process, prepared through the connection's cache. */
function upsertStatement(db: Db, name: string, compileOne: () => CompiledQuery): SQLite.Statement {
  let sqlText = upsertSql.get(name);
  if (sqlText === undefined) upsertSql.set(name, (sqlText = compileOne().sql));
  return db.prepare(sqlText);
}

const upsertSql = new Map<string, string>();

