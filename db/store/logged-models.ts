import { randomUUID } from 'node:crypto';
import type { Queryable } from '../connect.js';
import { type KeyValue, LOGGED_MODEL_STATUSES, type LoggedModel, type LoggedModelDetails, type ModelMetric, type StoreEvent } from '../entities.js';
import { invalid, notFound } from '../errors.js';
import * as models from '../repositories/logged-models.js';
import * as kv from '../repositories/run-key-values.js';
import * as runsRepo from '../repositories/runs.js';
import { generateRunName } from '../run-names.js';
import { LIMITS, type LongValuePolicy, checkKey, checkString, checkValueLength, experimentIdNumbers } from '../validation.js';
import type { StoreCore } from './core.js';
import { activeExperiment, activeRun } from './guards.js';
import { type LoggedModelOrder, compareLoggedModels, parseLoggedModelFilter } from './logged-model-filter.js';

export interface CreateLoggedModelInput {
  experimentId: unknown;
  name?: unknown;
  modelType?: unknown;
  sourceRunId?: unknown;
  params?: readonly KeyValue[];
  tags?: readonly KeyValue[];
}

// MLflow: a model name may not contain these, since it becomes part of URIs and paths.
const FORBIDDEN_NAME_CHARS = /[/:.%"']/;

/** A run's models show on its page (GraphQL Run.loggedModels): tell its subscribers. */
async function announceForRun(trx: Queryable, runId: string | null, events: StoreEvent[]) {
  if (!runId) return;
  const run = await runsRepo.findById(trx, runId);
  if (run) events.push({ type: 'run', runId, experimentId: run.experimentId, kinds: ['UPDATED'] });
}

async function activeModel(trx: Queryable, id: unknown): Promise<LoggedModel> {
  if (typeof id !== 'string' || id === '') throw invalid('modelId: a model id is required', 'modelId');
  const model = await models.findById(trx, id);
  if (!model || model.lifecycleStage !== 'active') throw notFound(`modelId: no logged model with id=${id} exists`, 'modelId');
  return model;
}

export interface SearchLoggedModelsArgs {
  experimentIds: readonly string[];
  filter?: string;
  orderBy?: readonly LoggedModelOrder[];
  maxResults: number;
  /** offset into the sorted result */
  offset: number;
}

const SEARCH_SCAN_LIMIT = 50_000;

async function details(db: Queryable, list: readonly LoggedModel[]): Promise<LoggedModelDetails[]> {
  const ids = [...new Set(list.map((m) => m.id))];
  const [params, tags, metrics] = await Promise.all([
    models.keyValuesOf(db, 'logged_model_params', ids),
    models.keyValuesOf(db, 'logged_model_tags', ids),
    models.metricsOf(db, ids),
  ]);
  const group = <T extends { model_id?: string; modelId?: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) {
      const id = (r.model_id ?? r.modelId) as string;
      let bucket = map.get(id);
      if (!bucket) map.set(id, (bucket = []));
      bucket.push(r);
    }
    return map;
  };
  const p = group(params);
  const t = group(tags);
  const m = group(metrics);
  const kv = (rows: { key: string; value: string }[] | undefined) => (rows ?? []).map(({ key, value }) => ({ key, value }));
  return list.map((model) => ({
    // Strip the repository's extra fields (ofRuns adds runId).
    id: model.id,
    experimentId: model.experimentId,
    name: model.name,
    artifactUri: model.artifactUri,
    status: model.status,
    statusMessage: model.statusMessage,
    modelType: model.modelType,
    sourceRunId: model.sourceRunId,
    lifecycleStage: model.lifecycleStage,
    creationTime: model.creationTime,
    lastUpdatedTime: model.lastUpdatedTime,
    params: kv(p.get(model.id)),
    tags: kv(t.get(model.id)),
    metrics: m.get(model.id) ?? [],
  }));
}

function checkModelKeyValues(list: readonly KeyValue[], field: string, maxValue: number, policy: LongValuePolicy): KeyValue[] {
  if (!Array.isArray(list)) throw invalid(`${field}: a list is required`, field);
  return list.map((kv, i) => {
    const at = `${field}[${i}]`;
    if (kv === null || typeof kv !== 'object') throw invalid(`${at}: an object is required`, at);
    const key = checkKey(kv.key, `${at}.key`);
    return { key, value: checkValueLength(checkString(kv.value, `${at}.value`), maxValue, `${at}.value`, policy) };
  });
}

const LOG_MODEL_HISTORY_TAG = 'mlflow.log-model.history';

function historyOf(value: string | undefined): unknown[] {
  if (value === undefined) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    // A hand-set tag that is not a JSON list: the history starts afresh.
    return [];
  }
}

