import type { Db } from '../connect.js';
import type { ChangeListener } from '../entities.js';
import { migrateToLatest } from '../migrate.js';
import { StoreCore } from './core.js';
import { ExperimentStore } from './experiments.js';
import { HistoryStore } from './history.js';
import { InputStore } from './inputs.js';
import { LoggedModelStore } from './logged-models.js';
import { RunLog } from './run-log.js';
import { RunStore } from './runs.js';

/**
 * The tracking store: every rule of trackline lives behind this one entry point, which GraphQL
 * resolvers, the MLflow REST handlers and the read workers all call (nothing outside db/store imports
 * a module inside it but this one: `npm run check:deps`). Each write is one transaction, validated
 * before anything is written; listeners hear about it after commit.
 *
 *   experiments  experiments, their tags and soft delete (cascading to their runs)
 *   runs         runs: create, update, delete and restore (one or many), search, batched reads
 *   log          what is logged to a run: metrics, params, tags (one write path, atomic batches)
 *   history      reading metric series: downsampled, raw pages, replay after a seq, MLflow's sampling
 *   models       MLflow 3 logged models and run outputs
 *   inputs       MLflow run inputs (datasets)
 */
export class TrackingStore {
  readonly core: StoreCore;
  readonly experiments: ExperimentStore;
  readonly runs: RunStore;
  readonly log: RunLog;
  readonly history: HistoryStore;
  readonly models: LoggedModelStore;
  readonly inputs: InputStore;

  constructor(
    readonly db: Db,
    now?: () => number,
  ) {
    this.core = new StoreCore(db, now);
    this.experiments = new ExperimentStore(this.core);
    this.runs = new RunStore(this.core);
    this.log = new RunLog(this.core);
    this.history = new HistoryStore(this.core);
    this.models = new LoggedModelStore(this.core);
    this.inputs = new InputStore(this.core);
  }

  /** Migrates the schema and makes sure experiment "0" (Default) exists. */
  async init(): Promise<this> {
    await migrateToLatest(this.db.kysely);
    await this.experiments.ensureDefault();
    return this;
  }

  onChange(listener: ChangeListener): () => void {
    return this.core.onChange(listener);
  }

  /** Waits for in-flight writes, then closes the database. */
  async close(): Promise<void> {
    await this.core.drain();
    await this.db.close();
  }
}

export * from '../entities.js';
export { LIMITS, RESERVED_ARTIFACT_PREFIX, isRunIdShape } from '../validation.js';
export type { MetricInput } from './run-log.js';
export { MAX_HISTORY_RUNS, MAX_POINTS_LIMIT, checkRunIds, type HistoryWindow, type MetricSeries, type SeriesPoint } from './history.js';
export { isLater } from '../metric-order.js';
export { BULK_INTERVAL_MAX_RESULTS } from './metric-sampling.js';
export { decodePointCursor, encodePointCursor } from './point-cursor.js';
