import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';
import { type BatchShape, forEachPoint, metricKeys } from '../lib/metric-batches.js';
import { tempDir } from '../lib/tmp.js';

/**
 * The physical limit of trackline's metrics layout: rows/s that better-sqlite3 inserts into a table
 * with exactly the DDL and indexes of the migrated `metrics` table (read back from sqlite_master), with
 * the pragmas of db/connect.ts, one prepared statement, 1,000-row transactions, the same rows as the
 * HTTP ingest bench.
 */
export async function rawInsertRate(options: { runs: number; batchesPerRun: number; shape: BatchShape }): Promise<{ rowsPerSecond: number; rows: number; seconds: number }> {
  const dir = tempDir('raw');
  try {
    const ddl = await metricsTableDdl(dir.file('migrated.db'));
    const db = connect(dir.file('raw.db'));
    const raw = db.sqlite as NonNullable<typeof db.sqlite>;
    for (const statement of ddl) raw.exec(statement);
    const insert = raw.prepare('INSERT INTO metrics (run_id, key, step, timestamp, is_nan, value, seq) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const keys = metricKeys(options.shape);
    const runIds = Array.from({ length: options.runs }, () => randomBytes(16).toString('hex'));
    const writeBatch = raw.transaction((runId: string, b: number) => {
      forEachPoint(options.shape, b, keys, (key, step, timestamp, value) => {
        insert.run(runId, key, step, timestamp, 0, value, b + 1);
      });
    });
    const started = performance.now();
    // Round-robin over runs, as the concurrent clients' batches interleave on the server.
    for (let b = 0; b < options.batchesPerRun; b++) for (const runId of runIds) writeBatch(runId, b);
    const seconds = (performance.now() - started) / 1000;
    await db.close();
    const rows = options.runs * options.batchesPerRun * options.shape.pointsPerBatch;
    return { rowsPerSecond: rows / seconds, rows, seconds };
  } finally {
    dir.remove();
  }
}

/** CREATE TABLE and CREATE INDEX statements of `metrics` in a freshly migrated trackline database. */
async function metricsTableDdl(file: string): Promise<string[]> {
  const store = await new TrackingStore(connect(file)).init();
  const raw = store.db.sqlite as NonNullable<typeof store.db.sqlite>;
  const rows = raw
    .prepare("SELECT type, sql FROM sqlite_master WHERE tbl_name = 'metrics' AND sql IS NOT NULL ORDER BY type = 'index', name")
    .all() as { type: string; sql: string }[];
  await store.close();
  if (!rows.some((r) => r.type === 'table')) throw new Error('raw insert: the migrated database has no metrics table');
  return rows.map((r) => r.sql);
}