/** MLflow 3 logged models, their params, tags, metrics and status; run outputs; 2.x log-model records. */
export class LoggedModelStore {
  constructor(private readonly core: StoreCore) {}

  async create(input: CreateLoggedModelInput, policy: LongValuePolicy = 'reject') {
    if (typeof input.experimentId !== 'string' || input.experimentId === '') {
      throw invalid('experimentId: an experiment id is required', 'experimentId');
    }
    const given = input.name == null ? '' : checkString(input.name, 'name');
    if (FORBIDDEN_NAME_CHARS.test(given)) {
      throw invalid(`name: invalid model name ${JSON.stringify(given)}: names may not contain '/', ':', '.', '%', '"' or "'"`, 'name');
    }
    if (given.length > LIMITS.keyLength) throw invalid(`name: exceeds the maximum length of ${LIMITS.keyLength} characters`, 'name');
    const modelType = input.modelType == null ? '' : checkString(input.modelType, 'modelType');
    const sourceRunId = input.sourceRunId == null || input.sourceRunId === '' ? null : checkString(input.sourceRunId, 'sourceRunId');
    const params = checkModelKeyValues(input.params ?? [], 'params', LIMITS.paramValueLength, policy);
    const tags = checkModelKeyValues(input.tags ?? [], 'tags', LIMITS.tagValueLength, policy);

    return this.core.write(async (trx, events) => {
      const experiment = await activeExperiment(trx, input.experimentId as string);
      const id = `m-${randomUUID().replaceAll('-', '')}`;
      const now = this.core.now();
      const model: LoggedModel = {
        id,
        experimentId: experiment.id,
        name: given || generateRunName(),
        artifactUri: `${experiment.artifactLocation.replace(/\/+$/, '')}/models/${id}/artifacts`,
        status: 'LOGGED_MODEL_PENDING',
        statusMessage: null,
        modelType,
        sourceRunId,
        lifecycleStage: 'active',
        creationTime: now,
        lastUpdatedTime: now,
      };
      await models.insert(trx, model);
      await models.upsertKeyValues(trx, 'logged_model_params', id, params);
      await models.upsertKeyValues(trx, 'logged_model_tags', id, tags);
      await announceForRun(trx, sourceRunId, events);
      return (await details(trx, [model]))[0] as LoggedModelDetails;
    });
  }

  async get(id: string): Promise<LoggedModelDetails | undefined> {
    const db = this.core.db.kysely;
    const model = await models.findById(db, id);
    if (!model || model.lifecycleStage !== 'active') return undefined;
    return (await details(db, [model]))[0];
  }

  async finalize(id: string, status: unknown, statusMessage?: unknown) {
    if (typeof status !== 'string' || !(LOGGED_MODEL_STATUSES as readonly string[]).includes(status) || status === 'LOGGED_MODEL_STATUS_UNSPECIFIED') {
      throw invalid(
        `status: must be one of LOGGED_MODEL_PENDING, LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED, got ${JSON.stringify(status)}`,
        'status',
      );
    }
    const message = statusMessage == null ? undefined : checkString(statusMessage, 'statusMessage');
    return this.core.write(async (trx, events) => {
      const model = await activeModel(trx, id);
      await models.update(trx, id, { status, ...(message !== undefined && { statusMessage: message }), time: this.core.now() });
      await announceForRun(trx, model.sourceRunId, events);
      return (await details(trx, [(await models.findById(trx, id)) as LoggedModel]))[0] as LoggedModelDetails;
    });
  }

  async setTags(id: string, tags: readonly KeyValue[], policy: LongValuePolicy = 'reject') {
    const checked = checkModelKeyValues(tags, 'tags', LIMITS.tagValueLength, policy);
    return this.core.write(async (trx) => {
      await activeModel(trx, id);
      await models.upsertKeyValues(trx, 'logged_model_tags', id, checked);
      await models.update(trx, id, { time: this.core.now() });
      return (await details(trx, [(await models.findById(trx, id)) as LoggedModel]))[0] as LoggedModelDetails;
    });
  }

  async deleteTag(id: string, key: unknown) {
    const checked = checkString(key, 'key');
    await this.core.write(async (trx) => {
      await activeModel(trx, id);
      if (!(await models.removeKeyValue(trx, 'logged_model_tags', id, checked))) {
        throw notFound(`key: no tag with name ${JSON.stringify(checked)} on logged model ${id}`, 'key');
      }
    });
  }

