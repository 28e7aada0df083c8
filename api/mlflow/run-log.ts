import { StoreError } from '../../db/errors.js';
import { type TrackingStore, isRunIdShape } from '../../db/store/index.js';
import { type Fields, invalidParam } from './fields.js';
import type { Call, Endpoint } from './router.js';

/**
 * Logging endpoints (docs/mlflow-compat.md section 3): the REST layer reads MLflow's fields with MLflow's
 * messages; every rule (keys, limits, immutable params, deleted runs, duplicates) is the store's.
 * Over-long param and tag values are truncated, as MLflow does by default.
 */

interface MetricIn {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  modelId?: string;
  datasetName?: string;
  datasetDigest?: string;
}

function readMetric(m: Fields): MetricIn {
  return {
    key: m.requiredString('key'),
    value: m.requiredDouble('value'),
    timestamp: m.requiredInt64('timestamp'),
    step: m.int64('step') ?? 0,
    modelId: m.string('model_id') || undefined,
    datasetName: m.string('dataset_name') || undefined,
    datasetDigest: m.string('dataset_digest') || undefined,
  };
}

/** A single-entity call goes through logBatch: name its fields as the request did (`key`, not `metrics[0].key`). */
async function asSingle<T>(prefix: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StoreError && error.message.startsWith(prefix)) {
      throw new StoreError(error.code, error.message.slice(prefix.length), error.field?.replace(prefix, ''));
    }
    throw error;
  }
}

/** MLflow 3 links metrics logged with a model_id to that model; checked before the run is written. */
async function logMetrics(store: TrackingStore, runId: string, metrics: MetricIn[], write: () => Promise<unknown>) {
  const linked = metrics.filter((m): m is MetricIn & { modelId: string } => m.modelId !== undefined);
  if (linked.length) await store.models.checkExist(linked.map((m) => m.modelId));
  await write();
  if (linked.length) {
    await store.models.linkMetrics(
      runId,
      linked.map((m) => ({
        modelId: m.modelId,
        key: m.key,
        value: m.value,
        step: m.step,
        timestamp: m.timestamp,
        datasetName: m.datasetName ?? '',
        datasetDigest: m.datasetDigest ?? '',
      })),
    );
  }
}

async function logMetric({ fields, store }: Call) {
  const runId = fields.runId();
  const metric = readMetric(fields);
  await logMetrics(store, runId, [metric], () => asSingle('metrics[0].', store.log.metric(runId, metric)));
}

async function logParam({ fields, store }: Call) {
  const runId = fields.runId();
  const key = fields.requiredString('key');
  const value = fields.string('value') ?? '';
  await asSingle('params[0].', store.log.param(runId, key, value, 'truncate'));
}

async function setTag({ fields, store }: Call) {
  const runId = fields.runId();
  await asSingle('tags[0].', store.log.tag(runId, fields.requiredString('key'), fields.string('value') ?? '', 'truncate'));
}

async function deleteTag({ fields, store }: Call) {
  await store.log.deleteTag(fields.runId(), fields.requiredString('key'));
}

async function logBatch({ fields, store }: Call) {
  const runId = fields.requiredString('run_id');
  if (!isRunIdShape(runId)) throw invalidParam('run_id', runId, 'Invalid run id.');
  const metrics = fields.objects('metrics').map(readMetric);
  const params = fields.objects('params').map((p) => ({ key: p.requiredString('key'), value: p.requiredPresentString('value') }));
  const tags = fields.objects('tags').map((t) => ({ key: t.requiredString('key'), value: t.requiredPresentString('value') }));
  await logMetrics(store, runId, metrics, () => store.log.batch(runId, { metrics, params, tags }, 'truncate'));
}

export const runLogEndpoints: Endpoint[] = [
  { method: 'POST', path: '/runs/log-metric', handler: logMetric },
  { method: 'POST', path: '/runs/log-parameter', handler: logParam },
  { method: 'POST', path: '/runs/set-tag', handler: setTag },
  { method: 'POST', path: '/runs/delete-tag', handler: deleteTag },
  { method: 'POST', path: '/runs/log-batch', handler: logBatch },
];
