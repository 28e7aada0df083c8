/**
 * The tracking domain as the store hands it to the APIs (camelCase, ids as strings, times as epoch ms),
 * and the vocabularies the APIs share: run statuses, lifecycle stages, change kinds, system tags. The
 * one home of these lists: the GraphQL enums, the MLflow REST mapping and the store's checks use them.
 */

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const LIFECYCLE_STAGES = ['active', 'deleted'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** What one committed write changed about a run (runChanged's kinds). */
export const RUN_CHANGES = ['CREATED', 'UPDATED', 'DELETED', 'RESTORED', 'PARAMS', 'TAGS', 'METRICS', 'ARTIFACTS'] as const;
export type RunChange = (typeof RUN_CHANGES)[number];

/** What one committed write changed about an experiment (experimentChanged's kind). */
export const EXPERIMENT_CHANGES = ['CREATED', 'RENAMED', 'DELETED', 'RESTORED', 'TAGS', 'RUNS'] as const;
export type ExperimentChange = (typeof EXPERIMENT_CHANGES)[number];

/** MLflow's system tags that the store itself reads or keeps in sync. */
export const SYSTEM_TAGS = {
  runName: 'mlflow.runName',
  parentRunId: 'mlflow.parentRunId',
  user: 'mlflow.user',
  note: 'mlflow.note.content',
} as const;

export interface Experiment {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
}

export interface Run {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  userId: string;
  startTime: number;
  endTime: number | null;
  deletedTime: number | null;
  lifecycleStage: LifecycleStage;
  artifactUri: string;
  parentRunId: string | null;
  /** seq of the run's last committed metric write (0: none) */
  metricSeq: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

/** A metric point as the APIs see it; value may be NaN or ±Infinity. */
export interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface RunKeyValue extends KeyValue {
  runId: string;
}

export interface RunMetric extends MetricPoint {
  runId: string;
}

/** One committed metric write to a run: all its new points share the write's seq. */
export interface MetricWrite {
  runId: string;
  seq: number;
  metrics: MetricPoint[];
}

/** Published after commit, one per committed write. */
export type StoreEvent =
  | {
      type: 'run';
      runId: string;
      experimentId: string;
      kinds: RunChange[];
      /** the write's new points, when it logged metrics */
      metricWrite?: MetricWrite;
      /** the latest values this write changed */
      latest?: MetricPoint[];
    }
  | { type: 'experiment'; experimentId: string; kind: ExperimentChange };

export type ChangeListener = (event: StoreEvent) => void;

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

// MLflow's datasets and run inputs (log-inputs).

export interface DatasetFields {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

export interface Dataset extends DatasetFields {
  id: string;
  experimentId: string;
}

export interface RunDatasetInput {
  runId: string;
  dataset: Dataset;
  tags: KeyValue[];
}

export interface RunInputs {
  datasetInputs: { dataset: DatasetFields; tags: KeyValue[] }[];
  modelInputs: { modelId: string }[];
}

export interface DatasetSummary {
  experimentId: string;
  name: string;
  digest: string;
  context: string | null;
}

// MLflow 3 logged models: a model with params, tags, metrics and a status.

export const LOGGED_MODEL_STATUSES = [
  'LOGGED_MODEL_STATUS_UNSPECIFIED',
  'LOGGED_MODEL_PENDING',
  'LOGGED_MODEL_READY',
  'LOGGED_MODEL_UPLOAD_FAILED',
] as const;

export interface LoggedModel {
  id: string;
  experimentId: string;
  name: string;
  artifactUri: string;
  status: string;
  statusMessage: string | null;
  modelType: string;
  sourceRunId: string | null;
  lifecycleStage: string;
  creationTime: number;
  lastUpdatedTime: number;
}

export interface ModelMetric {
  modelId: string;
  runId: string;
  key: string;
  value: number;
  step: number;
  timestamp: number;
  datasetName: string;
  datasetDigest: string;
}

export interface LoggedModelDetails extends LoggedModel {
  params: KeyValue[];
  tags: KeyValue[];
  metrics: ModelMetric[];
}