  /** Model params are immutable like run params: the same value again is fine, another value is an error. */
  async logParams(id: string, params: readonly KeyValue[], policy: LongValuePolicy = 'reject') {
    const checked = checkModelKeyValues(params, 'params', LIMITS.paramValueLength, policy);
    await this.core.write(async (trx) => {
      await activeModel(trx, id);
      const before = new Map((await models.findKeyValues(trx, 'logged_model_params', id, checked.map((p) => p.key))).map((p) => [p.key, p.value]));
      const changed = checked.filter((p) => before.has(p.key) && before.get(p.key) !== p.value);
      if (changed.length) {
        throw invalid(`params: changing param values is not allowed; already logged to model ${id}: ${changed.map((p) => p.key).join(', ')}`, 'params');
      }
      await models.upsertKeyValues(trx, 'logged_model_params', id, checked);
    });
  }

  async delete(id: string) {
    await this.core.write(async (trx, events) => {
      const model = await activeModel(trx, id);
      await models.update(trx, id, { lifecycleStage: 'deleted', time: this.core.now() });
      await announceForRun(trx, model.sourceRunId, events);
    });
  }

  async search(args: SearchLoggedModelsArgs) {
    const predicate = parseLoggedModelFilter(args.filter);
    const compare = compareLoggedModels(args.orderBy ?? []);
    const db = this.core.db.kysely;
    const ids = experimentIdNumbers(args.experimentIds);
    const all = await details(db, await models.ofExperiments(db, ids, SEARCH_SCAN_LIMIT));
    const matching = all.filter(predicate).sort(compare);
    const page = matching.slice(args.offset, args.offset + args.maxResults);
    return { models: page, hasMore: args.offset + args.maxResults < matching.length };
  }

  /** Links metrics logged with a model_id (log-batch, log-metric) to those models. */
  async linkMetrics(runId: string, metrics: readonly Omit<ModelMetric, 'runId'>[]) {
    if (metrics.length === 0) return;
    await this.core.write(async (trx) => {
      await activeRun(this.core, trx, runId);
      for (const modelId of new Set(metrics.map((m) => m.modelId))) await activeModel(trx, modelId);
      await models.insertMetrics(trx, metrics.map((m) => ({ ...m, runId })));
    });
  }

  /** Checks that every model exists before a write that refers to them (log-batch with model_id). */
  async checkExist(ids: readonly string[]) {
    const unique = [...new Set(ids)];
    const found = await models.findByIds(this.core.db.kysely, unique);
    const active = new Set(found.filter((m) => m.lifecycleStage === 'active').map((m) => m.id));
    const missing = unique.find((id) => !active.has(id));
    if (missing !== undefined) throw notFound(`modelId: no logged model with id=${missing} exists`, 'modelId');
  }

  /** runs/outputs: the run declares the models it produced, with the step they were produced at. */
  async logOutputs(runId: string, outputs: readonly { modelId: string; step: number }[]) {
    await this.core.write(async (trx, events) => {
      const run = await activeRun(this.core, trx, runId);
      for (const o of outputs) await activeModel(trx, o.modelId);
      await models.upsertOutputs(trx, run.id, outputs);
      if (outputs.length) events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds: ['UPDATED'] });
    });
  }

  outputsOf(runIds: readonly string[]) {
    return models.outputsOf(this.core.db.kysely, runIds);
  }

  /** The models each run produced, with their details (GraphQL Run.loggedModels). */
  async ofRuns(runIds: readonly string[]) {
    const db = this.core.db.kysely;
    const rows = await models.ofRuns(db, runIds);
    const full = new Map((await details(db, rows)).map((m) => [m.id, m]));
    return rows.map((r) => ({ runId: r.runId, model: full.get(r.id) as LoggedModelDetails }));
  }

  /**
   * MLflow 2.x runs/log-model: appends a model's MLmodel dict to the run's `mlflow.log-model.history` tag
   * (a JSON list the UI reads), read and written in one transaction so concurrent calls lose nothing. The
   * value must stay valid JSON, so a history over the tag limit is an error rather than truncated.
   */
  async record(runId: string, record: Record<string, unknown>) {
    await this.core.write(async (trx, events) => {
      const run = await activeRun(this.core, trx, runId);
      const [previous] = await kv.find(trx, 'tags', run.id, [LOG_MODEL_HISTORY_TAG]);
      const value = JSON.stringify([...historyOf(previous?.value), record]);
      if (value.length > LIMITS.tagValueLength) {
        throw invalid(
          `model_json: the run's ${LOG_MODEL_HISTORY_TAG} tag would exceed the maximum length of ${LIMITS.tagValueLength} characters`,
          'model_json',
        );
      }
      await kv.upsert(trx, 'tags', run.id, [{ key: LOG_MODEL_HISTORY_TAG, value }]);
      events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds: ['TAGS'] });
    });
  }
}
