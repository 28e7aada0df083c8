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

describe('experiments over MLflow REST', () => {
  test('the Default experiment 0 exists, active, with an mlflow-artifacts location', async () => {
    const { experiment } = await mlflow.getOk('/experiments/get-by-name', { experiment_name: 'Default' });
    expect(experiment).toMatchObject({ experiment_id: '0', name: 'Default', artifact_location: 'mlflow-artifacts:/0', lifecycle_stage: 'active' });
    expect(Number.isInteger(experiment.creation_time)).toBe(true);
    expect(experiment.tags).toBeUndefined(); // empty lists are omitted
  });

  test('create, get with tags, get-by-name', async () => {
    const { experiment_id: id } = await mlflow.ok('/experiments/create', {
      name: 'exp-tags',
      tags: [{ key: 'team', value: 'vision' }],
    });
    expect(id).toMatch(/^\d+$/);
    const { experiment } = await mlflow.getOk('/experiments/get', { experiment_id: id });
    expect(experiment).toMatchObject({ name: 'exp-tags', artifact_location: `mlflow-artifacts:/${id}`, tags: [{ key: 'team', value: 'vision' }] });
    expect((await mlflow.getOk('/experiments/get-by-name', { experiment_name: 'exp-tags' })).experiment.experiment_id).toBe(id);
  });

  test('an explicit artifact location is kept as given', async () => {
    const id = (await mlflow.ok('/experiments/create', { name: 'exp-s3', artifact_location: 's3://bucket/x' })).experiment_id;
    expect((await mlflow.getOk('/experiments/get', { experiment_id: id })).experiment.artifact_location).toBe('s3://bucket/x');
  });

  test('create validation: missing, wrong types, too long, duplicate (active or deleted)', async () => {
    expectError(await mlflow.post('/experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'name'");
    expectError(await mlflow.post('/experiments/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'name'");
    expectError(await mlflow.post('/experiments/create', { name: 123 }), 400, 'INVALID_PARAMETER_VALUE', "Invalid value 123 for parameter 'name'");
    expectError(await mlflow.post('/experiments/create', { name: 'x', artifact_location: 5 }), 400, 'INVALID_PARAMETER_VALUE', 'artifact_location');
    expectError(await mlflow.post('/experiments/create', { name: 'x', tags: 'a' }), 400, 'INVALID_PARAMETER_VALUE', 'tags');
    expectError(await mlflow.post('/experiments/create', { name: 'n'.repeat(501) }), 400, 'INVALID_PARAMETER_VALUE', '500');
    await mlflow.createExperiment('dup');
    expectError(await mlflow.post('/experiments/create', { name: 'dup' }), 400, 'RESOURCE_ALREADY_EXISTS', 'Experiment(name=dup) already exists');
    const gone = await mlflow.createExperiment('dup-deleted');
    await mlflow.ok('/experiments/delete', { experiment_id: gone });
    expectError(await mlflow.post('/experiments/create', { name: 'dup-deleted' }), 400, 'RESOURCE_ALREADY_EXISTS');
    expect((await mlflow.post('/experiments/create', { name: 'x' })).status).toBe(200);
  });

  test('unknown ids and names are 404 RESOURCE_DOES_NOT_EXIST', async () => {
    expectError(await mlflow.get('/experiments/get', { experiment_id: '9999' }), 404, 'RESOURCE_DOES_NOT_EXIST', 'No Experiment with id=9999 exists');
    expectError(await mlflow.get('/experiments/get', { experiment_id: 'abc' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.get('/experiments/get-by-name', { experiment_name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST', "Could not find experiment with name 'nope'");
    expectError(await mlflow.post('/experiments/delete', { experiment_id: '9999' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.get('/experiments/get', {}), 400, 'INVALID_PARAMETER_VALUE', "'experiment_id'");
  });

  test('rename updates name and last_update_time; duplicates and deleted experiments are refused', async () => {
    const id = await mlflow.createExperiment('to-rename');
    const before = (await mlflow.getOk('/experiments/get', { experiment_id: id })).experiment;
    await new Promise((r) => setTimeout(r, 5));
    expect(await mlflow.ok('/experiments/update', { experiment_id: id, new_name: 'renamed' })).toEqual({});
    const after = (await mlflow.getOk('/experiments/get', { experiment_id: id })).experiment;
    expect(after.name).toBe('renamed');
    expect(after.last_update_time).toBeGreaterThan(before.last_update_time);
    expectError(await mlflow.post('/experiments/update', { experiment_id: id, new_name: 'Default' }), 400, 'RESOURCE_ALREADY_EXISTS');
    expectError(await mlflow.post('/experiments/update', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE', "'new_name'");
    await mlflow.ok('/experiments/delete', { experiment_id: id });
    expectError(await mlflow.post('/experiments/update', { experiment_id: id, new_name: 'again' }), 400, 'INVALID_PARAMETER_VALUE', "must be in the 'active' state");
  });

  test('delete and restore cascade to runs; repeats are 404; get and get-by-name still see deleted ones', async () => {
    const id = await mlflow.createExperiment('cascade');
    const runA = await mlflow.createRun(id);
    const runB = await mlflow.createRun(id);
    await mlflow.ok('/runs/delete', { run_id: runB });
    await mlflow.ok('/experiments/delete', { experiment_id: id });
    expect((await mlflow.getRun(runA)).info.lifecycle_stage).toBe('deleted');
    expect((await mlflow.getOk('/experiments/get', { experiment_id: id })).experiment.lifecycle_stage).toBe('deleted');
    expect((await mlflow.getOk('/experiments/get-by-name', { experiment_name: 'cascade' })).experiment.lifecycle_stage).toBe('deleted');
    expectError(await mlflow.post('/experiments/delete', { experiment_id: id }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await mlflow.post('/runs/create', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE', "must be in the 'active' state");
    expectError(await mlflow.post('/experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE');
    await mlflow.ok('/experiments/restore', { experiment_id: id });
    expect((await mlflow.getRun(runA)).info.lifecycle_stage).toBe('active');
    // Runs deleted one by one before come back too, as in MLflow.
    expect((await mlflow.getRun(runB)).info.lifecycle_stage).toBe('active');
    expectError(await mlflow.post('/experiments/restore', { experiment_id: id }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('experiment tags: upsert, limits, delete, missing tag is 404', async () => {
    const id = await mlflow.createExperiment('tagged');
    await mlflow.ok('/experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v1' });
    await mlflow.ok('/experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v2' });
    await mlflow.ok('/experiments/set-experiment-tag', { experiment_id: id, key: 'empty' });
    let { experiment } = await mlflow.getOk('/experiments/get', { experiment_id: id });
    expect(experiment.tags).toEqual([
      { key: 'empty', value: '' },
      { key: 'k', value: 'v2' },
    ]);
    expectError(await mlflow.post('/experiments/set-experiment-tag', { experiment_id: id, key: 'big', value: 'x'.repeat(5001) }), 400, 'INVALID_PARAMETER_VALUE', '5000');
    expectError(await mlflow.post('/experiments/set-experiment-tag', { experiment_id: id, value: 'x' }), 400, 'INVALID_PARAMETER_VALUE', "'key'");
    await mlflow.ok('/experiments/delete-experiment-tag', { experiment_id: id, key: 'k' });
    ({ experiment } = await mlflow.getOk('/experiments/get', { experiment_id: id }));
    expect(experiment.tags).toEqual([{ key: 'empty', value: '' }]);
    expectError(await mlflow.post('/experiments/delete-experiment-tag', { experiment_id: id, key: 'k' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('deleting experiment 0 is allowed; it is hidden from the default search and can be restored', async () => {
    await mlflow.ok('/experiments/delete', { experiment_id: '0' });
    const active = await mlflow.ok('/experiments/search', { max_results: 1000 });
    expect((active.experiments ?? []).map((e: any) => e.experiment_id)).not.toContain('0');
    const deleted = await mlflow.ok('/experiments/search', { max_results: 1000, view_type: 'DELETED_ONLY' });
    expect(deleted.experiments.map((e: any) => e.experiment_id)).toContain('0');
    await mlflow.ok('/experiments/restore', { experiment_id: '0' });
  });
});
