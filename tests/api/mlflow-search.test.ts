import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { Mlflow, expectError } from './mlflow-support.js';

let server: TestServer;
let mlflow: Mlflow;
let experimentId: string;
/** run ids by name */
const runs: Record<string, string> = {};

/** A run with a start time, params, tags and metrics, logged the way the client does. */
async function seedRun(name: string, startTime: number, data: { params?: Record<string, string>; tags?: Record<string, string>; metrics?: Record<string, number | string> }) {
  const id = await mlflow.createRun(experimentId, { run_name: name, start_time: startTime });
  await mlflow.ok('/runs/log-batch', {
    run_id: id,
    params: Object.entries(data.params ?? {}).map(([key, value]) => ({ key, value })),
    tags: Object.entries(data.tags ?? {}).map(([key, value]) => ({ key, value })),
    metrics: Object.entries(data.metrics ?? {}).map(([key, value]) => ({ key, value, timestamp: 1, step: 0 })),
  });
  runs[name] = id;
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  mlflow = new Mlflow(server.url);
  experimentId = await mlflow.createExperiment('search');
  await seedRun('a', 1000, { params: { degree: '2', opt: 'Adam' }, tags: { team: 'vision' }, metrics: { mse: 1000 } });
  await seedRun('b', 2000, { params: { degree: '3', opt: 'adam' }, tags: { team: 'nlp' }, metrics: { mse: -1000 } });
  await seedRun('c', 3000, { params: { degree: '2' }, metrics: { mse: 0 } });
  await seedRun('d', 4000, { params: { degree: '2' }, metrics: { mse: 'NaN' } });
  await seedRun('e', 5000, { metrics: { mse: 'Infinity' } });
  await seedRun('f', 6000, { metrics: { mse: '-Infinity' } });
  await seedRun('g', 7000, {});
});
afterAll(() => server?.stop());

const search = (body: Record<string, unknown>) => mlflow.ok('/runs/search', { experiment_ids: [experimentId], ...body });
const names = (body: { runs?: any[] }) => (body.runs ?? []).map((r) => r.info.run_name);

describe('runs/search', () => {
  test('default order is start_time DESC; runs carry info, data and inputs', async () => {
    const body = await search({});
    expect(names(body)).toEqual(['g', 'f', 'e', 'd', 'c', 'b', 'a']);
    const a = body.runs.at(-1);
    expect(a.data.params).toEqual([{ key: 'degree', value: '2' }, { key: 'opt', value: 'Adam' }]);
    expect(a.data.metrics).toEqual([{ key: 'mse', value: 1000, timestamp: 1, step: 0 }]);
    expect(a.inputs).toEqual({});
    expect(body.next_page_token).toBeUndefined();
  });

  test('param, tag and metric filters; runs lacking a key never match, also for !=', async () => {
    expect(names(await search({ filter: "params.degree = '2'" }))).toEqual(['d', 'c', 'a']);
    expect(names(await search({ filter: "params.degree != '2'" }))).toEqual(['b']);
    expect(names(await search({ filter: "tags.team != 'nlp'" }))).toEqual(['a']);
    expect(names(await search({ filter: "params.opt LIKE 'A%'" }))).toEqual(['a']);
    expect(names(await search({ filter: "params.opt ILIKE 'a%'" }))).toEqual(['b', 'a']);
    expect(names(await search({ filter: "params.opt = 'adam'" }))).toEqual(['b']);
    expect(names(await search({ filter: 'metrics.mse > 0' }))).toEqual(['e', 'a']);
    expect(names(await search({ filter: 'metrics.mse <= 0' }))).toEqual(['f', 'c', 'b']);
    expect(names(await search({ filter: "metrics.mse >= -1000 and params.degree = '2'" }))).toEqual(['c', 'a']);
  });

  test('attribute filters: run_name, status, start_time, run_id IN', async () => {
    expect(names(await search({ filter: "attributes.run_name = 'c'" }))).toEqual(['c']);
    expect(names(await search({ filter: "status = 'RUNNING' AND start_time >= 6000" }))).toEqual(['g', 'f']);
    expect(names(await search({ filter: `attributes.run_id IN ('${runs.a}', '${runs.b}')` }))).toEqual(['b', 'a']);
  });

  test('order_by a metric: NaN after numbers, missing last, in both directions', async () => {
    expect(names(await search({ order_by: ['metrics.mse ASC'] }))).toEqual(['f', 'b', 'c', 'a', 'e', 'd', 'g']);
    expect(names(await search({ order_by: ['metrics.mse DESC'] }))).toEqual(['e', 'a', 'c', 'b', 'f', 'd', 'g']);
    expect(names(await search({ order_by: ['params.degree DESC', 'attributes.start_time ASC'] }))).toEqual(['b', 'a', 'c', 'd', 'e', 'f', 'g']);
  });

  test('pagination: pages of max_results in a stable order, no token after the last page', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await search({ max_results: 3, order_by: ['metrics.mse DESC'], ...(token && { page_token: token }) });
      sizes.push(page.runs.length);
      seen.push(...names(page));
      token = page.next_page_token;
    } while (token);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(['e', 'a', 'c', 'b', 'f', 'd', 'g']);
  });

  test('view types and several experiments together', async () => {
    const other = await mlflow.createExperiment('search-other');
    const id = await mlflow.createRun(other, { run_name: 'z', start_time: 9000 });
    await mlflow.ok('/runs/delete', { run_id: id });
    const both = { experiment_ids: [experimentId, other] };
    expect(names(await mlflow.ok('/runs/search', both))).toHaveLength(7);
    expect(names(await mlflow.ok('/runs/search', { ...both, run_view_type: 'DELETED_ONLY' }))).toEqual(['z']);
    expect(names(await mlflow.ok('/runs/search', { ...both, run_view_type: 'ALL' }))).toHaveLength(8);
    expect(await mlflow.ok('/runs/search', {})).toEqual({});
  });

  test('bad filter, order_by, page token, max_results and view type are 400, never 5xx', async () => {
    for (const body of [
      { filter: "metrics.mse > 1 OR params.a = 'b'" },
      { filter: 'params.degree = 2' },
      { filter: 'foo.bar = 1' },
      { filter: "metrics.mse > 'a'" },
      { order_by: ['metrics.mse sideways'] },
      { order_by: ['metrics.mse', 'metrics.mse'] },
      { page_token: 'not-a-token!' },
      { page_token: 'eyJvZmZzZXQiOiAxfQ==' },
      { max_results: 50001 },
      { max_results: 0 },
      { run_view_type: 'SOME' },
      { filter: 42 },
    ]) {
      const answer = await mlflow.post('/runs/search', { experiment_ids: [experimentId], ...body });
      expectError(answer, 400, 'INVALID_PARAMETER_VALUE');
    }
    expectError(await mlflow.post('/runs/search', { experiment_ids: [experimentId], max_results: 50001 }), 400, 'INVALID_PARAMETER_VALUE', "Invalid value 50001 for parameter 'max_results' supplied");
  });
});

