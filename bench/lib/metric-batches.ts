/**
 * The ingest workload shared by the raw-insert limit and the HTTP ingest bench, so both write the same
 * rows: each client logs to its own run; a batch holds `keys` metrics for 1,000 / keys consecutive steps
 * (a training loop that flushes its metrics every few steps), timestamps and values made up per step.
 */
export interface BatchShape {
  keys: number;
  pointsPerBatch: number;
}

export const DEFAULT_SHAPE: BatchShape = { keys: 10, pointsPerBatch: 1000 };

export const BASE_TIME = 1_700_000_000_000;

export function metricKeys(shape: BatchShape): string[] {
  return Array.from({ length: shape.keys }, (_, k) => `train/metric_${k}`);
}

/** Calls `point` for each point of batch `b` in order; allocation-free so the raw limit measures SQLite. */
export function forEachPoint(
  shape: BatchShape,
  b: number,
  keys: readonly string[],
  point: (key: string, step: number, timestamp: number, value: number) => void,
): void {
  const steps = shape.pointsPerBatch / shape.keys;
  const first = b * steps;
  for (let s = 0; s < steps; s++) {
    const step = first + s;
    const timestamp = BASE_TIME + step * 10;
    for (let k = 0; k < shape.keys; k++) point(keys[k] as string, step, timestamp, valueAt(step, k));
  }
}

/** A loss-like curve with noise, deterministic. */
function valueAt(step: number, k: number): number {
  return 1 / (1 + step / 1000) + ((Math.imul(step + 1, 2654435761 + k) >>> 0) % 1000) / 100000;
}

const LOG_BATCH = 'mutation Log($runId: ID!, $metrics: [MetricInput!]) { logBatch(runId: $runId, metrics: $metrics) { id } }';

/** The GraphQL logBatch request body for batch `b` of a run, as the SDK would send it. */
export function logBatchBody(shape: BatchShape, runId: string, b: number, keys: readonly string[]): string {
  const parts: string[] = [];
  forEachPoint(shape, b, keys, (key, step, timestamp, value) => {
    parts.push(`{"key":"${key}","value":${value},"step":${step},"timestamp":${timestamp}}`);
  });
  return `{"query":${JSON.stringify(LOG_BATCH)},"variables":{"runId":"${runId}","metrics":[${parts.join(',')}]}}`;
}
