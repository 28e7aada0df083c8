import { invalidValue } from './errors.js';
import { missing } from './fields.js';
import type { Call, Endpoint } from './router.js';

/** Run inputs (datasets; MLflow 3 models), outputs (MLflow 3 models) and the 2.x log-model record. */

async function logInputs({ fields, store }: Call) {
  const runId = fields.runId();
  const datasets = fields.objects('datasets').map((input) => {
    // The store checks the dataset's fields and limits; here only MLflow's names become the store's.
    const dataset = input.raw.dataset as Record<string, unknown> | null | undefined;
    const named =
      dataset && typeof dataset === 'object' && !Array.isArray(dataset)
        ? {
            name: dataset.name,
            digest: dataset.digest,
            sourceType: dataset.source_type,
            source: dataset.source,
            schema: dataset.schema,
            profile: dataset.profile,
          }
        : (dataset as never);
    return { dataset: named, tags: input.keyValues('tags', true) };
  });
  const models = fields.objects('models').map((m) => m.requiredString('model_id'));
  await store.inputs.log(runId, datasets, models);
}

async function logOutputs({ fields, store }: Call) {
  const runId = fields.runId();
  if (!fields.has('models')) throw missing('models');
  const models = fields.objects('models').map((m) => ({ modelId: m.requiredString('model_id'), step: m.int64('step') ?? 0 }));
  await store.models.logOutputs(runId, models);
}

const MODEL_FIELDS = ['artifact_path', 'flavors', 'utc_time_created', 'run_id'];

/** runs/log-model (2.x): the MLmodel dict joins the run's `mlflow.log-model.history` tag, which the UI reads. */
async function logModel({ fields, store }: Call) {
  const runId = fields.runId();
  const text = fields.requiredString('model_json');
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch {
    throw invalidValue(`Malformed model info. \n ${text.slice(0, 200)}\n is not a valid JSON.`);
  }
  if (model === null || typeof model !== 'object' || Array.isArray(model)) throw invalidValue('Malformed model info: model_json must be a JSON object.');
  const absent = MODEL_FIELDS.filter((f) => !(f in (model as object)));
  if (absent.length) throw invalidValue(`Model json is missing mandatory fields: ${JSON.stringify(absent)}`);
  // As MLflow's Model.get_tags_dict: the signature and input example are left out of the tag.
  const { signature: _s, saved_input_example_info: _e, ...record } = model as Record<string, unknown>;
  await store.models.record(runId, record);
}

export const inputOutputEndpoints: Endpoint[] = [
  { method: 'POST', path: '/runs/log-inputs', handler: logInputs },
  { method: 'POST', path: '/runs/outputs', handler: logOutputs },
  { method: 'POST', path: '/runs/log-model', handler: logModel },
];
