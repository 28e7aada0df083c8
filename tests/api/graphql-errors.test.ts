import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

// Every error path of the GraphQL API: the extensions.code of docs/architecture.md section 4's table, a message naming the
// field and the rule, and nothing written (the whole database is compared before and after).

let server: TestServer;
let experimentId: string;
let runId: string;
let deletedRunId: string;

beforeAll(async () => {
  server = await startTestServer();
  experimentId = (await server.ok(`mutation { createExperiment(name: "errors") { id } }`)).createExperiment.id;
  runId = (await server.ok(`mutation { createRun(experimentId: "${experimentId}", name: "r") { id } }`)).createRun.id;
  await server.ok(`mutation { logBatch(runId: "${runId}", params: [{ key: "p", value: "1" }], tags: [{ key: "t", value: "v" }],
    metrics: [{ key: "m", value: 1, step: 0, timestamp: 1 }]) { id } }`);
  deletedRunId = (await server.ok(`mutation { createRun(experimentId: "${experimentId}", name: "gone") { id } }`)).createRun.id;
  await server.ok(`mutation { deleteRun(id: "${deletedRunId}") { id } }`);
});
afterAll(() => server.stop());

const TABLES = ['experiments', 'experiment_tags', 'runs', 'params', 'tags', 'metrics', 'latest_metrics', 'metric_buckets'] as const;
async function dumpDatabase(): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = await server.store.db.kysely.selectFrom(table).selectAll().execute();
    parts.push(`${table}:${rows.map((r) => JSON.stringify(r)).sort().join('\n')}`);
  }
  return parts.join('\n');
}

/** Sends an operation that must fail with `code`, its message naming `field`; checks nothing changed. */
async function expectRefused(query: string, code: string, field: string | RegExp, variables?: Record<string, unknown>) {
  const before = await dumpDatabase();
  const result = await server.gql(query, variables);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors as [{ message: string; extensions: { code: string; field?: string } }];
  expect(error.extensions.code, error.message).toBe(code);
  if (typeof field === 'string') expect(error.message).toContain(field);
  else expect(error.message).toMatch(field);
  expect(await dumpDatabase()).toEqual(before);
  return error;
}

const UNKNOWN_RUN = 'f'.repeat(32);

describe('unknown ids: NOT_FOUND', () => {
  const cases: Array<[string, () => string]> = [
    ['logMetric', () => `mutation { logMetric(runId: "${UNKNOWN_RUN}", key: "m", value: 1) { id } }`],
    ['logParam', () => `mutation { logParam(runId: "${UNKNOWN_RUN}", key: "p", value: "1") { id } }`],
    ['logBatch', () => `mutation { logBatch(runId: "${UNKNOWN_RUN}", tags: [{ key: "t", value: "v" }]) { id } }`],
    ['setTag', () => `mutation { setTag(runId: "${UNKNOWN_RUN}", key: "t", value: "v") { id } }`],
    ['deleteTag', () => `mutation { deleteTag(runId: "${UNKNOWN_RUN}", key: "t") { id } }`],
    ['updateRun', () => `mutation { updateRun(id: "${UNKNOWN_RUN}", status: FINISHED) { id } }`],
    ['deleteRun', () => `mutation { deleteRun(id: "${UNKNOWN_RUN}") { id } }`],
    ['restoreRun', () => `mutation { restoreRun(id: "${UNKNOWN_RUN}") { id } }`],
    ['createRun in an unknown experiment', () => `mutation { createRun(experimentId: "987654") { id } }`],
    ['createRun in a non-numeric experiment id', () => `mutation { createRun(experimentId: "abc") { id } }`],
    ['createRun under an unknown parent', () => `mutation { createRun(experimentId: "${experimentId}", parentRunId: "${UNKNOWN_RUN}") { id } }`],
    ['renameExperiment', () => `mutation { renameExperiment(id: "987654", name: "x") { id } }`],
    ['deleteExperiment', () => `mutation { deleteExperiment(id: "987654") { id } }`],
    ['restoreExperiment', () => `mutation { restoreExperiment(id: "987654") { id } }`],
    ['setExperimentTag', () => `mutation { setExperimentTag(id: "987654", key: "k", value: "v") { id } }`],
    ['deleteExperimentTag', () => `mutation { deleteExperimentTag(id: "987654", key: "k") { id } }`],
    ['deleteTag of a missing tag', () => `mutation { deleteTag(runId: "${runId}", key: "nope") { id } }`],
    ['deleteExperimentTag of a missing tag', () => `mutation { deleteExperimentTag(id: "${experimentId}", key: "nope") { id } }`],
    ['metricHistory', () => `{ metricHistory(runId: "${UNKNOWN_RUN}", key: "m") { totalPoints } }`],
    ['metricHistories', () => `{ metricHistories(runIds: ["${runId}", "${UNKNOWN_RUN}"], key: "m") { totalPoints } }`],
    ['metricPoints', () => `{ metricPoints(runId: "${UNKNOWN_RUN}", key: "m") { totalCount } }`],
  ];
  it.each(cases)('%s', async (_name, query) => {
    const error = await expectRefused(query(), 'NOT_FOUND', /no (run|experiment|tag)/);
    expect(error.extensions.field).toBeTruthy();
  });
});

