import { graphql } from '../graphql/index.js';
import type { LifecycleStage, RunStatus, SdkExperimentFieldsFragment, SdkRunFieldsFragment } from '../graphql/graphql.js';
import { decodeMetricValue } from '../../common/metric-value.js';

export type { LifecycleStage, RunStatus };

/** The fields the SDK reads for every run it returns (the documents spread it by name). */
graphql(`
  fragment SdkRunFields on Run {
    id
    name
    experimentId
    status
    startTime
    endTime
    userId
    lifecycleStage
    artifactUri
    parentRunId
    note
    params { key value }
    tags { key value }
    latestMetrics { key value step timestamp }
  }
`);

graphql(`
  fragment SdkExperimentFields on Experiment {
    id
    name
    artifactLocation
    lifecycleStage
    creationTime
    lastUpdateTime
    tags { key value }
  }
`);

export interface Experiment {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
}

export interface LatestMetric {
  value: number;
  step: number;
  timestamp: number;
}

/** A run as stored, with params, tags and the latest value of each metric keyed by name. */
export interface RunInfo {
  id: string;
  name: string;
  experimentId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  userId: string;
  lifecycleStage: LifecycleStage;
  artifactUri: string;
  parentRunId: string | null;
  note: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** the latest value of each metric (MLflow's rule: max step, then timestamp, then value) */
  metrics: Record<string, number>;
  latestMetrics: Record<string, LatestMetric>;
}

/** One raw point of a series; NaN and ±Infinity arrive as JS numbers. */
export interface MetricPoint {
  step: number;
  timestamp: number;
  value: number;
}

const toRecord = (pairs: readonly { key: string; value: string }[]) => Object.fromEntries(pairs.map((p) => [p.key, p.value]));

export function toExperiment(fields: SdkExperimentFieldsFragment): Experiment {
  return { ...fields, tags: toRecord(fields.tags) };
}

export function toRunInfo(fields: SdkRunFieldsFragment): RunInfo {
  const latestMetrics: Record<string, LatestMetric> = {};
  for (const metric of fields.latestMetrics) {
    latestMetrics[metric.key] = { value: decodeMetricValue(metric.value), step: metric.step, timestamp: metric.timestamp };
  }
  return {
    ...fields,
    endTime: fields.endTime ?? null,
    parentRunId: fields.parentRunId ?? null,
    note: fields.note ?? null,
    params: toRecord(fields.params),
    tags: toRecord(fields.tags),
    metrics: Object.fromEntries(Object.entries(latestMetrics).map(([key, metric]) => [key, metric.value])),
    latestMetrics,
  };
}
