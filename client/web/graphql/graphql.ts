/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A 64-bit integer carried as a JSON number: integral, |x| <= 2^53-1 (epoch ms, steps, sizes, seqs). */
  Long: { input: number; output: number; }
  /** A metric value: a JSON number, or one of the strings "NaN", "Infinity", "-Infinity". */
  MetricValue: { input: number | "NaN" | "Infinity" | "-Infinity"; output: number | "NaN" | "Infinity" | "-Infinity"; }
};

export type ArtifactEntry = {
  __typename?: 'ArtifactEntry';
  isDir: Scalars['Boolean']['output'];
  /** Epoch ms. */
  modified?: Maybe<Scalars['Long']['output']>;
  name: Scalars['String']['output'];
  /** Relative to the run's artifact root. */
  path: Scalars['String']['output'];
  size?: Maybe<Scalars['Long']['output']>;
};

export type Dataset = {
  __typename?: 'Dataset';
  digest: Scalars['String']['output'];
  name: Scalars['String']['output'];
  profile?: Maybe<Scalars['String']['output']>;
  schema?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  sourceType: Scalars['String']['output'];
};

export type DatasetInput = {
  __typename?: 'DatasetInput';
  dataset: Dataset;
  /** Input tags, e.g. mlflow.data.context = training. */
  tags: Array<Tag>;
};

export type Experiment = {
  __typename?: 'Experiment';
  artifactLocation: Scalars['String']['output'];
  creationTime: Scalars['Long']['output'];
  id: Scalars['ID']['output'];
  lastRunStartTime?: Maybe<Scalars['Long']['output']>;
  lastUpdateTime: Scalars['Long']['output'];
  lifecycleStage: LifecycleStage;
  /** Metric keys logged by the active runs, sorted. */
  metricKeys: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Param keys used by the active runs, sorted. */
  paramKeys: Array<Scalars['String']['output']>;
  /** Active runs in this experiment. */
  runCount: Scalars['Int']['output'];
  runs: RunConnection;
  tags: Array<Tag>;
};


export type ExperimentRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<Scalars['String']['input']>>;
  view?: InputMaybe<ViewType>;
};

export type ExperimentChange =
  | 'CREATED'
  | 'DELETED'
  | 'RENAMED'
  | 'RESTORED'
  | 'RUNS'
  | 'TAGS';