describe('experiments/search', () => {
  test('filters on name and tags, order_by, pagination, GET with repeated order_by', async () => {
    await mlflow.ok('/experiments/create', { name: 'exp-alpha', tags: [{ key: 'k', value: 'x' }] });
    await mlflow.ok('/experiments/create', { name: 'exp-beta' });
    const found = await mlflow.ok('/experiments/search', { max_results: 1000, filter: "name LIKE 'exp-%'", order_by: ['name DESC'] });
    expect(found.experiments.map((e: any) => e.name)).toEqual(['exp-beta', 'exp-alpha']);
    const tagged = await mlflow.ok('/experiments/search', { max_results: 10, filter: "tags.k = 'x'" });
    expect(tagged.experiments.map((e: any) => e.name)).toEqual(['exp-alpha']);
    expect(tagged.experiments[0].tags).toEqual([{ key: 'k', value: 'x' }]);
    const viaGet = await mlflow.getOk('/experiments/search', { max_results: 1000, filter: "name ILIKE 'EXP-%'", order_by: ['name ASC'] });
    expect(viaGet.experiments.map((e: any) => e.name)).toEqual(['exp-alpha', 'exp-beta']);

    const all: string[] = [];
    let token: string | undefined;
    do {
      const page = await mlflow.ok('/experiments/search', { max_results: 2, ...(token && { page_token: token }) });
      all.push(...page.experiments.map((e: any) => e.experiment_id));
      token = page.next_page_token;
    } while (token);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('0');
    // Default order: creation_time DESC, so the newest comes first.
    expect(all[0]).not.toBe('0');
  });

  test('max_results is required, at least 1 and at most 50000; other entities are refused', async () => {
    expectError(await mlflow.post('/experiments/search', {}), 400, 'INVALID_PARAMETER_VALUE', "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
    expectError(await mlflow.post('/experiments/search', { max_results: 1_000_000 }), 400, 'INVALID_PARAMETER_VALUE', 'It must be at most 50000');
    expectError(await mlflow.post('/experiments/search', { max_results: 10, filter: 'metrics.x > 1' }), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('metric history', () => {
  test('get-history pages with max_results and stops when no token is returned; unknown key is {}', async () => {
    const id = await mlflow.createRun(experimentId);
    const metrics = Array.from({ length: 25 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), timestamp: 100 + i, step: i }));
    await mlflow.ok('/runs/log-batch', { run_id: id, metrics });
    const steps: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await mlflow.getOk('/metrics/get-history', { run_id: id, metric_key: 'loss', max_results: 10, ...(token && { page_token: token }) });
      steps.push(...page.metrics.map((m: any) => m.step));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(steps).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const whole = await mlflow.getOk('/metrics/get-history', { run_uuid: id, run_id: id, metric_key: 'loss', max_results: 25000 });
    expect(whole.metrics).toHaveLength(25);
    expect(whole.metrics[3]).toEqual({ key: 'loss', value: 0.25, timestamp: 103, step: 3 });
    expect(whole.next_page_token).toBeUndefined();
    expect(await mlflow.getOk('/metrics/get-history', { run_id: id, metric_key: 'nope' })).toEqual({});
    expectError(await mlflow.get('/metrics/get-history', { run_id: 'f'.repeat(32), metric_key: 'loss' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.get('/metrics/get-history', { run_id: id }), 400, 'INVALID_PARAMETER_VALUE', "'metric_key'");
    expectError(await mlflow.get('/metrics/get-history', { run_id: id, metric_key: 'loss', page_token: 'garbage' }), 400, 'INVALID_PARAMETER_VALUE');
  });

  test("get-history-bulk-interval keeps MLflow's sampling: sampled steps of all runs plus each run's ends", async () => {
    const one = await mlflow.createRun(experimentId);
    const two = await mlflow.createRun(experimentId);
    await mlflow.ok('/runs/log-batch', { run_id: one, metrics: Array.from({ length: 10 }, (_, i) => ({ key: 'b', value: i, timestamp: 1, step: i })) });
    await mlflow.ok('/runs/log-batch', { run_id: two, metrics: [0, 5, 20].map((step) => ({ key: 'b', value: step, timestamp: 1, step })) });
    const all = await mlflow.getOk('/metrics/get-history-bulk-interval', { run_ids: [one, two], metric_key: 'b' });
    expect(all.metrics).toHaveLength(13);
    expect(all.metrics[0]).toEqual({ key: 'b', value: 0, timestamp: 1, step: 0, run_id: one });
    // Steps 0..9 and 20 (11 steps), 3 wanted: indexes 0, 3, 7 -> steps 0, 3, 7; the last step 20; each run's ends 0, 9 and 0, 20.
    const sampled = await mlflow.getOk('/metrics/get-history-bulk-interval', { run_ids: [one, two], metric_key: 'b', max_results: 3 });
    const stepsOf = (runId: string) => sampled.metrics.filter((m: any) => m.run_id === runId).map((m: any) => m.step);
    expect(stepsOf(one)).toEqual([0, 3, 7, 9]);
    expect(stepsOf(two)).toEqual([0, 20]);
    const windowed = await mlflow.getOk('/metrics/get-history-bulk-interval', { run_ids: [one], metric_key: 'b', start_step: 2, end_step: 4 });
    expect(windowed.metrics.map((m: any) => m.step)).toEqual([2, 3, 4]);
  });

  test('get-history-bulk-interval validation', async () => {
    const id = await mlflow.createRun(experimentId);
    const bad: Record<string, string | number | string[]>[] = [
      { metric_key: 'b' },
      { run_ids: [id] },
      { run_ids: Array.from({ length: 101 }, (_, i) => `r${i}`), metric_key: 'b' },
      { run_ids: [id], metric_key: 'b', max_results: 0 },
      { run_ids: [id], metric_key: 'b', max_results: 2501 },
      { run_ids: [id], metric_key: 'b', start_step: 1 },
      { run_ids: [id], metric_key: 'b', start_step: 5, end_step: 1 },
    ];
    for (const query of bad) expectError(await mlflow.get('/metrics/get-history-bulk-interval', query), 400, 'INVALID_PARAMETER_VALUE');
    expectError(await mlflow.get('/metrics/get-history-bulk-interval', { run_ids: ['f'.repeat(32)], metric_key: 'b' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('the UI-only get-history-bulk answers under /ajax-api, sorted by run then (timestamp, step, value)', async () => {
    const id = await mlflow.createRun(experimentId);
    await mlflow.ok('/runs/log-batch', { run_id: id, metrics: [{ key: 'u', value: 1, timestamp: 9, step: 0 }, { key: 'u', value: 2, timestamp: 3, step: 1 }] });
    const ajax = new Mlflow(server.url, '/ajax-api/2.0/mlflow');
    const body = await ajax.getOk('/metrics/get-history-bulk', { run_id: [id], metric_key: 'u' });
    expect(body.metrics.map((m: any) => m.timestamp)).toEqual([3, 9]);
    expectError(await mlflow.get('/metrics/get-history-bulk', { run_id: [id], metric_key: 'u' }), 404, 'ENDPOINT_NOT_FOUND');
  });
});