describe('deleted runs and experiments: FAILED_PRECONDITION', () => {
  const cases: Array<[string, () => string]> = [
    ['logMetric', () => `mutation { logMetric(runId: "${deletedRunId}", key: "m", value: 1) { id } }`],
    ['logParam', () => `mutation { logParam(runId: "${deletedRunId}", key: "p", value: "1") { id } }`],
    ['logBatch', () => `mutation { logBatch(runId: "${deletedRunId}", metrics: [{ key: "m", value: 1 }]) { id } }`],
    ['setTag', () => `mutation { setTag(runId: "${deletedRunId}", key: "t", value: "v") { id } }`],
    ['updateRun', () => `mutation { updateRun(id: "${deletedRunId}", name: "x") { id } }`],
  ];
  it.each(cases)('%s to a deleted run', async (_name, query) => {
    await expectRefused(query(), 'FAILED_PRECONDITION', /must be in the 'active' state/);
  });

  it('writes into a deleted experiment', async () => {
    const id = (await server.ok(`mutation { createExperiment(name: "errors-deleted") { id } }`)).createExperiment.id;
    await server.ok(`mutation { deleteExperiment(id: "${id}") { id } }`);
    await expectRefused(`mutation { createRun(experimentId: "${id}") { id } }`, 'FAILED_PRECONDITION', 'experimentId');
    await expectRefused(`mutation { renameExperiment(id: "${id}", name: "z") { id } }`, 'FAILED_PRECONDITION', "'active' state");
    await expectRefused(`mutation { setExperimentTag(id: "${id}", key: "k", value: "v") { id } }`, 'FAILED_PRECONDITION', "'active' state");
  });
});

