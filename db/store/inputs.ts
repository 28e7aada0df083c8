import { randomUUID } from 'node:crypto';
import type { DatasetFields, KeyValue, RunInputs } from '../entities.js';
import { invalid, notFound } from '../errors.js';
import * as inputs from '../repositories/inputs.js';
import * as models from '../repositories/logged-models.js';
import { checkString, experimentIdNumbers } from '../validation.js';
import type { StoreCore } from './core.js';
import { activeRun } from './guards.js';

export interface DatasetInputIn {
  dataset: Partial<Record<keyof DatasetFields, unknown>>;
  tags?: readonly KeyValue[];
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

/** MLflow's run inputs (log-inputs): datasets with input tags, and (MLflow 3) logged models. */
export class InputStore {
  constructor(private readonly core: StoreCore) {}

  /** Logs a run's dataset inputs (with their input tags) and model inputs; what is there already is kept. */
  async log(runId: string, datasets: readonly DatasetInputIn[], modelIds: readonly string[] = []): Promise<void> {
    const checked = checkDatasetInputs(datasets);
    await this.core.write(async (trx, events) => {
      const run = await activeRun(this.core, trx, runId);
      const experimentId = Number(run.experimentId);
      let order = this.core.now() * 1000;
      let changed = false;
      for (const input of checked) {
        let datasetId = await inputs.findDataset(trx, experimentId, input.dataset.name, input.dataset.digest);
        if (!datasetId) {
          datasetId = randomUUID().replaceAll('-', '');
          await inputs.insertDataset(trx, datasetId, experimentId, input.dataset);
        }
        if (await inputs.inputExists(trx, run.id, 'DATASET', datasetId)) continue;
        await inputs.insertInput(trx, { id: randomUUID(), runId: run.id, sourceType: 'DATASET', sourceId: datasetId, order: order++ }, input.tags);
        changed = true;
      }
      for (const modelId of new Set(modelIds)) {
        const model = await models.findById(trx, modelId);
        if (!model || model.lifecycleStage !== 'active') throw notFound(`models: no logged model with id=${modelId} exists`, 'models');
        if (await inputs.inputExists(trx, run.id, 'MODEL', modelId)) continue;
        await inputs.insertInput(trx, { id: randomUUID(), runId: run.id, sourceType: 'MODEL', sourceId: modelId, order: order++ }, []);
        changed = true;
      }
      if (changed) events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds: ['UPDATED'] });
    });
  }

  /** The inputs of each run (runs without inputs map to empty lists). */
  async of(runIds: readonly string[]): Promise<Map<string, RunInputs>> {
    const db = this.core.db.kysely;
    const result = new Map<string, RunInputs>(runIds.map((id) => [id, { datasetInputs: [], modelInputs: [] }]));
    for (const d of await inputs.datasetInputsOf(db, runIds)) {
      const { id: _id, experimentId: _e, ...dataset } = d.dataset;
      result.get(d.runId)?.datasetInputs.push({ dataset, tags: d.tags });
    }
    for (const m of await inputs.modelInputsOf(db, runIds)) result.get(m.runId)?.modelInputs.push({ modelId: m.modelId });
    return result;
  }

  datasetSummaries(experimentIds: readonly string[]) {
    const ids = experimentIdNumbers(experimentIds);
    return inputs.datasetSummaries(this.core.db.kysely, ids);
  }
}
