import type { LifecycleStageValue, RunStatusValue } from '../types.js';

/** What the store hands to the APIs: camelCase, ids as strings, times as epoch ms. */
export interface Experiment {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStageValue;
  creationTime: number;
  lastUpdateTime: number;
}

export interface Run {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatusValue;
  userId: string;
  startTime: number;
  endTime: number | null;
  deletedTime: number | null;
  lifecycleStage: LifecycleStageValue;
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

export type RunStatus = RunStatusValue;
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export type RunChange = 'CREATED' | 'UPDATED' | 'DELETED' | 'RESTORED' | 'PARAMS' | 'TAGS' | 'METRICS' | 'ARTIFACTS';
export type ExperimentChange = 'CREATED' | 'RENAMED' | 'DELETED' | 'RESTORED' | 'TAGS' | 'RUNS';

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
