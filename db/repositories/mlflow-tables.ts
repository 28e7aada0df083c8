import type { Kysely } from 'kysely';
import type { Database } from '../types.js';

/**
 * The Kysely view of the tables of migration 0002 (MLflow inputs, logged models, outputs). Kept beside
 * their repositories so the core Database type stays as it is; `withMlflowTables` widens a handle.
 */
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

export interface MlflowTables {
  datasets: DatasetsTable;
  run_inputs: RunInputsTable;
  input_tags: InputTagsTable;
  logged_models: LoggedModelsTable;
  logged_model_params: ModelKeyValueTable;
  logged_model_tags: ModelKeyValueTable;
  logged_model_metrics: LoggedModelMetricsTable;
  run_outputs: RunOutputsTable;
}

export type MlflowDb = Kysely<Database & MlflowTables>;

/** The same connection (or transaction), typed with the MLflow tables too. */
export function withMlflowTables(db: Kysely<Database>): MlflowDb {
  return db as unknown as MlflowDb;
}
