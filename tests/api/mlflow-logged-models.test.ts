import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { Mlflow, expectError } from './mlflow-support.js';

let server: TestServer;
let mlflow: Mlflow;

beforeAll(async () => {
  server = await startTestServer();
  mlflow = new Mlflow(server.url);
});
afterAll(() => server?.stop());

const patch = (path: string, body: unknown) => mlflow.request('PATCH', path, body);

function put(path: string, body: string): Promise<number> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method: 'PUT', path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('MLflow 3 logged models', () => {
  test("a 3.x client's log_model sequence: create, outputs, linked metrics, upload, finalize; visible in GraphQL", async () => {
    const runId = await mlflow.createRun('0');
    await mlflow.ok('/runs/log-parameter', { run_id: runId, key: 'degree', value: '2' });
    await mlflow.ok('/runs/log-metric', { run_id: runId, key: 'mse', value: 4.1, timestamp: 1795707818148, step: 0 });
    const { model } = await mlflow.ok('/logged-models', {
      experiment_id: '0',
      name: 'model',
      source_run_id: runId,
      params: [{ key: 'degree', value: '2' }],
      tags: [{ key: 'mlflow.user', value: 'root' }],
    });
    const modelId = model.info.model_id as string;
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(model.info).toMatchObject({
      experiment_id: '0',
      name: 'model',
      status: 'LOGGED_MODEL_PENDING',
      source_run_id: runId,
      artifact_uri: `mlflow-artifacts:/0/models/${modelId}/artifacts`,
      tags: [{ key: 'mlflow.user', value: 'root' }],
    });
    expect(model.data.params).toEqual([{ key: 'degree', value: '2' }]);

    expect(await mlflow.ok('/runs/outputs', { run_id: runId, models: [{ model_id: modelId, step: 0 }] })).toEqual({});
    await mlflow.ok('/runs/log-batch', { run_id: runId, metrics: [{ key: 'mse', value: 4.1, timestamp: 1795707818148, step: 0, model_id: modelId }] });
    expect(await put(`/api/2.0/mlflow-artifacts/artifacts/0/models/${modelId}/artifacts/MLmodel`, 'flavors: {}')).toBe(200);
    const ready = (await patch(`/logged-models/${modelId}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' })).body.model;
    expect(ready.info.status).toBe('LOGGED_MODEL_READY');
    expect(ready.data.metrics).toEqual([{ key: 'mse', value: 4.1, timestamp: 1795707818148, step: 0, model_id: modelId, run_id: runId }]);

    const fetched = (await mlflow.getOk(`/logged-models/${modelId}`)).model;
    expect(fetched.info.status).toBe('LOGGED_MODEL_READY');
    const run = await mlflow.getRun(runId);
    expect(run.outputs).toEqual({ model_outputs: [{ model_id: modelId, step: 0 }] });
    // The run's own metric rows deduplicate: the linked re-log added no point.
    expect((await mlflow.getOk('/metrics/get-history', { run_id: runId, metric_key: 'mse' })).metrics).toHaveLength(1);

    const listed = await fetch(`${server.url}/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`0/models/${modelId}/artifacts`)}`);
    expect(await listed.json()).toEqual({ files: [{ path: 'MLmodel', is_dir: false, file_size: 11 }] });
    expect(await mlflow.getOk(`/logged-models/${modelId}/artifacts/directories`)).toEqual({
      root_uri: `mlflow-artifacts:/0/models/${modelId}/artifacts`,
      files: [{ path: 'MLmodel', is_dir: false, file_size: 11 }],
    });
    expectError(await mlflow.get(`/logged-models/${modelId}/artifacts/directories`, { artifact_directory_path: '../x' }), 400, 'INVALID_PARAMETER_VALUE', 'Invalid path');

    const data = await server.ok(
      `query ($id: ID!) { run(id: $id) { loggedModels { id name status sourceRunId params { key value } metrics { key value step runId } } } }`,
      { id: runId },
    );
    expect(data.run.loggedModels).toEqual([
      { id: modelId, name: 'model', status: 'READY', sourceRunId: runId, params: [{ key: 'degree', value: '2' }], metrics: [{ key: 'mse', value: 4.1, step: 0, runId }] },
    ]);
  });

  test('create validation: random name when absent, forbidden characters, active experiment required', async () => {
    const unnamed = (await mlflow.ok('/logged-models', { experiment_id: '0' })).model;
    expect(unnamed.info.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expectError(await mlflow.post('/logged-models', { experiment_id: '0', name: 'a/b' }), 400, 'INVALID_PARAMETER_VALUE', 'name');
    expectError(await mlflow.post('/logged-models', {}), 400, 'INVALID_PARAMETER_VALUE', "'experiment_id'");
    expectError(await mlflow.post('/logged-models', { experiment_id: '777' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    const gone = await mlflow.createExperiment('lm-deleted');
    await mlflow.ok('/experiments/delete', { experiment_id: gone });
    expectError(await mlflow.post('/logged-models', { experiment_id: gone }), 400, 'INVALID_PARAMETER_VALUE', "'active' state");
  });

  test('finalize, tags, params and delete; unknown ids are 404', async () => {
    const id = (await mlflow.ok('/logged-models', { experiment_id: '0', name: 'm2' })).model.info.model_id;
    expectError(await patch(`/logged-models/${id}`, { status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE', "'status'");
    expectError(await patch(`/logged-models/${id}`, {}), 400, 'INVALID_PARAMETER_VALUE', "'status'");
    expect((await patch(`/logged-models/${id}`, { model_id: id, status: 'LOGGED_MODEL_UPLOAD_FAILED' })).body.model.info.status).toBe('LOGGED_MODEL_UPLOAD_FAILED');
    expectError(await patch('/logged-models/m-0000', { status: 'LOGGED_MODEL_READY' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.get('/logged-models/m-0000'), 404, 'RESOURCE_DOES_NOT_EXIST');

    const tagged = (await patch(`/logged-models/${id}/tags`, { tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] })).body.model;
    expect(tagged.info.tags).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    expect((await mlflow.request('DELETE', `/logged-models/${id}/tags/a`)).status).toBe(200);
    expectError(await mlflow.request('DELETE', `/logged-models/${id}/tags/a`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expect((await mlflow.getOk(`/logged-models/${id}`)).model.info.tags).toEqual([{ key: 'b', value: '2' }]);

    await mlflow.ok(`/logged-models/${id}/params`, { params: [{ key: 'lr', value: '0.1' }] });
    await mlflow.ok(`/logged-models/${id}/params`, { params: [{ key: 'lr', value: '0.1' }] });
    expectError(await mlflow.post(`/logged-models/${id}/params`, { params: [{ key: 'lr', value: '0.2' }] }), 400, 'INVALID_PARAMETER_VALUE', 'lr');

    expect((await mlflow.request('DELETE', `/logged-models/${id}`)).status).toBe(200);
    expectError(await mlflow.get(`/logged-models/${id}`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.post('/runs/outputs', { run_id: await mlflow.createRun(), models: [{ model_id: id, step: 0 }] }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('metrics with an unknown model_id are refused before anything is written', async () => {
    const runId = await mlflow.createRun();
    expectError(
      await mlflow.post('/runs/log-batch', { run_id: runId, metrics: [{ key: 'x', value: 1, timestamp: 1, model_id: 'm-nope' }] }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expect((await mlflow.getRun(runId)).data.metrics).toBeUndefined();
  });

  test('search: filter, order_by and offset pages', async () => {
    const exp = await mlflow.createExperiment('lm-search');
    const ids: string[] = [];
    for (const [name, acc] of [
      ['alpha', 0.7],
      ['beta', 0.9],
      ['gamma', 0.8],
    ] as const) {
      const runId = await mlflow.createRun(exp);
      const id = (await mlflow.ok('/logged-models', { experiment_id: exp, name, source_run_id: runId, params: [{ key: 'kind', value: name === 'beta' ? 'tree' : 'linear' }] })).model.info.model_id;
      await mlflow.ok('/runs/log-batch', { run_id: runId, metrics: [{ key: 'acc', value: acc, timestamp: 1, step: 0, model_id: id }] });
      ids.push(id);
    }
    const byAcc = await mlflow.ok('/logged-models/search', { experiment_ids: [exp], order_by: [{ field_name: 'metrics.acc', ascending: false }] });
    expect(byAcc.models.map((m: any) => m.info.name)).toEqual(['beta', 'gamma', 'alpha']);
    const filtered = await mlflow.ok('/logged-models/search', { experiment_ids: [exp], filter: "params.kind = 'linear' AND metrics.acc > 0.75" });
    expect(filtered.models.map((m: any) => m.info.name)).toEqual(['gamma']);
    const first = await mlflow.ok('/logged-models/search', { experiment_ids: [exp], max_results: 2, order_by: [{ field_name: 'name' }] });
    expect(first.models.map((m: any) => m.info.name)).toEqual(['alpha', 'beta']);
    const second = await mlflow.ok('/logged-models/search', { experiment_ids: [exp], max_results: 2, order_by: [{ field_name: 'name' }], page_token: first.next_page_token });
    expect(second.models.map((m: any) => m.info.name)).toEqual(['gamma']);
    expect(second.next_page_token).toBeUndefined();
    expectError(await mlflow.post('/logged-models/search', { experiment_ids: [exp], filter: 'foo.x = 1' }), 400, 'INVALID_PARAMETER_VALUE');
    expectError(await mlflow.post('/logged-models/search', { experiment_ids: [exp], page_token: '!!' }), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('run inputs (log-inputs) and search-datasets', () => {
  const dataset = { name: 'd', digest: 'abc123', source_type: 'local', source: '{"uri": "/data"}', schema: '{"cols": []}', profile: '{"num_rows": 4}' };

  test('datasets attach with their tags; logging the same dataset again changes nothing', async () => {
    const runId = await mlflow.createRun('0');
    await mlflow.ok('/runs/log-inputs', { run_id: runId, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }] });
    await mlflow.ok('/runs/log-inputs', { run_id: runId, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'eval' }], dataset }] });
    const run = await mlflow.getRun(runId);
    expect(run.inputs).toEqual({ dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }] });
    const ajax = new Mlflow(server.url, '/ajax-api/2.0/mlflow');
    const summaries = await ajax.ok('/experiments/search-datasets', { experiment_ids: ['0'] });
    expect(summaries.dataset_summaries).toEqual([{ experiment_id: '0', name: 'd', digest: 'abc123', context: 'training' }]);
    const searched = await mlflow.ok('/runs/search', { experiment_ids: ['0'], filter: `attributes.run_id = '${runId}'` });
    expect(searched.runs[0].inputs.dataset_inputs).toHaveLength(1);
  });

  test('missing and oversized dataset fields are refused, naming the field', async () => {
    const runId = await mlflow.createRun('0');
    const { digest: _d, ...noDigest } = dataset;
    expectError(await mlflow.post('/runs/log-inputs', { run_id: runId, datasets: [{ dataset: noDigest }] }), 400, 'INVALID_PARAMETER_VALUE', 'datasets[0].dataset.digest');
    expectError(await mlflow.post('/runs/log-inputs', { run_id: runId, datasets: [{ dataset: { ...dataset, digest: 'x'.repeat(37) } }] }), 400, 'INVALID_PARAMETER_VALUE', '36');
    expectError(await mlflow.post('/runs/log-inputs', { run_id: runId, datasets: [{ dataset, tags: [{ key: 'k', value: 'v'.repeat(501) }] }] }), 400, 'INVALID_PARAMETER_VALUE', '500');
    expectError(await mlflow.post('/runs/log-inputs', { run_id: runId, datasets: [{}] }), 400, 'INVALID_PARAMETER_VALUE', 'dataset');
    expect((await mlflow.getRun(runId)).inputs).toEqual({});
  });
});
