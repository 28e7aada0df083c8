import type { Experiment, TrackingStore } from '../../db/store/index.js';
import { mlflowError } from './errors.js';
import type { Call, Endpoint } from './router.js';
import { experimentJson } from './proto-json.js';

/** Experiment endpoints (docs/mlflow-compat.md section 2): thin translations onto the tracking store. */

async function experimentWithTags(store: TrackingStore, experiment: Experiment) {
  const tags = await store.experiments.tagsOf([experiment.id]);
  return experimentJson(experiment, tags);
}

async function create({ fields, store }: Call) {
  const name = fields.requiredString('name');
  const artifactLocation = fields.string('artifact_location');
  const tags = fields.keyValues('tags');
  const experiment = await store.experiments.create({ name, artifactLocation: artifactLocation || undefined, tags });
  return { experiment_id: experiment.id };
}

async function get({ fields, store }: Call) {
  const id = fields.requiredString('experiment_id');
  const experiment = await store.experiments.get(id);
  if (!experiment) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${id} exists`);
  return { experiment: await experimentWithTags(store, experiment) };
}

async function getByName({ fields, store }: Call) {
  const name = fields.requiredString('experiment_name');
  const experiment = await store.experiments.getByName(name);
  if (!experiment) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
  return { experiment: await experimentWithTags(store, experiment) };
}

async function update({ fields, store }: Call) {
  await store.experiments.rename(fields.requiredString('experiment_id'), fields.requiredString('new_name'));
}

// MLflow answers 404 when deleting a deleted experiment or restoring an active one (docs/mlflow-compat.md section 3).
async function remove({ fields, store }: Call) {
  await store.experiments.delete(fields.requiredString('experiment_id'), 'not-found');
}

async function restore({ fields, store }: Call) {
  await store.experiments.restore(fields.requiredString('experiment_id'), 'not-found');
}

async function setTag({ fields, store }: Call) {
  await store.experiments.setTag(fields.requiredString('experiment_id'), fields.requiredString('key'), fields.string('value') ?? '');
}

async function deleteTag({ fields, store }: Call) {
  await store.experiments.deleteTag(fields.requiredString('experiment_id'), fields.requiredString('key'));
}

async function searchDatasets({ fields, store }: Call) {
  const summaries = await store.inputs.datasetSummaries(fields.strings('experiment_ids'));
  return {
    dataset_summaries: summaries.map((s) => ({
      experiment_id: s.experimentId,
      name: s.name,
      digest: s.digest,
      ...(s.context !== null && { context: s.context }),
    })),
  };
}

export const experimentEndpoints: Endpoint[] = [
  { method: 'POST', path: '/experiments/create', handler: create },
  { method: 'GET', path: '/experiments/get', handler: get, read: true },
  { method: 'GET', path: '/experiments/get-by-name', handler: getByName, read: true },
  { method: 'POST', path: '/experiments/update', handler: update },
  { method: 'POST', path: '/experiments/delete', handler: remove },
  { method: 'POST', path: '/experiments/restore', handler: restore },
  { method: 'POST', path: '/experiments/set-experiment-tag', handler: setTag },
  { method: 'POST', path: '/experiments/delete-experiment-tag', handler: deleteTag },
  { method: 'POST', path: '/experiments/search-datasets', handler: searchDatasets },
];
