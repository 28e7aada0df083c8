import { LOGGED_MODEL_STATUSES } from '../../db/store/index.js';
import { mlflowError } from './errors.js';
import { invalidParam, missing } from './fields.js';
import { loggedModelJson } from './proto-json.js';
import type { Call, Endpoint } from './router.js';
import { SEARCH_MAX_RESULTS } from './search.js';

/** MLflow 3 logged models (docs/mlflow-compat.md section 2): what a 3.x client's log_model calls. */

async function create({ fields, store }: Call) {
  const model = await store.models.create(
    {
      experimentId: fields.requiredString('experiment_id'),
      name: fields.string('name') || undefined,
      modelType: fields.string('model_type'),
      sourceRunId: fields.string('source_run_id'),
      params: fields.keyValues('params'),
      tags: fields.keyValues('tags'),
    },
    'truncate',
  );
  return { model: loggedModelJson(model) };
}

async function modelOr404(call: Call) {
  const id = call.params.model_id as string;
  const model = await call.store.models.get(id);
  if (!model) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `Logged model with ID '${id}' not found.`);
  return model;
}

async function get(call: Call) {
  return { model: loggedModelJson(await modelOr404(call)) };
}

async function finalize(call: Call) {
  const status = call.fields.enumValue('status', LOGGED_MODEL_STATUSES);
  if (!status) throw missing('status');
  const model = await call.store.models.finalize(call.params.model_id as string, status, call.fields.string('status_message'));
  return { model: loggedModelJson(model) };
}

async function remove(call: Call) {
  await call.store.models.delete(call.params.model_id as string);
}

async function setTags(call: Call) {
  const model = await call.store.models.setTags(call.params.model_id as string, call.fields.keyValues('tags'), 'truncate');
  return { model: loggedModelJson(model) };
}

async function deleteTag(call: Call) {
  await call.store.models.deleteTag(call.params.model_id as string, call.params.tag_key);
}

async function logParams(call: Call) {
  await call.store.models.logParams(call.params.model_id as string, call.fields.keyValues('params'), 'truncate');
}

/** Offset page tokens: a model search reads the few models of its experiments and sorts them in memory. */
async function search({ fields, store }: Call) {
  const maxResults = fields.int64('max_results') ?? 100;
  if (maxResults < 1 || maxResults > SEARCH_MAX_RESULTS) throw invalidParam('max_results', maxResults, `It must be between 1 and ${SEARCH_MAX_RESULTS}.`);
  const token = fields.string('page_token');
  const offset = token ? decodeOffset(token) : 0;
  const orderBy = fields.objects('order_by').map((o) => ({
    fieldName: o.requiredString('field_name'),
    ascending: o.raw.ascending === undefined ? true : o.raw.ascending === true || o.raw.ascending === 'true',
  }));
  const { models, hasMore } = await store.models.search({
    experimentIds: fields.strings('experiment_ids'),
    filter: fields.string('filter'),
    orderBy,
    maxResults,
    offset,
  });
  return {
    ...(models.length && { models: models.map(loggedModelJson) }),
    ...(hasMore && { next_page_token: Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString('base64') }),
  };
}

function decodeOffset(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (Number.isSafeInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // fall through
  }
  throw mlflowError('INVALID_PARAMETER_VALUE', 'Invalid page token, could not base64-decode');
}

export const loggedModelEndpoints: Endpoint[] = [
  { method: 'POST', path: '/logged-models', handler: create },
  { method: 'POST', path: '/logged-models/search', handler: search, read: true },
  { method: 'GET', path: '/logged-models/:model_id', handler: get, read: true },
  { method: 'PATCH', path: '/logged-models/:model_id', handler: finalize },
  { method: 'DELETE', path: '/logged-models/:model_id', handler: remove },
  { method: 'PATCH', path: '/logged-models/:model_id/tags', handler: setTags },
  { method: 'DELETE', path: '/logged-models/:model_id/tags/:tag_key', handler: deleteTag },
  { method: 'POST', path: '/logged-models/:model_id/params', handler: logParams },
];
