import { alreadyExists, failedPrecondition, invalid, notFound } from '../errors.js';
import * as experiments from '../repositories/experiments.js';
import * as runs from '../repositories/runs.js';
import { LIMITS, checkArtifactLocation, checkExperimentName, checkKey, checkString } from '../validation.js';
import { type StoreCore, type Trx, isUniqueViolation, parseExperimentId } from './core.js';
import type { Experiment, KeyValue } from './model.js';

export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';

/** What to answer when asked to delete what is deleted (or restore what is active). */
export type RepeatPolicy = 'ok' | 'not-found';

/** Experiment "0" named Default exists from the first start on (re-created only if missing entirely). */
export async function ensureDefaultExperiment(core: StoreCore): Promise<void> {
  await core.write(async (trx) => {
    if (await experiments.findById(trx, 0)) return;
    if (await experiments.findByName(trx, DEFAULT_EXPERIMENT_NAME)) return;
    await experiments.insert(trx, {
      id: 0,
      name: DEFAULT_EXPERIMENT_NAME,
      artifactLocation: 'mlflow-artifacts:/0',
      time: core.now(),
    });
  });
}

export async function createExperiment(
  core: StoreCore,
  input: { name: unknown; artifactLocation?: unknown; tags?: readonly KeyValue[] },
): Promise<Experiment> {
  const name = checkExperimentName(input.name);
  const location = checkArtifactLocation(input.artifactLocation ?? '');
  const tags = checkExperimentTags(input.tags ?? [], 'tags');
  const write = core.write(async (trx, events) => {
    if (await experiments.findByName(trx, name)) throw nameTaken(name);
    const id = await experiments.insert(trx, { name, artifactLocation: location as string, time: core.now() });
    // Without an explicit location, artifacts live under the server's own store (design.md section 6).
    if (!location) await experiments.setArtifactLocation(trx, id, `mlflow-artifacts:/${id}`);
    await experiments.upsertTags(trx, id, tags);
    events.push({ type: 'experiment', experimentId: String(id), kind: 'CREATED' });
    return (await experiments.findById(trx, id)) as Experiment;
  });
  return write.catch(rethrowNameTaken(name));
}

const nameTaken = (name: string) =>
  alreadyExists(`name: an experiment named ${JSON.stringify(name)} already exists (active or deleted)`, 'name');

/** A concurrent request took the name between our check and our write: the unique index caught it. */
const rethrowNameTaken = (name: string) => (error: unknown): never => {
  throw isUniqueViolation(error) ? nameTaken(name) : error;
};

export async function getExperiment(core: StoreCore, id: string): Promise<Experiment | undefined> {
  if (!/^\d{1,15}$/.test(id)) return undefined;
  return experiments.findById(core.db.kysely, Number(id));
}

export async function getExperimentByName(core: StoreCore, name: string): Promise<Experiment | undefined> {
  return experiments.findByName(core.db.kysely, name);
}

/** Loads an experiment for a write: unknown -> NOT_FOUND, deleted -> FAILED_PRECONDITION. */
export async function activeExperiment(trx: Trx, id: string, field = 'experimentId'): Promise<Experiment> {
  const experiment = await experiments.findById(trx, parseExperimentId(id, field));
  if (!experiment) throw notFound(`${field}: no experiment with id=${id} exists`, field);
  if (experiment.lifecycleStage !== 'active') {
    throw failedPrecondition(`${field}: the experiment ${id} must be in the 'active' state; it is deleted`, field);
  }
  return experiment;
}

async function existingExperiment(trx: Trx, id: string): Promise<Experiment> {
  const experiment = await experiments.findById(trx, parseExperimentId(id, 'id'));
  if (!experiment) throw notFound(`id: no experiment with id=${id} exists`, 'id');
  return experiment;
}

export async function renameExperiment(core: StoreCore, id: string, newName: unknown): Promise<Experiment> {
  const name = checkExperimentName(newName);
  const write = core.write(async (trx, events) => {
    const experiment = await activeExperiment(trx, id, 'id');
    if (experiment.name === name) return experiment;
    if (await experiments.findByName(trx, name)) throw nameTaken(name);
    await experiments.rename(trx, Number(experiment.id), name, core.now());
    events.push({ type: 'experiment', experimentId: experiment.id, kind: 'RENAMED' });
    return (await experiments.findById(trx, Number(id))) as Experiment;
  });
  return write.catch(rethrowNameTaken(name));
}

/** Soft delete or restore, cascading to every run of the experiment; one event for the experiment. */
export async function setExperimentLifecycle(
  core: StoreCore,
  id: string,
  stage: 'active' | 'deleted',
  repeat: RepeatPolicy,
): Promise<Experiment> {
  return core.write(async (trx, events) => {
    const experiment = await existingExperiment(trx, id);
    if (experiment.lifecycleStage === stage) {
      if (repeat === 'ok') return experiment;
      throw notFound(`id: no ${stage === 'deleted' ? 'active' : 'deleted'} experiment with id=${id} exists`, 'id');
    }
    const now = core.now();
    await experiments.setLifecycle(trx, Number(id), stage, now);
    await runs.setLifecycleOfExperiment(trx, Number(id), stage, stage === 'deleted' ? now : null);
    events.push({ type: 'experiment', experimentId: experiment.id, kind: stage === 'deleted' ? 'DELETED' : 'RESTORED' });
    return (await experiments.findById(trx, Number(id))) as Experiment;
  });
}

export async function setExperimentTag(core: StoreCore, id: string, key: unknown, value: unknown): Promise<Experiment> {
  const tag = checkExperimentTag(key, value, 'key', 'value');
  return core.write(async (trx, events) => {
    const experiment = await activeExperiment(trx, id, 'id');
    await experiments.upsertTags(trx, Number(id), [tag]);
    events.push({ type: 'experiment', experimentId: experiment.id, kind: 'TAGS' });
    return experiment;
  });
}

export async function deleteExperimentTag(core: StoreCore, id: string, key: unknown): Promise<Experiment> {
  const checked = checkString(key, 'key');
  return core.write(async (trx, events) => {
    const experiment = await activeExperiment(trx, id, 'id');
    if (!(await experiments.deleteTag(trx, Number(id), checked))) {
      throw notFound(`key: no tag with name ${JSON.stringify(checked)} on experiment ${id}`, 'key');
    }
    events.push({ type: 'experiment', experimentId: experiment.id, kind: 'TAGS' });
    return experiment;
  });
}

function checkExperimentTags(tags: readonly KeyValue[], field: string): KeyValue[] {
  return tags.map((t, i) => checkExperimentTag(t.key, t.value, `${field}[${i}].key`, `${field}[${i}].value`));
}

/** Experiment tag values over the limit are an error in both APIs (MLflow does not truncate them). */
function checkExperimentTag(key: unknown, value: unknown, keyField: string, valueField: string): KeyValue {
  const checkedValue = checkString(value, valueField);
  if (checkedValue.length > LIMITS.experimentTagValueLength) {
    throw invalid(
      `${valueField}: exceeds the maximum length of ${LIMITS.experimentTagValueLength} characters for an experiment tag`,
      valueField,
    );
  }
  return { key: checkKey(key, keyField), value: checkedValue };
}
