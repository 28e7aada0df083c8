/** GraphQL operations the live tests share, sent over plain HTTP to a server's base URL. */
import { ok } from '../helpers/graphql.js';

export interface PointInput {
  key: string;
  value: number | 'NaN' | 'Infinity' | '-Infinity';
  step?: number;
  timestamp?: number;
}

export async function createExperiment(baseUrl: string, name: string): Promise<string> {
  const data = await ok(baseUrl, 'mutation($name: String!) { createExperiment(name: $name) { id } }', { name });
  return data.createExperiment.id;
}

export async function createRun(baseUrl: string, experimentId = '0', name?: string): Promise<string> {
  const data = await ok(baseUrl, 'mutation($e: ID!, $name: String) { createRun(experimentId: $e, name: $name) { id } }', {
    e: experimentId,
    name,
  });
  return data.createRun.id;
}

export const LOG_BATCH = `mutation($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput!]) {
  logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id metricSeq: history(key: "__none__") { lastSeq } }
}`;

/** Logs one batch and returns the run's metric seq after it. */
export async function logMetrics(baseUrl: string, runId: string, metrics: PointInput[]): Promise<number> {
  const data = await ok(baseUrl, LOG_BATCH, { runId, metrics });
  return data.logBatch.metricSeq.lastSeq;
}
export const METRICS_LOGGED = `subscription($runIds: [ID!]!, $keys: [String!], $sinceSeq: Long, $since: [RunCursor!]) {
  metricsLogged(runIds: $runIds, keys: $keys, sinceSeq: $sinceSeq, since: $since) { runId seq metrics { key value step timestamp } }
}`;

export interface MetricsLoggedEvent {
  metricsLogged: { runId: string; seq: number; metrics: Array<{ key: string; value: number | string; step: number; timestamp: number }> };
}
