import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { Mlflow, expectError, metric, param, tagValue } from './mlflow-support.js';

let server: TestServer;
let mlflow: Mlflow;

beforeAll(async () => {
  server = await startTestServer();
  mlflow = new Mlflow(server.url);
});
afterAll(() => server?.stop());

describe('runs over MLflow REST', () => {
  test('create returns the whole run; start_time and user_id are stored as sent; mlflow.runName is kept in sync', async () => {
    const { run } = await mlflow.ok('/runs/create', {
      experiment_id: '0',
      user_id: 'root',
      start_time: 1795707818041,
      tags: [
        { key: 'mlflow.user', value: 'root' },
        { key: 'mlflow.source.name', value: 'script.py' },
      ],
    });
    expect(run.info).toMatchObject({ experiment_id: '0', user_id: 'root', status: 'RUNNING', start_time: 1795707818041, lifecycle_stage: 'active' });
    expect(run.info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info.run_uuid).toBe(run.info.run_id);
    expect(run.info.artifact_uri).toBe(`mlflow-artifacts:/0/${run.info.run_id}/artifacts`);
    expect(run.info.end_time).toBeUndefined();
    expect(run.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(tagValue(run, 'mlflow.runName')).toBe(run.info.run_name);
    expect(run.inputs).toEqual({});

    const bare = (await mlflow.ok('/runs/create', { experiment_id: '0' })).run;
    expect(bare.info.start_time).toBe(0);
    expect(bare.info.user_id).toBe('');
  });

  test('run_name and the mlflow.runName tag: either names the run; different values conflict', async () => {
    const named = (await mlflow.ok('/runs/create', { experiment_id: '0', run_name: 'parent' })).run;
    expect(named.info.run_name).toBe('parent');
    expect(tagValue(named, 'mlflow.runName')).toBe('parent');
    const byTag = (await mlflow.ok('/runs/create', { experiment_id: '0', tags: [{ key: 'mlflow.runName', value: 'tagged' }] })).run;
    expect(byTag.info.run_name).toBe('tagged');
    expectError(
      await mlflow.post('/runs/create', { experiment_id: '0', run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      'mlflow.runName',
    );
  });

  test('create validation: unknown or missing experiment, bad types', async () => {
    expectError(await mlflow.post('/runs/create', { experiment_id: '4242' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.post('/runs/create', {}), 400, 'INVALID_PARAMETER_VALUE', 'experiment');
    expectError(await mlflow.post('/runs/create', { experiment_id: '0', start_time: 'soon' }), 400, 'INVALID_PARAMETER_VALUE', "'start_time'");
    expectError(await mlflow.post('/runs/create', { experiment_id: 0 }), 400, 'INVALID_PARAMETER_VALUE', "'experiment_id'");
  });

  test('get accepts run_id or run_uuid (both, as the client sends them); unknown is 404', async () => {
    const id = await mlflow.createRun();
    expect((await mlflow.getOk('/runs/get', { run_uuid: id, run_id: id })).run.info.run_id).toBe(id);
    expect((await mlflow.getOk('/runs/get', { run_uuid: id })).run.info.run_id).toBe(id);
    expectError(await mlflow.get('/runs/get', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${'f'.repeat(32)} not found`);
    expectError(await mlflow.get('/runs/get', {}), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'run_id'");
  });

  test('update changes status, end_time and name; returns run_info; bad status is 400', async () => {
    const id = await mlflow.createRun();
    const { run_info } = await mlflow.ok('/runs/update', { run_uuid: id, run_id: id, status: 'FINISHED', end_time: 1795707820827 });
    expect(run_info).toMatchObject({ run_id: id, status: 'FINISHED', end_time: 1795707820827 });
    const renamed = (await mlflow.ok('/runs/update', { run_id: id, run_name: 'new-name' })).run_info;
    expect(renamed).toMatchObject({ run_name: 'new-name', status: 'FINISHED' });
    expect(tagValue(await mlflow.getRun(id), 'mlflow.runName')).toBe('new-name');
    // Resuming a run (start_run(run_id=R)) sets RUNNING again with the old end_time.
    expect((await mlflow.ok('/runs/update', { run_id: id, status: 'RUNNING', end_time: 1795707820827 })).run_info.status).toBe('RUNNING');
    expectError(await mlflow.post('/runs/update', { run_id: id, status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE', "'status'");
    expectError(await mlflow.post('/runs/update', { run_id: 'f'.repeat(32), status: 'FINISHED' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('delete and restore are idempotent; a deleted run is still readable and refuses writes', async () => {
    const id = await mlflow.createRun();
    await mlflow.ok('/runs/delete', { run_id: id });
    await mlflow.ok('/runs/delete', { run_id: id });
    expect((await mlflow.getRun(id)).info.lifecycle_stage).toBe('deleted');
    const writes: [string, Record<string, unknown>][] = [
      ['/runs/log-metric', { run_id: id, key: 'm', value: 1, timestamp: 1 }],
      ['/runs/log-parameter', { run_id: id, key: 'p', value: '1' }],
      ['/runs/set-tag', { run_id: id, key: 't', value: '1' }],
      ['/runs/log-batch', { run_id: id, metrics: [{ key: 'm', value: 1, timestamp: 1 }] }],
      ['/runs/update', { run_id: id, status: 'FINISHED' }],
    ];
    for (const [path, body] of writes) {
      expectError(await mlflow.post(path, body), 400, 'INVALID_PARAMETER_VALUE', `The run ${id} must be in the 'active' state`);
    }
    await mlflow.ok('/runs/restore', { run_id: id });
    await mlflow.ok('/runs/restore', { run_id: id });
    expect((await mlflow.getRun(id)).info.lifecycle_stage).toBe('active');
    expectError(await mlflow.post('/runs/delete', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('logging over MLflow REST', () => {
  test('log-parameter: same value twice is fine, another value is refused; empty value is valid; long values truncate', async () => {
    const id = await mlflow.createRun();
    await mlflow.ok('/runs/log-parameter', { run_uuid: id, run_id: id, key: 'degree', value: '2' });
    await mlflow.ok('/runs/log-parameter', { run_id: id, key: 'degree', value: '2' });
    expectError(await mlflow.post('/runs/log-parameter', { run_id: id, key: 'degree', value: '3' }), 400, 'INVALID_PARAMETER_VALUE', 'Changing param values is not allowed');
    await mlflow.ok('/runs/log-parameter', { run_id: id, key: 'empty', value: '' });
    await mlflow.ok('/runs/log-parameter', { run_id: id, key: 'exact', value: 'p'.repeat(6000) });
    await mlflow.ok('/runs/log-parameter', { run_id: id, key: 'long', value: 'p'.repeat(6001) });
    await mlflow.ok('/runs/set-tag', { run_id: id, key: 'longtag', value: 't'.repeat(9000) });
    const run = await mlflow.getRun(id);
    expect(param(run, 'degree')).toBe('2');
    expect(param(run, 'empty')).toBe('');
    expect(param(run, 'exact')).toHaveLength(6000);
    expect(param(run, 'long')).toHaveLength(6000);
    expect(tagValue(run, 'longtag')).toHaveLength(8000);
  });

  test('key rules: bad characters, path-like keys and over-long keys are refused, naming the field', async () => {
    const id = await mlflow.createRun();
    expectError(await mlflow.post('/runs/log-parameter', { run_id: id, key: 'a*b', value: '1' }), 400, 'INVALID_PARAMETER_VALUE', /^key: invalid key "a\*b": names may only contain/);
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: '../x', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', 'must not resolve');
    expectError(await mlflow.post('/runs/set-tag', { run_id: id, key: 'k'.repeat(251), value: '1' }), 400, 'INVALID_PARAMETER_VALUE', '250');
    expectError(await mlflow.post('/runs/log-parameter', { run_id: id, value: '1' }), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'key'");
  });

  test('log-metric: validation of value, timestamp and step', async () => {
    const id = await mlflow.createRun();
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: 1 }), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'timestamp'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'value'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: null, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', "'value'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: 'abc', timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', `Invalid value "abc" for parameter 'value' supplied`);
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: true, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', "'value'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: 1, timestamp: -5 }), 400, 'INVALID_PARAMETER_VALUE', 'timestamp');
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: 1, timestamp: 1.5 }), 400, 'INVALID_PARAMETER_VALUE', "'timestamp'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: id, key: 'm', value: 1, timestamp: 1, step: 'x' }), 400, 'INVALID_PARAMETER_VALUE', "'step'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: 5, key: 'm', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', "'run_id'");
    expectError(await mlflow.post('/runs/log-metric', { run_id: 'f'.repeat(32), key: 'm', value: 1, timestamp: 1 }), 404, 'RESOURCE_DOES_NOT_EXIST');
    // protobuf JSON: numeric strings are valid doubles and int64s.
    await mlflow.ok('/runs/log-metric', { run_id: id, key: 'm', value: '3.5', timestamp: '7', step: '2' });
    expect(metric(await mlflow.getRun(id), 'm')).toEqual({ key: 'm', value: 3.5, timestamp: 7, step: 2 });
  });

  test('NaN and ±Infinity round-trip as strings; latest is max (step, timestamp, value)', async () => {
    const id = await mlflow.createRun();
    await mlflow.ok('/runs/log-metric', { run_id: id, key: 'n', value: 'NaN', timestamp: 1, step: 0 });
    await mlflow.ok('/runs/log-metric', { run_id: id, key: 'pinf', value: 'Infinity', timestamp: 1, step: 0 });
    await mlflow.ok('/runs/log-metric', { run_id: id, key: 'ninf', value: '-Infinity', timestamp: 1, step: 0 });
    for (const [value, timestamp, step] of [
      [1, 10, 0],
      [5, 10, 0],
      [3, 20, 0],
      [0.5, 5, 1],
      [-1, 1, -3],
    ]) {
      await mlflow.ok('/runs/log-metric', { run_id: id, key: 'm', value, timestamp, step });
    }
    const run = await mlflow.getRun(id);
    expect(metric(run, 'n').value).toBe('NaN');
    expect(metric(run, 'pinf').value).toBe('Infinity');
    expect(metric(run, 'ninf').value).toBe('-Infinity');
    expect(metric(run, 'm')).toEqual({ key: 'm', value: 0.5, timestamp: 5, step: 1 });
    const history = await mlflow.getOk('/metrics/get-history', { run_id: id, metric_key: 'm' });
    expect(history.metrics).toHaveLength(5);
    expect(history.next_page_token).toBeUndefined();
  });

  test('log-batch: empty batch, limits, duplicate params, all-or-nothing, tags last-wins, repeated metrics', async () => {
    const id = await mlflow.createRun();
    expect(await mlflow.ok('/runs/log-batch', { run_id: id })).toEqual({});
    const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: 'm', value: i, timestamp: 1, step: i }));
    const kvs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, metrics: metrics(1001) }), 400, 'INVALID_PARAMETER_VALUE', '1000');
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, params: kvs(101) }), 400, 'INVALID_PARAMETER_VALUE', '100');
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, tags: kvs(101) }), 400, 'INVALID_PARAMETER_VALUE', '100');
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, metrics: metrics(950), params: kvs(60) }), 400, 'INVALID_PARAMETER_VALUE', '1000');
    expectError(
      await mlflow.post('/runs/log-batch', { run_id: id, params: [{ key: 'q', value: '1' }, { key: 'q', value: '1' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      'Duplicate parameter keys',
    );
    await mlflow.ok('/runs/log-batch', { run_id: id, params: [{ key: 'p', value: '1' }] });
    expectError(
      await mlflow.post('/runs/log-batch', {
        run_id: id,
        params: [{ key: 'p', value: '9' }, { key: 'other', value: 'x' }],
        metrics: [{ key: 'never', value: 1, timestamp: 1 }],
        tags: [{ key: 'never', value: 'x' }],
      }),
      400,
      'INVALID_PARAMETER_VALUE',
      'Changing param values is not allowed',
    );
    let run = await mlflow.getRun(id);
    expect(param(run, 'other')).toBeUndefined();
    expect(metric(run, 'never')).toBeUndefined();
    expect(tagValue(run, 'never')).toBeUndefined();
    // The same params again are idempotent; a tag repeated in one request keeps its last value.
    await mlflow.ok('/runs/log-batch', {
      run_id: id,
      params: [{ key: 'p', value: '1' }, { key: 'new', value: '2' }],
      tags: [{ key: 't', value: 'first' }, { key: 't', value: 'last' }],
      metrics: [
        { key: 'r', value: 1, timestamp: 1, step: 0 },
        { key: 'r', value: 2, timestamp: 2, step: 0 },
      ],
    });
    await mlflow.ok('/runs/log-batch', { run_id: id, metrics: [{ key: 'r', value: 1, timestamp: 1, step: 0 }] });
    run = await mlflow.getRun(id);
    expect(param(run, 'new')).toBe('2');
    expect(tagValue(run, 't')).toBe('last');
    expect((await mlflow.getOk('/metrics/get-history', { run_id: id, metric_key: 'r' })).metrics).toHaveLength(2);
  });

  test('log-batch validation names the entry: missing fields, malformed run id', async () => {
    const id = await mlflow.createRun();
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, metrics: [{ key: 'm', value: 1 }] }), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'metrics[0].timestamp'");
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, params: [{ value: '1' }] }), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'params[0].key'");
    expectError(await mlflow.post('/runs/log-batch', { run_id: id, metrics: 'all' }), 400, 'INVALID_PARAMETER_VALUE', "'metrics'");
    expectError(await mlflow.post('/runs/log-batch', { run_id: 'bad id!' }), 400, 'INVALID_PARAMETER_VALUE', `Invalid value "bad id!" for parameter 'run_id' supplied`);
    expectError(await mlflow.post('/runs/log-batch', { run_id: 'f'.repeat(32), metrics: [{ key: 'm', value: 1, timestamp: 1 }] }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('tags: set overwrites, mlflow.runName renames, delete removes, deleting a missing tag is 404', async () => {
    const id = await mlflow.createRun();
    await mlflow.ok('/runs/set-tag', { run_id: id, key: 'k', value: 'a' });
    await mlflow.ok('/runs/set-tag', { run_id: id, key: 'k', value: 'b' });
    await mlflow.ok('/runs/set-tag', { run_id: id, key: 'empty' });
    await mlflow.ok('/runs/set-tag', { run_id: id, key: 'mlflow.runName', value: 'via-tag' });
    let run = await mlflow.getRun(id);
    expect(tagValue(run, 'k')).toBe('b');
    expect(tagValue(run, 'empty')).toBe('');
    expect(run.info.run_name).toBe('via-tag');
    await mlflow.ok('/runs/delete-tag', { run_id: id, key: 'k' });
    run = await mlflow.getRun(id);
    expect(tagValue(run, 'k')).toBeUndefined();
    expectError(await mlflow.post('/runs/delete-tag', { run_id: id, key: 'k' }), 404, 'RESOURCE_DOES_NOT_EXIST', 'k');
  });

  test('logging to a FINISHED run is allowed (only the lifecycle stage is checked)', async () => {
    const id = await mlflow.createRun();
    await mlflow.ok('/runs/update', { run_id: id, status: 'FINISHED', end_time: Date.now() });
    await mlflow.ok('/runs/log-metric', { run_id: id, key: 'late', value: 1, timestamp: 1 });
    expect(metric(await mlflow.getRun(id), 'late').value).toBe(1);
  });

  test('log-model appends the MLmodel dict to mlflow.log-model.history; malformed input is refused', async () => {
    const id = await mlflow.createRun();
    const model = { run_id: id, artifact_path: 'model', utc_time_created: '2026-01-01 00:00:00.000000', flavors: { sklearn: {} }, signature: { inputs: '[]' } };
    await mlflow.ok('/runs/log-model', { run_id: id, model_json: JSON.stringify(model) });
    await mlflow.ok('/runs/log-model', { run_id: id, model_json: JSON.stringify({ ...model, artifact_path: 'model2' }) });
    const history = JSON.parse(tagValue(await mlflow.getRun(id), 'mlflow.log-model.history') as string);
    expect(history.map((m: any) => m.artifact_path)).toEqual(['model', 'model2']);
    expect(history[0].signature).toBeUndefined();
    expectError(await mlflow.post('/runs/log-model', { run_id: id, model_json: '{not json' }), 400, 'INVALID_PARAMETER_VALUE', 'Malformed model info');
    expectError(await mlflow.post('/runs/log-model', { run_id: id, model_json: '{"artifact_path":"m"}' }), 400, 'INVALID_PARAMETER_VALUE', 'missing mandatory fields');
    expectError(await mlflow.post('/runs/log-model', { run_id: id }), 400, 'INVALID_PARAMETER_VALUE', "'model_json'");
    expectError(await mlflow.post('/runs/log-model', { run_id: 'f'.repeat(32), model_json: JSON.stringify(model) }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('concurrent log-model calls all land in the history (one transaction each)', async () => {
    const id = await mlflow.createRun();
    const model = (i: number) => ({ run_id: id, artifact_path: `m${i}`, utc_time_created: 't', flavors: {} });
    await Promise.all(Array.from({ length: 10 }, (_, i) => mlflow.ok('/runs/log-model', { run_id: id, model_json: JSON.stringify(model(i)) })));
    const history = JSON.parse(tagValue(await mlflow.getRun(id), 'mlflow.log-model.history') as string);
    expect(history.map((m: any) => m.artifact_path).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
  });
});