export type ExperimentConnection = {
  __typename?: 'ExperimentConnection';
  edges: Array<ExperimentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExperimentEdge = {
  __typename?: 'ExperimentEdge';
  cursor: Scalars['String']['output'];
  node: Experiment;
};

export type ExperimentEvent = {
  __typename?: 'ExperimentEvent';
  experiment: Experiment;
  kind: ExperimentChange;
};

export type LifecycleStage =
  | 'ACTIVE'
  | 'DELETED';

export type LoggedModel = {
  __typename?: 'LoggedModel';
  artifactUri: Scalars['String']['output'];
  creationTime: Scalars['Long']['output'];
  experiment?: Maybe<Experiment>;
  experimentId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  lastUpdatedTime: Scalars['Long']['output'];
  metrics: Array<LoggedModelMetric>;
  modelType: Scalars['String']['output'];
  name: Scalars['String']['output'];
  params: Array<Param>;
  sourceRun?: Maybe<Run>;
  sourceRunId?: Maybe<Scalars['ID']['output']>;
  status: LoggedModelStatus;
  statusMessage?: Maybe<Scalars['String']['output']>;
  tags: Array<Tag>;
};

/** A metric linked to a logged model (MLflow 3 log-batch with model_id). */
export type LoggedModelMetric = {
  __typename?: 'LoggedModelMetric';
  datasetDigest?: Maybe<Scalars['String']['output']>;
  datasetName?: Maybe<Scalars['String']['output']>;
  key: Scalars['String']['output'];
  runId: Scalars['ID']['output'];
  step: Scalars['Long']['output'];
  timestamp: Scalars['Long']['output'];
  value: Scalars['MetricValue']['output'];
};

export type LoggedModelStatus =
  | 'PENDING'
  | 'READY'
  | 'UNSPECIFIED'
  | 'UPLOAD_FAILED';

export type Metric = {
  __typename?: 'Metric';
  key: Scalars['String']['output'];
  step: Scalars['Long']['output'];
  timestamp: Scalars['Long']['output'];
  value: Scalars['MetricValue']['output'];
};

/** step defaults to 0, timestamp to the time the server receives it. */
export type MetricInput = {
  key: Scalars['String']['input'];
  step?: InputMaybe<Scalars['Long']['input']>;
  timestamp?: InputMaybe<Scalars['Long']['input']>;
  value: Scalars['MetricValue']['input'];
};

/** A point of a series; when sampled, the last point of its bucket plus the bucket's min, max and count. */
export type MetricPoint = {
  __typename?: 'MetricPoint';
  count?: Maybe<Scalars['Int']['output']>;
  max?: Maybe<Scalars['MetricValue']['output']>;
  min?: Maybe<Scalars['MetricValue']['output']>;
  step: Scalars['Long']['output'];
  timestamp: Scalars['Long']['output'];
  value: Scalars['MetricValue']['output'];
};

export type MetricPointConnection = {
  __typename?: 'MetricPointConnection';
  edges: Array<MetricPointEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MetricPointEdge = {
  __typename?: 'MetricPointEdge';
  cursor: Scalars['String']['output'];
  node: MetricPoint;
};

/** The lowest and highest latest value of a metric over every run a filter matches (NaN left out). */
export type MetricRange = {
  __typename?: 'MetricRange';
  key: Scalars['String']['output'];
  max: Scalars['MetricValue']['output'];
  min: Scalars['MetricValue']['output'];
};

export type MetricSeries = {
  __typename?: 'MetricSeries';
  bucketWidth?: Maybe<Scalars['Long']['output']>;
  key: Scalars['String']['output'];
  /** The run's metric seq this history was read at: subscribe with sinceSeq: lastSeq to continue it. */
  lastSeq: Scalars['Long']['output'];
  points: Array<MetricPoint>;
  runId: Scalars['ID']['output'];
  sampled: Scalars['Boolean']['output'];
  /** Points inside the window. */
  totalPoints: Scalars['Int']['output'];
};

/** One committed metric write to a run: its seq and its points (filtered by the subscription's keys). */
export type MetricsLogged = {
  __typename?: 'MetricsLogged';
  metrics: Array<Metric>;
  runId: Scalars['ID']['output'];
  seq: Scalars['Long']['output'];
};

export type ModelInput = {
  __typename?: 'ModelInput';
  modelId: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  createExperiment: Experiment;
  createRun: Run;
  /** Soft delete; cascades to its runs. Deleting a deleted experiment is a no-op. */
  deleteExperiment: Experiment;
  deleteExperimentTag: Experiment;
  /** Soft delete; deleting a deleted run is a no-op. */
  deleteRun: Run;
  /** Soft-deletes every run (at most 1,000) in one transaction; deleted ones stay deleted. An unknown id changes nothing. */
  deleteRuns: Array<Run>;
  deleteTag: Run;
  /** Metrics (at most 1,000), params (100) and tags (100) in one transaction: all of it is written, or none. */
  logBatch: Run;
  logMetric: Run;
  /** Params are immutable: logging the same value again is a no-op, another value is INVALID_ARGUMENT. */
  logParam: Run;
  renameExperiment: Experiment;
  restoreExperiment: Experiment;
  restoreRun: Run;
  /** Restores every run (at most 1,000) in one transaction. An unknown id changes nothing. */
  restoreRuns: Array<Run>;
  setExperimentTag: Experiment;
  /** Sets the tags on every run (at most 1,000, all active) in one transaction. */
  setRunsTags: Array<Run>;
  setTag: Run;
  updateRun: Run;
};


export type MutationCreateExperimentArgs = {
  artifactLocation?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  tags?: InputMaybe<Array<TagInput>>;
};


export type MutationCreateRunArgs = {
  experimentId: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  parentRunId?: InputMaybe<Scalars['ID']['input']>;
  startTime?: InputMaybe<Scalars['Long']['input']>;
  tags?: InputMaybe<Array<TagInput>>;
};


export type MutationDeleteExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteExperimentTagArgs = {
  id: Scalars['ID']['input'];
  key: Scalars['String']['input'];
};


export type MutationDeleteRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteRunsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationDeleteTagArgs = {
  key: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
};


export type MutationLogBatchArgs = {
  metrics?: InputMaybe<Array<MetricInput>>;
  params?: InputMaybe<Array<ParamInput>>;
  runId: Scalars['ID']['input'];
  tags?: InputMaybe<Array<TagInput>>;
};


export type MutationLogMetricArgs = {
  key: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
  step?: InputMaybe<Scalars['Long']['input']>;
  timestamp?: InputMaybe<Scalars['Long']['input']>;
  value: Scalars['MetricValue']['input'];
};


export type MutationLogParamArgs = {
  key: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
  value: Scalars['String']['input'];
};


export type MutationRenameExperimentArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};


export type MutationRestoreExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRestoreRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRestoreRunsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationSetExperimentTagArgs = {
  id: Scalars['ID']['input'];
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
};


export type MutationSetRunsTagsArgs = {
  ids: Array<Scalars['ID']['input']>;
  tags: Array<TagInput>;
};


export type MutationSetTagArgs = {
  key: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
  value: Scalars['String']['input'];
};


export type MutationUpdateRunArgs = {
  endTime?: InputMaybe<Scalars['Long']['input']>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Param = {
  __typename?: 'Param';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ParamInput = {
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** An experiment by id or by name (active or deleted). */
  experiment?: Maybe<Experiment>;
  experiments: ExperimentConnection;
  loggedModel?: Maybe<LoggedModel>;
  /** metricHistory for many runs at once (at most 1000), from one snapshot. */
  metricHistories: Array<MetricSeries>;
  /** A series downsampled to at most maxPoints aligned power-of-two step buckets (min, max and count kept). */
  metricHistory: MetricSeries;
  /** The exact raw series, paged in (step, timestamp) order. */
  metricPoints: MetricPointConnection;
  /** Per metric key, the lowest and highest latest value over every run the filter matches: the best value of a runs-table column. */
  metricRanges: Array<MetricRange>;
  run?: Maybe<Run>;
  /** The runs at positions offset .. offset+first-1 of a search (filter and orderBy as in runs). nested: only top-level runs (no parent in the searched experiments) that match or have a matching descendant; with parentRunId, that run's children likewise. */
  runWindow: RunWindow;
  /** Runs of one or more experiments; filter and orderBy use MLflow's search syntax. */
  runs: RunConnection;
};


export type QueryExperimentArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type QueryExperimentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<Scalars['String']['input']>>;
  view?: InputMaybe<ViewType>;
};


export type QueryLoggedModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMetricHistoriesArgs = {
  key: Scalars['String']['input'];
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
  maxStep?: InputMaybe<Scalars['Long']['input']>;
  minStep?: InputMaybe<Scalars['Long']['input']>;
  runIds: Array<Scalars['ID']['input']>;
};


export type QueryMetricHistoryArgs = {
  key: Scalars['String']['input'];
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
  maxStep?: InputMaybe<Scalars['Long']['input']>;
  minStep?: InputMaybe<Scalars['Long']['input']>;
  runId: Scalars['ID']['input'];
};


export type QueryMetricPointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  key: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
};


export type QueryMetricRangesArgs = {
  experimentIds: Array<Scalars['ID']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  keys: Array<Scalars['String']['input']>;
  view?: InputMaybe<ViewType>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunWindowArgs = {
  experimentIds: Array<Scalars['ID']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  nested?: InputMaybe<Scalars['Boolean']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<Scalars['String']['input']>>;
  parentRunId?: InputMaybe<Scalars['ID']['input']>;
  view?: InputMaybe<ViewType>;
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  experimentIds: Array<Scalars['ID']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<Scalars['String']['input']>>;
  view?: InputMaybe<ViewType>;
};

export type Run = {
  __typename?: 'Run';
  artifactUri: Scalars['String']['output'];
  artifacts: Array<ArtifactEntry>;
  children: Array<Run>;
  endTime?: Maybe<Scalars['Long']['output']>;
  experiment: Experiment;
  experimentId: Scalars['ID']['output'];
  history: MetricSeries;
  id: Scalars['ID']['output'];
  /** Datasets and models the run used (MLflow log-inputs). */
  inputs: RunInputs;
  latestMetrics: Array<Metric>;
  lifecycleStage: LifecycleStage;
  /** MLflow 3 logged models this run produced (its source runs and declared outputs), oldest first. */
  loggedModels: Array<LoggedModel>;
  metric?: Maybe<Metric>;
  name: Scalars['String']['output'];
  /** The run's description (markdown): tag mlflow.note.content. */
  note?: Maybe<Scalars['String']['output']>;
  params: Array<Param>;
  parent?: Maybe<Run>;
  parentRunId?: Maybe<Scalars['ID']['output']>;
  startTime: Scalars['Long']['output'];
  status: RunStatus;
  tags: Array<Tag>;
  userId: Scalars['String']['output'];
};


export type RunArtifactsArgs = {
  path?: InputMaybe<Scalars['String']['input']>;
};


export type RunHistoryArgs = {
  key: Scalars['String']['input'];
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
  maxStep?: InputMaybe<Scalars['Long']['input']>;
  minStep?: InputMaybe<Scalars['Long']['input']>;
};


export type RunMetricArgs = {
  key: Scalars['String']['input'];
};

export type RunChange =
  | 'ARTIFACTS'
  | 'CREATED'
  | 'DELETED'
  | 'METRICS'
  | 'PARAMS'
  | 'RESTORED'
  | 'TAGS'
  | 'UPDATED';

export type RunConnection = {
  __typename?: 'RunConnection';
  edges: Array<RunEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RunCursor = {
  runId: Scalars['ID']['input'];
  seq: Scalars['Long']['input'];
};

export type RunEdge = {
  __typename?: 'RunEdge';
  cursor: Scalars['String']['output'];
  node: Run;
};

/** One committed write that touched a run; `run` is read fresh, `metrics` holds the latest values it changed. */
export type RunEvent = {
  __typename?: 'RunEvent';
  kinds: Array<RunChange>;
  metrics?: Maybe<Array<Metric>>;
  run: Run;
};

export type RunInputs = {
  __typename?: 'RunInputs';
  datasetInputs: Array<DatasetInput>;
  modelInputs: Array<ModelInput>;
};

export type RunStatus =
  | 'FAILED'
  | 'FINISHED'
  | 'KILLED'
  | 'RUNNING'
  | 'SCHEDULED';

export type RunWindow = {
  __typename?: 'RunWindow';
  offset: Scalars['Int']['output'];
  rows: Array<RunWindowRow>;
  /** Rows at this level that the filter lists. */
  totalCount: Scalars['Int']['output'];
};

export type RunWindowRow = {
  __typename?: 'RunWindowRow';
  /** Nested windows only: how many children the run lists one level down (same filter). */
  childCount?: Maybe<Scalars['Int']['output']>;
  run: Run;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Experiments created, renamed, deleted, restored, tagged, or whose runs were created, deleted or restored. */
  experimentChanged: ExperimentEvent;
  /** Each committed metric write to the runs, in seq order per run. sinceSeq (one run) or since (a cursor per run) replays the writes after it first, with no gap and no duplicate. */
  metricsLogged: MetricsLogged;
  /** Every committed write that touches a run of the experiment (with runId: that run only). */
  runChanged: RunEvent;
};


export type SubscriptionMetricsLoggedArgs = {
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  runIds: Array<Scalars['ID']['input']>;
  since?: InputMaybe<Array<RunCursor>>;
  sinceSeq?: InputMaybe<Scalars['Long']['input']>;
};


export type SubscriptionRunChangedArgs = {
  experimentId: Scalars['ID']['input'];
  runId?: InputMaybe<Scalars['ID']['input']>;
};

export type Tag = {
  __typename?: 'Tag';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type TagInput = {
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type ViewType =
  | 'ACTIVE_ONLY'
  | 'ALL'
  | 'DELETED_ONLY';

export type ExperimentsListQueryVariables = Exact<{
  view: ViewType;
}>;


export type ExperimentsListQuery = { __typename?: 'Query', experiments: { __typename?: 'ExperimentConnection', totalCount: number, edges: Array<{ __typename?: 'ExperimentEdge', node: { __typename?: 'Experiment', id: string, name: string, lifecycleStage: LifecycleStage, runCount: number, lastRunStartTime?: number | null, lastUpdateTime: number } }> } };

export type ExperimentMetaQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ExperimentMetaQuery = { __typename?: 'Query', experiment?: { __typename?: 'Experiment', id: string, name: string, lifecycleStage: LifecycleStage, artifactLocation: string, runCount: number, paramKeys: Array<string>, metricKeys: Array<string> } | null };

export type RunRowFieldsFragment = { __typename?: 'Run', id: string, name: string, status: RunStatus, startTime: number, endTime?: number | null, userId: string, lifecycleStage: LifecycleStage, parentRunId?: string | null, experimentId: string, params: Array<{ __typename?: 'Param', key: string, value: string }>, latestMetrics: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }>, tags: Array<{ __typename?: 'Tag', key: string, value: string }>, inputs: { __typename?: 'RunInputs', datasetInputs: Array<{ __typename?: 'DatasetInput', dataset: { __typename?: 'Dataset', name: string, digest: string } }> } };

export type RunWindowQueryVariables = Exact<{
  experimentIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  filter?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  view: ViewType;
  offset: Scalars['Int']['input'];
  first: Scalars['Int']['input'];
  nested: Scalars['Boolean']['input'];
  parentRunId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type RunWindowQuery = { __typename?: 'Query', runWindow: { __typename?: 'RunWindow', offset: number, totalCount: number, rows: Array<{ __typename?: 'RunWindowRow', childCount?: number | null, run: { __typename?: 'Run', id: string, name: string, status: RunStatus, startTime: number, endTime?: number | null, userId: string, lifecycleStage: LifecycleStage, parentRunId?: string | null, experimentId: string, params: Array<{ __typename?: 'Param', key: string, value: string }>, latestMetrics: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }>, tags: Array<{ __typename?: 'Tag', key: string, value: string }>, inputs: { __typename?: 'RunInputs', datasetInputs: Array<{ __typename?: 'DatasetInput', dataset: { __typename?: 'Dataset', name: string, digest: string } }> } } }> } };

export type MetricRangesQueryVariables = Exact<{
  experimentIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  filter?: InputMaybe<Scalars['String']['input']>;
  view: ViewType;
  keys: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type MetricRangesQuery = { __typename?: 'Query', metricRanges: Array<{ __typename?: 'MetricRange', key: string, min: number | "NaN" | "Infinity" | "-Infinity", max: number | "NaN" | "Infinity" | "-Infinity" }> };

export type RunsPageQueryVariables = Exact<{
  experimentIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  filter?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  view: ViewType;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type RunsPageQuery = { __typename?: 'Query', runs: { __typename?: 'RunConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'RunEdge', node: { __typename?: 'Run', id: string, name: string, status: RunStatus, startTime: number, endTime?: number | null, userId: string, lifecycleStage: LifecycleStage, parentRunId?: string | null, experimentId: string, params: Array<{ __typename?: 'Param', key: string, value: string }>, latestMetrics: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }>, tags: Array<{ __typename?: 'Tag', key: string, value: string }>, inputs: { __typename?: 'RunInputs', datasetInputs: Array<{ __typename?: 'DatasetInput', dataset: { __typename?: 'Dataset', name: string, digest: string } }> } } }> } };

export type RunIdsPageQueryVariables = Exact<{
  experimentIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  filter?: InputMaybe<Scalars['String']['input']>;
  view: ViewType;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type RunIdsPageQuery = { __typename?: 'Query', runs: { __typename?: 'RunConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'RunEdge', node: { __typename?: 'Run', id: string } }> } };

export type RunChangedSubscriptionVariables = Exact<{
  experimentId: Scalars['ID']['input'];
}>;


export type RunChangedSubscription = { __typename?: 'Subscription', runChanged: { __typename?: 'RunEvent', kinds: Array<RunChange>, metrics?: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }> | null, run: { __typename?: 'Run', id: string, name: string, status: RunStatus, startTime: number, endTime?: number | null, userId: string, lifecycleStage: LifecycleStage, parentRunId?: string | null, experimentId: string, params: Array<{ __typename?: 'Param', key: string, value: string }>, latestMetrics: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }>, tags: Array<{ __typename?: 'Tag', key: string, value: string }>, inputs: { __typename?: 'RunInputs', datasetInputs: Array<{ __typename?: 'DatasetInput', dataset: { __typename?: 'Dataset', name: string, digest: string } }> } } } };

export type RunOwnChangedSubscriptionVariables = Exact<{
  experimentId: Scalars['ID']['input'];
  runId: Scalars['ID']['input'];
}>;


export type RunOwnChangedSubscription = { __typename?: 'Subscription', runChanged: { __typename?: 'RunEvent', kinds: Array<RunChange> } };

export type ExperimentChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ExperimentChangedSubscription = { __typename?: 'Subscription', experimentChanged: { __typename?: 'ExperimentEvent', kind: ExperimentChange, experiment: { __typename?: 'Experiment', id: string, name: string, lifecycleStage: LifecycleStage, runCount: number, lastRunStartTime?: number | null, lastUpdateTime: number } } };

export type RunDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunDetailQuery = { __typename?: 'Query', run?: { __typename?: 'Run', id: string, name: string, experimentId: string, status: RunStatus, startTime: number, endTime?: number | null, userId: string, lifecycleStage: LifecycleStage, artifactUri: string, parentRunId?: string | null, note?: string | null, experiment: { __typename?: 'Experiment', id: string, name: string }, parent?: { __typename?: 'Run', id: string, name: string } | null, children: Array<{ __typename?: 'Run', id: string, name: string, status: RunStatus }>, params: Array<{ __typename?: 'Param', key: string, value: string }>, tags: Array<{ __typename?: 'Tag', key: string, value: string }>, latestMetrics: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }>, loggedModels: Array<{ __typename?: 'LoggedModel', id: string, name: string, modelType: string, artifactUri: string, status: LoggedModelStatus }>, inputs: { __typename?: 'RunInputs', datasetInputs: Array<{ __typename?: 'DatasetInput', dataset: { __typename?: 'Dataset', name: string, digest: string, sourceType: string, source: string }, tags: Array<{ __typename?: 'Tag', key: string, value: string }> }> } } | null };

export type RunNamesQueryVariables = Exact<{
  experimentIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  filter: Scalars['String']['input'];
}>;


export type RunNamesQuery = { __typename?: 'Query', runs: { __typename?: 'RunConnection', edges: Array<{ __typename?: 'RunEdge', node: { __typename?: 'Run', id: string, name: string, experimentId: string, latestMetrics: Array<{ __typename?: 'Metric', key: string }> } }> } };

export type MetricHistoriesQueryVariables = Exact<{
  runIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  key: Scalars['String']['input'];
  maxPoints: Scalars['Int']['input'];
  minStep?: InputMaybe<Scalars['Long']['input']>;
  maxStep?: InputMaybe<Scalars['Long']['input']>;
}>;


export type MetricHistoriesQuery = { __typename?: 'Query', metricHistories: Array<{ __typename?: 'MetricSeries', runId: string, key: string, totalPoints: number, sampled: boolean, lastSeq: number, points: Array<{ __typename?: 'MetricPoint', step: number, timestamp: number, value: number | "NaN" | "Infinity" | "-Infinity", min?: number | "NaN" | "Infinity" | "-Infinity" | null, max?: number | "NaN" | "Infinity" | "-Infinity" | null }> }> };

export type MetricsLoggedSubscriptionVariables = Exact<{
  runIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  keys?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  since?: InputMaybe<Array<RunCursor> | RunCursor>;
}>;


export type MetricsLoggedSubscription = { __typename?: 'Subscription', metricsLogged: { __typename?: 'MetricsLogged', runId: string, seq: number, metrics: Array<{ __typename?: 'Metric', key: string, value: number | "NaN" | "Infinity" | "-Infinity", step: number, timestamp: number }> } };

export type ArtifactsQueryVariables = Exact<{
  runId: Scalars['ID']['input'];
  path: Scalars['String']['input'];
}>;


export type ArtifactsQuery = { __typename?: 'Query', run?: { __typename?: 'Run', id: string, artifacts: Array<{ __typename?: 'ArtifactEntry', name: string, path: string, isDir: boolean, size?: number | null, modified?: number | null }> } | null };

export type CreateExperimentMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type CreateExperimentMutation = { __typename?: 'Mutation', createExperiment: { __typename?: 'Experiment', id: string, name: string } };

export type RenameExperimentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
}>;


export type RenameExperimentMutation = { __typename?: 'Mutation', renameExperiment: { __typename?: 'Experiment', id: string, name: string } };

export type DeleteExperimentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteExperimentMutation = { __typename?: 'Mutation', deleteExperiment: { __typename?: 'Experiment', id: string, lifecycleStage: LifecycleStage } };

export type RestoreExperimentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RestoreExperimentMutation = { __typename?: 'Mutation', restoreExperiment: { __typename?: 'Experiment', id: string, lifecycleStage: LifecycleStage } };

export type UpdateRunMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  endTime?: InputMaybe<Scalars['Long']['input']>;
}>;


export type UpdateRunMutation = { __typename?: 'Mutation', updateRun: { __typename?: 'Run', id: string, name: string, status: RunStatus, endTime?: number | null } };

export type SetTagMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
}>;


export type SetTagMutation = { __typename?: 'Mutation', setTag: { __typename?: 'Run', id: string, note?: string | null, tags: Array<{ __typename?: 'Tag', key: string, value: string }> } };

export type DeleteTagMutationVariables = Exact<{
  runId: Scalars['ID']['input'];
  key: Scalars['String']['input'];
}>;


export type DeleteTagMutation = { __typename?: 'Mutation', deleteTag: { __typename?: 'Run', id: string, note?: string | null, tags: Array<{ __typename?: 'Tag', key: string, value: string }> } };

export type DeleteRunsMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type DeleteRunsMutation = { __typename?: 'Mutation', deleteRuns: Array<{ __typename?: 'Run', id: string, lifecycleStage: LifecycleStage }> };

export type RestoreRunsMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type RestoreRunsMutation = { __typename?: 'Mutation', restoreRuns: Array<{ __typename?: 'Run', id: string, lifecycleStage: LifecycleStage }> };

export type SetRunsTagsMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  tags: Array<TagInput> | TagInput;
}>;


export type SetRunsTagsMutation = { __typename?: 'Mutation', setRunsTags: Array<{ __typename?: 'Run', id: string }> };

export const RunRowFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"parentRunId"}},{"kind":"Field","name":{"kind":"Name","value":"experimentId"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunRowFieldsFragment, unknown>;
export const ExperimentsListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentsList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ViewType"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"name ASC","block":false}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"runCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunStartTime"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdateTime"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentsListQuery, ExperimentsListQueryVariables>;
export const ExperimentMetaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentMeta"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"artifactLocation"}},{"kind":"Field","name":{"kind":"Name","value":"runCount"}},{"kind":"Field","name":{"kind":"Name","value":"paramKeys"}},{"kind":"Field","name":{"kind":"Name","value":"metricKeys"}}]}}]}}]} as unknown as DocumentNode<ExperimentMetaQuery, ExperimentMetaQueryVariables>;
export const RunWindowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunWindow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ViewType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"nested"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parentRunId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runWindow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"nested"},"value":{"kind":"Variable","name":{"kind":"Name","value":"nested"}}},{"kind":"Argument","name":{"kind":"Name","value":"parentRunId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parentRunId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"childCount"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"parentRunId"}},{"kind":"Field","name":{"kind":"Name","value":"experimentId"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunWindowQuery, RunWindowQueryVariables>;
export const MetricRangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricRanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ViewType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keys"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metricRanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"keys"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keys"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}}]}}]} as unknown as DocumentNode<MetricRangesQuery, MetricRangesQueryVariables>;
export const RunsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ViewType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"parentRunId"}},{"kind":"Field","name":{"kind":"Name","value":"experimentId"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunsPageQuery, RunsPageQueryVariables>;
export const RunIdsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunIdsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ViewType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunIdsPageQuery, RunIdsPageQueryVariables>;
export const RunChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RunChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kinds"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"parentRunId"}},{"kind":"Field","name":{"kind":"Name","value":"experimentId"}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunChangedSubscription, RunChangedSubscriptionVariables>;
export const RunOwnChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RunOwnChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kinds"}}]}}]}}]} as unknown as DocumentNode<RunOwnChangedSubscription, RunOwnChangedSubscriptionVariables>;
export const ExperimentChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExperimentChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experimentChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"runCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunStartTime"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdateTime"}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentChangedSubscription, ExperimentChangedSubscriptionVariables>;
export const RunDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"experimentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"artifactUri"}},{"kind":"Field","name":{"kind":"Name","value":"parentRunId"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"params"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"loggedModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"modelType"}},{"kind":"Field","name":{"kind":"Name","value":"artifactUri"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"datasetInputs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunDetailQuery, RunDetailQueryVariables>;
export const RunNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"EnumValue","value":"ALL"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"experimentId"}},{"kind":"Field","name":{"kind":"Name","value":"latestMetrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunNamesQuery, RunNamesQueryVariables>;
export const MetricHistoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricHistories"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxPoints"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minStep"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Long"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxStep"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Long"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metricHistories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxPoints"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxPoints"}}},{"kind":"Argument","name":{"kind":"Name","value":"minStep"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minStep"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxStep"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxStep"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"totalPoints"}},{"kind":"Field","name":{"kind":"Name","value":"sampled"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeq"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}}]}}]}}]} as unknown as DocumentNode<MetricHistoriesQuery, MetricHistoriesQueryVariables>;
export const MetricsLoggedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MetricsLogged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keys"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunCursor"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metricsLogged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"keys"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keys"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]} as unknown as DocumentNode<MetricsLoggedSubscription, MetricsLoggedSubscriptionVariables>;
export const ArtifactsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Artifacts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"path"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"artifacts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"path"},"value":{"kind":"Variable","name":{"kind":"Name","value":"path"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"isDir"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"modified"}}]}}]}}]}}]} as unknown as DocumentNode<ArtifactsQuery, ArtifactsQueryVariables>;
export const CreateExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateExperimentMutation, CreateExperimentMutationVariables>;
export const RenameExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RenameExperimentMutation, RenameExperimentMutationVariables>;
export const DeleteExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}}]}}]}}]} as unknown as DocumentNode<DeleteExperimentMutation, DeleteExperimentMutationVariables>;
export const RestoreExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}}]}}]}}]} as unknown as DocumentNode<RestoreExperimentMutation, RestoreExperimentMutationVariables>;
export const UpdateRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endTime"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Long"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"endTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}}]}}]} as unknown as DocumentNode<UpdateRunMutation, UpdateRunMutationVariables>;
export const SetTagDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTag"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]} as unknown as DocumentNode<SetTagMutation, SetTagMutationVariables>;
export const DeleteTagDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTag"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]} as unknown as DocumentNode<DeleteTagMutation, DeleteTagMutationVariables>;
export const DeleteRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}}]}}]}}]} as unknown as DocumentNode<DeleteRunsMutation, DeleteRunsMutationVariables>;
export const RestoreRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}}]}}]}}]} as unknown as DocumentNode<RestoreRunsMutation, RestoreRunsMutationVariables>;
export const SetRunsTagsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetRunsTags"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tags"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setRunsTags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"tags"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tags"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SetRunsTagsMutation, SetRunsTagsMutationVariables>;