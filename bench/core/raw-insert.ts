import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import { type Db, connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';
import { type BatchShape, forEachPoint, metricKeys } from '../lib/metric-batches.js';
import { tempDir } from '../lib/tmp.js';

export interface InsertRound {
  rows: number;
  seconds: number;
  cpuSeconds: number;
}

/**
 * The physical limit of trackline's metrics layout: better-sqlite3 inserting into a table with exactly
 * the DDL and indexes of the migrated `metrics` table (read back from sqlite_master), opened with
 * db/connect.ts (so with its pragmas), one prepared statement, 1,000-row transactions, the same rows
 * as the HTTP ingest bench. Rounds continue where the previous one stopped, so they can be interleaved
 * with the ingest rounds and share the machine's conditions.
 */
export class RawMetricsTable {
  private nextBatch = 0;

  private constructor(
    private readonly db: Db,
    private readonly writeBatch: (runId: string, batch: number) => void,
    private readonly runIds: readonly string[],
    private readonly shape: BatchShape,
    private readonly dir: { remove(): void },
  ) {}

  static async open(options: { runs: number; shape: BatchShape }): Promise<RawMetricsTable> {
    const dir = tempDir('raw');
    const ddl = await metricsTableDdl(dir.file('migrated.db'));
    const db = connect(dir.file('raw.db'));
    const raw = db.sqlite as SQLite.Database;
    for (const statement of ddl) raw.exec(statement);
    const insert = raw.prepare('INSERT INTO metrics (run_id, key, step, timestamp, is_nan, value, seq) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const keys = metricKeys(options.shape);
    const writeBatch = raw.transaction((runId: string, b: number) => {
      forEachPoint(options.shape, b, keys, (key, step, timestamp, value) => {
        insert.run(runId, key, step, timestamp, 0, value, b + 1);
      });
    });
    const runIds = Array.from({ length: options.runs }, () => randomBytes(16).toString('hex'));
    return new RawMetricsTable(db, writeBatch, runIds, options.shape, dir);
  }

  /** Inserts the next `batches` batches of every run, round-robin as concurrent clients' batches interleave. */
  insert(batches: number): InsertRound {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let b = this.nextBatch; b < this.nextBatch + batches; b++) for (const runId of this.runIds) this.writeBatch(runId, b);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    this.nextBatch += batches;
    return { rows: batches * this.runIds.length * this.shape.pointsPerBatch, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  }

  async close(): Promise<void> {
    await this.db.close();
    this.dir.remove();
  }
}

/** CREATE TABLE and CREATE INDEX statements of `metrics` in a freshly migrated trackline database. */
async function metricsTableDdl(file: string): Promise<string[]> {
  const store = await new TrackingStore(connect(file)).init();
  const raw = store.db.sqlite as SQLite.Database;
  const rows = raw
    .prepare("SELECT type, sql FROM sqlite_master WHERE tbl_name = 'metrics' AND sql IS NOT NULL ORDER BY type = 'index', name")
    .all() as { type: string; sql: string }[];
  await store.close();
  if (!rows.some((r) => r.type === 'table')) throw new Error('raw insert: the migrated database has no metrics table');
  return rows.map((r) => r.sql);
}
