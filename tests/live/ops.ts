/** GraphQL operations the live tests share, sent over plain HTTP to a server's base URL. */

export interface GraphqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export async function postGraphql<T = any>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: GraphqlResponse['errors'] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, ...body };
}

/** Sends an operation and returns its data; throws (failing the test) on any error. */
export async function ok<T = any>(baseUrl: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await postGraphql<T>(baseUrl, query, variables);
  if (result.status !== 200 || result.errors?.length || !result.data) {
    throw new Error(`GraphQL request failed (${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

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

/** The run's current metric seq (the `lastSeq` any history read reports). */
export async function currentSeq(baseUrl: string, runId: string): Promise<number> {
  const data = await ok(baseUrl, 'query($id: ID!) { run(id: $id) { history(key: "__none__") { lastSeq } } }', { id: runId });
  return data.run.history.lastSeq;
}

export const METRICS_LOGGED = `subscription($runIds: [ID!]!, $keys: [String!], $sinceSeq: Long, $since: [RunCursor!]) {
  metricsLogged(runIds: $runIds, keys: $keys, sinceSeq: $sinceSeq, since: $since) { runId seq metrics { key value step timestamp } }
}`;

export interface MetricsLoggedEvent {
  metricsLogged: { runId: string; seq: number; metrics: Array<{ key: string; value: number | string; step: number; timestamp: number }> };
}