describe('bad input: INVALID_ARGUMENT', () => {
  it('a param change, and a duplicate param in one batch, write nothing of the batch', async () => {
    const error = await expectRefused(
      `mutation { logBatch(runId: "${runId}", params: [{ key: "p", value: "2" }], metrics: [{ key: "new", value: 1 }]) { id } }`,
      'INVALID_ARGUMENT',
      'changing param values is not allowed',
    );
    expect(error.extensions.field).toBe('params');
    await expectRefused(`mutation { logParam(runId: "${runId}", key: "p", value: "other") { id } }`, 'INVALID_ARGUMENT', 'params');
    await expectRefused(
      `mutation { logBatch(runId: "${runId}", params: [{ key: "q", value: "1" }, { key: "q", value: "1" }], tags: [{ key: "x", value: "y" }]) { id } }`,
      'INVALID_ARGUMENT',
      'duplicate param keys',
    );
  });

  it('over-limit batches', async () => {
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: 1 }));
    await expectRefused(`mutation($m: [MetricInput!]) { logBatch(runId: "${runId}", metrics: $m) { id } }`, 'INVALID_ARGUMENT', 'at most 1000 metrics', { m: metrics });
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await expectRefused(`mutation($p: [ParamInput!]) { logBatch(runId: "${runId}", params: $p) { id } }`, 'INVALID_ARGUMENT', 'at most 100 params', { p: params });
    await expectRefused(`mutation($t: [TagInput!]) { logBatch(runId: "${runId}", tags: $t) { id } }`, 'INVALID_ARGUMENT', 'at most 100 tags', { t: params });
  });

  it('bad keys and over-long values', async () => {
    await expectRefused(`mutation { logMetric(runId: "${runId}", key: "a*b", value: 1) { id } }`, 'INVALID_ARGUMENT', 'metrics[0].key');
    await expectRefused(`mutation { logParam(runId: "${runId}", key: "../x", value: "1") { id } }`, 'INVALID_ARGUMENT', 'params[0].key');
    await expectRefused(`mutation { setTag(runId: "${runId}", key: "", value: "1") { id } }`, 'INVALID_ARGUMENT', 'tags[0].key');
    await expectRefused(`mutation($v: String!) { logParam(runId: "${runId}", key: "long", value: $v) { id } }`, 'INVALID_ARGUMENT', '6000', { v: 'x'.repeat(6001) });
    await expectRefused(`mutation($v: String!) { setTag(runId: "${runId}", key: "long", value: $v) { id } }`, 'INVALID_ARGUMENT', '8000', { v: 'x'.repeat(8001) });
    await expectRefused(`mutation($v: String!) { setExperimentTag(id: "${experimentId}", key: "long", value: $v) { id } }`, 'INVALID_ARGUMENT', '5000', { v: 'x'.repeat(5001) });
    await expectRefused(`mutation($n: String!) { createExperiment(name: $n) { id } }`, 'INVALID_ARGUMENT', '500', { n: 'x'.repeat(501) });
    await expectRefused(`mutation { createExperiment(name: "") { id } }`, 'INVALID_ARGUMENT', 'name');
  });

  it('a name given twice with different values, and a taken experiment name (ALREADY_EXISTS)', async () => {
    await expectRefused(
      `mutation { createRun(experimentId: "${experimentId}", name: "a", tags: [{ key: "mlflow.runName", value: "b" }]) { id } }`,
      'INVALID_ARGUMENT',
      'mlflow.runName',
    );
    await expectRefused(`mutation { createExperiment(name: "errors") { id } }`, 'ALREADY_EXISTS', 'name');
    await expectRefused(`mutation { renameExperiment(id: "0", name: "errors") { id } }`, 'ALREADY_EXISTS', 'name');
  });

  it('bad filters, orderBy and cursors', async () => {
    const runs = (args: string) => `{ runs(experimentIds: ["${experimentId}"], ${args}) { totalCount edges { node { id } } } }`;
    await expectRefused(runs(`filter: "metrics.m < 1 OR metrics.m > 2"`), 'INVALID_ARGUMENT', 'filter');
    await expectRefused(runs(`filter: "params.p = 1"`), 'INVALID_ARGUMENT', 'filter');
    await expectRefused(runs(`filter: "foo.bar = 'x'"`), 'INVALID_ARGUMENT', 'filter');
    await expectRefused(runs(`orderBy: ["metrics.m sideways"]`), 'INVALID_ARGUMENT', 'order_by');
    await expectRefused(runs(`after: "not-a-cursor!"`), 'INVALID_ARGUMENT', 'after');
    await expectRefused(`{ experiments(filter: "metrics.x > 1") { totalCount } }`, 'INVALID_ARGUMENT', 'filter');
    await expectRefused(`{ metricPoints(runId: "${runId}", key: "m", after: "zzz") { totalCount } }`, 'INVALID_ARGUMENT', 'after');
    // A cursor from another sort order is refused rather than misread.
    const page = await server.ok(`{ runs(experimentIds: ["${experimentId}"], first: 1, orderBy: ["metrics.m ASC"], view: ALL) { pageInfo { endCursor } } }`);
    await expectRefused(runs(`after: "${page.runs.pageInfo.endCursor}", orderBy: ["params.p ASC"]`), 'INVALID_ARGUMENT', 'after');
  });

  it('bad history windows and update values', async () => {
    await expectRefused(`{ metricHistory(runId: "${runId}", key: "m", maxPoints: 0) { totalPoints } }`, 'INVALID_ARGUMENT', 'maxPoints');
    await expectRefused(`{ metricHistory(runId: "${runId}", key: "m", maxPoints: 10001) { totalPoints } }`, 'INVALID_ARGUMENT', 'maxPoints');
    await expectRefused(`{ metricHistory(runId: "${runId}", key: "m", minStep: 10, maxStep: 1) { totalPoints } }`, 'INVALID_ARGUMENT', 'minStep');
    await expectRefused(`mutation { updateRun(id: "${runId}", status: DONE) { id } }`, 'GRAPHQL_VALIDATION_FAILED', 'DONE');
  });
});

describe('the server survives malformed requests', () => {
  const post = (body: string, contentType = 'application/json') =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers broken JSON, a missing query, wrong types and unknown fields with JSON errors, never a 5xx, then still works', async () => {
    // Request-level faults are 400; documents that fail validation are 200 with errors (GraphQL over
    // HTTP, for clients that accept application/json).
    const cases: Array<[string, number]> = [
      ['{not json', 400],
      ['[]', 400],
      ['{"query": 42}', 400],
      ['{"query": "{", "variables": 5}', 400],
      ['{}', 200],
      ['{"query": "{ nope }"}', 200],
      ['{"query": "{ run(id: 1) }"}', 200],
    ];
    for (const [body, status] of cases) {
      const response = await post(body);
      expect(response.status, body).toBe(status);
      const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
      expect(json.errors?.length, body).toBeGreaterThan(0);
      expect(json.data ?? null, body).toBeNull();
    }
    expect((await server.ok(`{ run(id: "${runId}") { id } }`)).run.id).toBe(runId);
  });

  it('refuses mutations over GET', async () => {
    const query = encodeURIComponent(`mutation { createExperiment(name: "via-get") { id } }`);
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(405);
    expect((await server.ok(`{ experiment(name: "via-get") { id } }`)).experiment).toBeNull();
  });
});
