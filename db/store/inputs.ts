import { randomUUID } from 'node:crypto';
import { invalid, notFound } from '../errors.js';
import * as inputs from '../repositories/inputs.js';
import type { DatasetFields, DatasetSummary, RunDatasetInput } from '../repositories/inputs.js';
import * as models from '../repositories/logged-models.js';
import { withMlflowTables } from '../repositories/mlflow-tables.js';
import { checkString } from '../validation.js';
import type { StoreCore } from './core.js';
import type { KeyValue } from './model.js';
import { activeRun } from './runs.js';

/** MLflow's run inputs (log-inputs): datasets with input tags, and (MLflow 3) logged models. */

export type { DatasetFields, DatasetSummary, RunDatasetInput };

export interface DatasetInputIn {
  dataset: Partial<Record<keyof DatasetFields, unknown>>;
  tags?: readonly KeyValue[];
}

export interface RunInputs {
  datasetInputs: { dataset: DatasetFields; tags: KeyValue[] }[];
  modelInputs: { modelId: string }[];
}

// MLflow's limits (mlflow/utils/validation.py): required fields and their maximum lengths.
const DATASET_FIELDS: { name: keyof DatasetFields; max: number; required: boolean }[] = [
  { name: 'name', max: 500, required: true },
  { name: 'digest', max: 36, required: true },
  { name: 'sourceType', max: 36, required: true },
  { name: 'source', max: 65_535, required: true },
  { name: 'schema', max: 1024 * 1024, required: false },
  { name: 'profile', max: 16 * 1024 * 1024, required: false },
];
const MAX_DATASETS_PER_REQUEST = 1000;
const INPUT_TAG_KEY_LENGTH = 255;
const INPUT_TAG_VALUE_LENGTH = 500;

/**
 * Attaches datasets (found or created in the run's experiment by name and digest) and models to a run.
 * Logging the same dataset to the same run again changes nothing, tags included (MLflow's rule).
 */
export async function logInputs(
  core: StoreCore,
  runId: string,
  datasets: readonly DatasetInputIn[],
  modelIds: readonly string[] = [],
): Promise<void> {
  const checked = checkDatasetInputs(datasets);
  await core.write(async (trx, events) => {
    const db = withMlflowTables(trx);
    const run = await activeRun(core, trx, runId);
    const experimentId = Number(run.experimentId);
    let order = core.now() * 1000;
    let changed = false;
    for (const input of checked) {
      let datasetId = await inputs.findDataset(db, experimentId, input.dataset.name, input.dataset.digest);
      if (!datasetId) {
        datasetId = randomUUID().replaceAll('-', '');
        await inputs.insertDataset(db, datasetId, experimentId, input.dataset);
      }
      if (await inputs.inputExists(db, run.id, 'DATASET', datasetId)) continue;
      await inputs.insertInput(db, { id: randomUUID(), runId: run.id, sourceType: 'DATASET', sourceId: datasetId, order: order++ }, input.tags);
      changed = true;
    }
    for (const modelId of new Set(modelIds)) {
      const model = await models.findById(db, modelId);
      if (!model || model.lifecycleStage !== 'active') throw notFound(`models: no logged model with id=${modelId} exists`, 'models');
      if (await inputs.inputExists(db, run.id, 'MODEL', modelId)) continue;
      await inputs.insertInput(db, { id: randomUUID(), runId: run.id, sourceType: 'MODEL', sourceId: modelId, order: order++ }, []);
      changed = true;
    }
    if (changed) events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds: ['UPDATED'] });
  });
}

function checkDatasetInputs(list: readonly DatasetInputIn[]) {
  if (!Array.isArray(list)) throw invalid('datasets: a list is required', 'datasets');
  if (list.length > MAX_DATASETS_PER_REQUEST) {
    throw invalid(`datasets: at most ${MAX_DATASETS_PER_REQUEST} datasets per request, got ${list.length}`, 'datasets');
  }
  return list.map((input, i) => {
    const at = `datasets[${i}]`;
    if (input === null || typeof input !== 'object' || input.dataset === null || typeof input.dataset !== 'object') {
      throw invalid(`${at}.dataset: a dataset object is required`, `${at}.dataset`);
    }
    const dataset = {} as DatasetFields;
    for (const f of DATASET_FIELDS) {
      const field = `${at}.dataset.${f.name}`;
      const value = input.dataset[f.name];
      if (value === undefined || value === null || value === '') {
        if (f.required) throw invalid(`${field}: a value is required`, field);
        (dataset[f.name] as string | null) = null;
        continue;
      }
      const text = checkString(value, field);
      if (text.length > f.max) throw invalid(`${field}: exceeds the maximum length of ${f.max} characters`, field);
      (dataset[f.name] as string) = text;
    }
    const tags = ((input.tags ?? []) as readonly KeyValue[]).map((t, j) => checkInputTag(t, `${at}.tags[${j}]`));
    return { dataset, tags };
  });
}

function checkInputTag(tag: KeyValue, at: string): KeyValue {
  if (tag === null || typeof tag !== 'object') throw invalid(`${at}: an object is required`, at);
  const key = checkString(tag.key, `${at}.key`);
  const value = checkString(tag.value, `${at}.value`);
  if (key === '') throw invalid(`${at}.key: a non-empty key is required`, `${at}.key`);
  if (key.length > INPUT_TAG_KEY_LENGTH) throw invalid(`${at}.key: exceeds the maximum length of ${INPUT_TAG_KEY_LENGTH} characters`, `${at}.key`);
  if (value.length > INPUT_TAG_VALUE_LENGTH) {
    throw invalid(`${at}.value: exceeds the maximum length of ${INPUT_TAG_VALUE_LENGTH} characters`, `${at}.value`);
  }
  return { key, value };
}

/** The inputs of each run (runs without inputs map to empty lists). */
export async function inputsOf(core: StoreCore, runIds: readonly string[]): Promise<Map<string, RunInputs>> {
  const db = withMlflowTables(core.db.kysely);
  const result = new Map<string, RunInputs>(runIds.map((id) => [id, { datasetInputs: [], modelInputs: [] }]));
  for (const d of await inputs.datasetInputsOf(db, runIds)) {
    const { id: _id, experimentId: _e, ...dataset } = d.dataset;
    result.get(d.runId)?.datasetInputs.push({ dataset, tags: d.tags });
  }
  for (const m of await inputs.modelInputsOf(db, runIds)) result.get(m.runId)?.modelInputs.push({ modelId: m.modelId });
  return result;
}

export function datasetSummaries(core: StoreCore, experimentIds: readonly string[]) {
  const ids = experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  return inputs.datasetSummaries(withMlflowTables(core.db.kysely), ids);
}
