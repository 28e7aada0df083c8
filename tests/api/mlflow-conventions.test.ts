import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { Mlflow, expectError } from './mlflow-support.js';

let server: TestServer;
let mlflow: Mlflow;

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
  mlflow = new Mlflow(server.url);
});
afterAll(() => server?.stop());

describe('MLflow JSON conventions', () => {
  test('POST needs Content-Type application/json', async () => {
    const answer = await mlflow.request('POST', '/experiments/create', JSON.stringify({ name: 'ct' }), { 'content-type': 'text/plain' });
    expectError(answer, 400, 'INVALID_PARAMETER_VALUE', "Content-Type must be one of ['application/json']");
    expect((await mlflow.request('POST', '/experiments/create', JSON.stringify({ name: 'ct' }), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  test('a body that is a JSON string holding JSON is decoded twice; an empty body is {}; bad JSON is 400', async () => {
    const answer = await mlflow.request('POST', '/experiments/create', JSON.stringify(JSON.stringify({ name: 'double' })));
    expect(answer.status, answer.text).toBe(200);
    expectError(await mlflow.request('POST', '/experiments/create', ''), 400, 'INVALID_PARAMETER_VALUE', "'name'");
    expectError(await mlflow.request('POST', '/experiments/create', '{"name":'), 400, 'BAD_REQUEST');
    expectError(await mlflow.request('POST', '/experiments/create', '[1,2]'), 400, 'INVALID_PARAMETER_VALUE');
    // Unknown fields are ignored.
    expect((await mlflow.post('/experiments/create', { name: 'extra', surprise: { a: 1 } })).status).toBe(200);
  });

  test('GET parameters: repeated keys and key[] make lists; int64 strings are numbers', async () => {
    const a = await mlflow.createRun();
    const b = await mlflow.createRun();
    await mlflow.ok('/runs/log-metric', { run_id: a, key: 'k', value: 1, timestamp: 5, step: 1 });
    await mlflow.ok('/runs/log-metric', { run_id: b, key: 'k', value: 2, timestamp: 6, step: 1 });
    const repeated = await mlflow.getOk('/metrics/get-history-bulk-interval', { run_ids: [a, b], metric_key: 'k', max_results: '10' });
    expect(repeated.metrics.map((m: any) => m.run_id)).toEqual([a, b]);
    const bracketed = await fetch(`${server.url}/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids%5B%5D=${a}&metric_key=k`);
    expect(((await bracketed.json()) as any).metrics).toHaveLength(1);
    const ordered = await mlflow.getOk('/experiments/search', { max_results: '5', order_by: ['name DESC', 'experiment_id ASC'] });
    expect(typeof ordered.experiments[0].creation_time).toBe('number');
  });

  test('unknown routes answer JSON 404 ENDPOINT_NOT_FOUND; a known path with another method is 405', async () => {
    expectError(await mlflow.get('/runs/nope'), 404, 'ENDPOINT_NOT_FOUND');
    expectError(await mlflow.post('/nope'), 404, 'ENDPOINT_NOT_FOUND');
    const wrong = await mlflow.get('/runs/create');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error_code).toBeTypeOf('string');
    const answer = await fetch(`${server.url}/api/2.0/mlflow-artifacts/nothing`);
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as any).error_code).toBe('ENDPOINT_NOT_FOUND');
  });

  test('the /ajax-api/2.0/mlflow alias serves the same endpoints', async () => {
    const ajax = new Mlflow(server.url, '/ajax-api/2.0/mlflow');
    const { experiment } = await ajax.getOk('/experiments/get', { experiment_id: '0' });
    expect(experiment.name).toBe('Default');
    const id = await ajax.createRun('0');
    expect((await mlflow.getRun(id)).info.run_id).toBe(id);
  });

  test('/health and /version answer text', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(await health.text()).toBe('OK');
    const version = await fetch(`${server.url}/version`);
    expect(version.status).toBe(200);
    expect(await version.text()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('a body over the limit is 413 with a JSON error', async () => {
    const id = await mlflow.createRun();
    const answer = await mlflow.post('/runs/log-batch', { run_id: id, tags: [{ key: 'big', value: 'x'.repeat(100 * 1024) }] });
    expectError(answer, 413, 'INVALID_PARAMETER_VALUE', 'too large');
  });

  test('bad input never gets a 5xx: every endpoint, with garbage of every JSON type', async () => {
    const run = await mlflow.createRun();
    const values = [null, true, -1, 1.5, 'x', '', [], [1], {}, { a: 1 }, 'NaN', 2 ** 60];
    const posts = [
      '/experiments/create', '/experiments/update', '/experiments/delete', '/experiments/restore', '/experiments/set-experiment-tag',
      '/experiments/delete-experiment-tag', '/experiments/search', '/runs/create', '/runs/update', '/runs/delete', '/runs/restore',
      '/runs/log-metric', '/runs/log-parameter', '/runs/log-batch', '/runs/set-tag', '/runs/delete-tag', '/runs/search',
      '/runs/log-inputs', '/runs/outputs', '/runs/log-model', '/logged-models', '/logged-models/search',
    ];
    const fields = ['name', 'experiment_id', 'new_name', 'key', 'value', 'run_id', 'timestamp', 'step', 'metrics', 'params', 'tags',
      'datasets', 'models', 'model_json', 'max_results', 'filter', 'order_by', 'page_token', 'status', 'end_time', 'start_time', 'run_name'];
    let requests = 0;
    for (const path of posts) {
      for (const value of values) {
        const body = Object.fromEntries(fields.map((f) => [f, value]));
        const withRun = { ...body, run_id: run, experiment_id: '0' };
        for (const payload of [body, withRun]) {
          const answer = await mlflow.post(path, payload);
          requests++;
          expect(answer.status, `${path} ${JSON.stringify(payload).slice(0, 120)} -> ${answer.text}`).toBeLessThan(500);
          if (answer.status !== 200) expect(typeof answer.body.error_code).toBe('string');
        }
      }
    }
    for (const path of ['/runs/get', '/experiments/get', '/experiments/get-by-name', '/metrics/get-history', '/metrics/get-history-bulk-interval', '/artifacts/list', '/logged-models/x']) {
      for (const value of ['', 'x', '-1', '%', '1e999', '../..']) {
        const answer = await mlflow.get(path, { run_id: value, run_ids: value, experiment_id: value, experiment_name: value, metric_key: value, path: value, max_results: value, start_step: value, end_step: value });
        requests++;
        expect(answer.status, `${path} ${value} -> ${answer.text}`).toBeLessThan(500);
      }
    }
    expect(requests).toBeGreaterThan(500);
  });
});
