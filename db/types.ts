import type { Generated, Selectable } from 'kysely';
import type { LifecycleStage, RunStatus } from './entities.js';

/**
 * The Kysely view of trackline's tables. Times and steps are epoch-ms / int64 numbers (< 2^53);
 * booleans are 0/1 integers so the same rows come back on SQLite and Postgres.
 */
export interface ExperimentsTable {
  id: Generated<number>;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
}

export interface ExperimentTagsTable {
  experiment_id: number;
  key: string;
  value: string;
}

export interface RunsTable {
  id: string;
  experiment_id: number;
  name: string;
  status: RunStatus;
  user_id: string;
  start_time: number;
  end_time: number | null;
  deleted_time: number | null;
  lifecycle_stage: LifecycleStage;
  artifact_uri: string;
  parent_run_id: string | null;
  /** seq of the run's last committed metric write (0: none yet) */
  metric_seq: number;
}

export interface ParamsTable {
  run_id: string;
  key: string;
  value: string;
}

export interface TagsTable {
  run_id: string;
  key: string;
  value: string;
}

/** One row per distinct point; NaN is value 0 with is_nan 1 (SQLite binds NaN as NULL). */
export interface MetricsTable {
  run_id: string;
  key: string;
  step: number;
  timestamp: number;
  is_nan: number;
  value: number;
  seq: number;
}

/** MLflow's latest value per (run, key), plus the series' step range and size for history queries. */
export interface LatestMetricsTable {
  run_id: string;
  key: string;
  step: number;
  timestamp: number;
  value: number;
  is_nan: number;
  min_step: number;
  point_count: number;
}

/**
 * The downsampling pyramid: one row per non-empty aligned bucket of 2^level steps.
 * `last_*` is the bucket's last point by (step, timestamp, seq); min/max skip NaN (null when all NaN).
 */
export interface MetricBucketsTable {
  run_id: string;
  key: string;
  level: number;
  bucket: number;
  count: number;
  min: number | null;
  max: number | null;
  last_step: number;
  last_timestamp: number;
  last_seq: number;
  last_value: number;
  last_is_nan: number;
}

// Migration 0002: MLflow's run inputs (datasets), MLflow 3 logged models and run outputs.

export interface DatasetsTable {
  id: string;
  experiment_id: number;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

export interface RunInputsTable {
  id: string;
  run_id: string;
  /** 'DATASET' or 'MODEL' */
  source_type: string;
  source_id: string;
  /** insertion order, so a run's inputs come back in the order they were logged */
  created_order: number;
}

export interface InputTagsTable {
  input_id: string;
  key: string;
  value: string;
}

export interface LoggedModelsTable {
  id: string;
  experiment_id: number;
  name: string;
  artifact_uri: string;
  status: string;
  status_message: string | null;
  model_type: string;
  source_run_id: string | null;
  lifecycle_stage: string;
  creation_time: number;
  last_updated_time: number;
}

export interface ModelKeyValueTable {
  model_id: string;
  key: string;
  value: string;
}

export interface LoggedModelMetricsTable {
  model_id: string;
  run_id: string;
  key: string;
  step: number;
  timestamp: number;
  is_nan: number;
  value: number;
  dataset_name: string;
  dataset_digest: string;
}

export interface RunOutputsTable {
  run_id: string;
  model_id: string;
  step: number;
}

export interface Database {
  experiments: ExperimentsTable;
  experiment_tags: ExperimentTagsTable;
  runs: RunsTable;
  params: ParamsTable;
  tags: TagsTable;
  metrics: MetricsTable;
  latest_metrics: LatestMetricsTable;
  metric_buckets: MetricBucketsTable;
  datasets: DatasetsTable;
  run_inputs: RunInputsTable;
  input_tags: InputTagsTable;
  logged_models: LoggedModelsTable;
  logged_model_params: ModelKeyValueTable;
  logged_model_tags: ModelKeyValueTable;
  logged_model_metrics: LoggedModelMetricsTable;
  run_outputs: RunOutputsTable;
}

export type ExperimentRow = Selectable<ExperimentsTable>;
export type RunRow = Selectable<RunsTable>;
export type MetricBucketRow = Selectable<MetricBucketsTable>;
