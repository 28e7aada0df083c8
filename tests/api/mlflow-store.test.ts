import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TrackingStore } from '../../db/store/index.js';
import { sampledSteps } from '../../db/store/metric-sampling.js';
import { describeEachDialect, openTestStore } from '../helpers/db.js';

/** The store's MLflow additions (migration 0002) on every dialect: inputs, logged models, outputs, sampling. */
describeEachDialect('MLflow store additions', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect));
  });
  afterAll(() => drop?.());

  test('log-inputs: datasets are shared per experiment, inputs are not duplicated, tags are kept', async () => {
    const run = await store.runs.create({ experimentId: '0' });
    const other = await store.runs.create({ experimentId: '0' });
    const dataset = { name: 'd', digest: 'abc', sourceType: 'local', source: 's', schema: null, profile: '{"rows": 1}' };
    await store.inputs.log(run.id, [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'training' }] }]);
    await store.inputs.log(run.id, [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'test' }] }]);
    await store.inputs.log(other.id, [{ dataset, tags: [] }]);
    const inputs = await store.inputs.of([run.id, other.id]);
    expect(inputs.get(run.id)).toEqual({ datasetInputs: [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'training' }] }], modelInputs: [] });
    expect(inputs.get(other.id)?.datasetInputs).toHaveLength(1);
    expect(await store.inputs.datasetSummaries(['0'])).toEqual(
      expect.arrayContaining([
        { experimentId: '0', name: 'd', digest: 'abc', context: 'training' },
        { experimentId: '0', name: 'd', digest: 'abc', context: null },
      ]),
    );
    await expect(store.inputs.log(run.id, [{ dataset: { ...dataset, name: '' } }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test('logged models: create, metrics linked from a run, outputs, finalize, run listing, delete', async () => {
    const run = await store.runs.create({ experimentId: '0' });
    const model = await store.models.create({ experimentId: '0', name: 'm', sourceRunId: run.id, params: [{ key: 'a', value: '1' }] });
    expect(model).toMatchObject({ status: 'LOGGED_MODEL_PENDING', params: [{ key: 'a', value: '1' }], artifactUri: `mlflow-artifacts:/0/models/${model.id}/artifacts` });
    await store.models.logOutputs(run.id, [{ modelId: model.id, step: 3 }]);
    await store.models.linkMetrics(run.id, [{ modelId: model.id, key: 'acc', value: Number.NaN, step: 0, timestamp: 1, datasetName: '', datasetDigest: '' }]);
    await store.models.linkMetrics(run.id, [{ modelId: model.id, key: 'acc', value: Number.NaN, step: 0, timestamp: 1, datasetName: '', datasetDigest: '' }]);
    const ready = await store.models.finalize(model.id, 'LOGGED_MODEL_READY');
    expect(ready.status).toBe('LOGGED_MODEL_READY');
    expect(ready.metrics).toHaveLength(1);
    expect(Number.isNaN(ready.metrics[0]?.value)).toBe(true);
    expect(await store.models.outputsOf([run.id])).toEqual([{ runId: run.id, modelId: model.id, step: 3 }]);
    const produced = await store.models.ofRuns([run.id]);
    expect(produced.map((p) => p.model.id)).toEqual([model.id]);
    await store.models.delete(model.id);
    expect(await store.models.get(model.id)).toBeUndefined();
    expect(await store.models.ofRuns([run.id])).toEqual([]);
    await expect(store.models.finalize(model.id, 'LOGGED_MODEL_READY')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test("bulk-interval reads the points at MLflow's sampled steps", async () => {
    const run = await store.runs.create({ experimentId: '0' });
    await store.log.batch(run.id, { metrics: Array.from({ length: 50 }, (_, i) => ({ key: 'x', value: i, step: i * 2, timestamp: 1 })) });
    const points = await store.history.bulkInterval({ runIds: [run.id], key: 'x', maxResults: 5 });
    expect(points.map((p) => p.step)).toEqual(sampledSteps([Array.from({ length: 50 }, (_, i) => i * 2)], 5));
    expect(points.map((p) => p.step)).toEqual([0, 20, 40, 60, 80, 98]);
  });
});
