import type { Queryable } from '../connect.js';
import type { LoggedModel, ModelMetric } from '../entities.js';
import type { LoggedModelsTable } from '../types.js';

/** SQL for MLflow 3 logged models, their params, tags and metrics, and run outputs. */

function toLoggedModel(row: LoggedModelsTable): LoggedModel {
  return {
    id: row.id,
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactUri: row.artifact_uri,
    status: row.status,
    statusMessage: row.status_message,
    modelType: row.model_type,
    sourceRunId: row.source_run_id,
    lifecycleStage: row.lifecycle_stage,
    creationTime: Number(row.creation_time),
    lastUpdatedTime: Number(row.last_updated_time),
  };
}

export async function insert(db: Queryable, m: LoggedModel): Promise<void> {
  await db
    .insertInto('logged_models')
    .values({
      id: m.id,
      experiment_id: Number(m.experimentId),
      name: m.name,
      artifact_uri: m.artifactUri,
      status: m.status,
      status_message: m.statusMessage,
      model_type: m.modelType,
      source_run_id: m.sourceRunId,
      lifecycle_stage: m.lifecycleStage,
      creation_time: m.creationTime,
      last_updated_time: m.lastUpdatedTime,
    })
    .execute();
}

export async function findById(db: Queryable, id: string): Promise<LoggedModel | undefined> {
  const row = await db.selectFrom('logged_models').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toLoggedModel(row);
}

export async function findByIds(db: Queryable, ids: readonly string[]): Promise<LoggedModel[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('logged_models').selectAll().where('id', 'in', ids).execute();
  return rows.map(toLoggedModel);
}

/** Active models of the experiments, newest first (search filters and sorts them further). */
export async function ofExperiments(db: Queryable, experimentIds: readonly number[], limit: number): Promise<LoggedModel[]> {
  if (experimentIds.length === 0) return [];
  const rows = await db
    .selectFrom('logged_models')
    .selectAll()
    .where('experiment_id', 'in', experimentIds)
    .where('lifecycle_stage', '=', 'active')
    .orderBy('creation_time', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toLoggedModel);
}

/** Models a run produced: those it is the source of and those it declared as outputs. */
export async function ofRuns(db: Queryable, runIds: readonly string[]): Promise<(LoggedModel & { runId: string })[]> {
  if (runIds.length === 0) return [];
  const sourced = await db
    .selectFrom('logged_models')
    .selectAll()
    .where('source_run_id', 'in', runIds)
    .where('lifecycle_stage', '=', 'active')
    .execute();
  const output = await db
    .selectFrom('run_outputs as o')
    .innerJoin('logged_models as m', 'm.id', 'o.model_id')
    .selectAll('m')
    .select('o.run_id as output_run_id')
    .where('o.run_id', 'in', runIds)
    .where('m.lifecycle_stage', '=', 'active')
    .execute();
  const seen = new Set<string>();
  const result: (LoggedModel & { runId: string })[] = [];
  for (const row of [...sourced.map((r) => ({ ...r, owner: r.source_run_id as string })), ...output.map((r) => ({ ...r, owner: r.output_run_id }))]) {
    const id = `${row.owner}\u0000${row.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push({ ...toLoggedModel(row), runId: row.owner });
  }
  return result.sort((a, b) => a.creationTime - b.creationTime || a.id.localeCompare(b.id));
}

export async function update(
  db: Queryable,
  id: string,
  patch: { status?: string; statusMessage?: string | null; lifecycleStage?: string; time: number },
): Promise<void> {
  await db
    .updateTable('logged_models')
    .set({
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.statusMessage !== undefined && { status_message: patch.statusMessage }),
      ...(patch.lifecycleStage !== undefined && { lifecycle_stage: patch.lifecycleStage }),
      last_updated_time: patch.time,
    })
    .where('id', '=', id)
    .execute();
}

export type ModelKeyValueTable = 'logged_model_params' | 'logged_model_tags';

export async function keyValuesOf(db: Queryable, table: ModelKeyValueTable, modelIds: readonly string[]) {
  if (modelIds.length === 0) return [];
  return db
    .selectFrom(table)
    .select(['model_id', 'key', 'value'])
    .where('model_id', 'in', modelIds)
    .orderBy('model_id')
    .orderBy('key')
    .execute();
}

export async function findKeyValues(db: Queryable, table: ModelKeyValueTable, modelId: string, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom(table).select(['key', 'value']).where('model_id', '=', modelId).where('key', 'in', keys).execute();
}

export async function upsertKeyValues(
  db: Queryable,
  table: ModelKeyValueTable,
  modelId: string,
  rows: readonly { key: string; value: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const unique = new Map(rows.map((r) => [r.key, r.value]));
  await db
    .insertInto(table)
    .values([...unique].map(([key, value]) => ({ model_id: modelId, key, value })))
    .onConflict((oc) => oc.columns(['model_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export async function removeKeyValue(db: Queryable, table: ModelKeyValueTable, modelId: string, key: string): Promise<boolean> {
  const result = await db.deleteFrom(table).where('model_id', '=', modelId).where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertMetrics(db: Queryable, rows: readonly ModelMetric[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('logged_model_metrics')
    .values(
      rows.map((m) => ({
        model_id: m.modelId,
        run_id: m.runId,
        key: m.key,
        step: m.step,
        timestamp: m.timestamp,
        is_nan: Number.isNaN(m.value) ? 1 : 0,
        value: Number.isNaN(m.value) ? 0 : m.value,
        dataset_name: m.datasetName,
        dataset_digest: m.datasetDigest,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function metricsOf(db: Queryable, modelIds: readonly string[]): Promise<ModelMetric[]> {
  if (modelIds.length === 0) return [];
  const rows = await db
    .selectFrom('logged_model_metrics')
    .selectAll()
    .where('model_id', 'in', modelIds)
    .orderBy('model_id')
    .orderBy('key')
    .orderBy('step')
    .orderBy('timestamp')
    .execute();
  return rows.map((r) => ({
    modelId: r.model_id,
    runId: r.run_id,
    key: r.key,
    value: r.is_nan ? Number.NaN : r.value,
    step: Number(r.step),
    timestamp: Number(r.timestamp),
    datasetName: r.dataset_name,
    datasetDigest: r.dataset_digest,
  }));
}

export async function upsertOutputs(db: Queryable, runId: string, outputs: readonly { modelId: string; step: number }[]) {
  if (outputs.length === 0) return;
  const unique = new Map(outputs.map((o) => [o.modelId, o.step]));
  await db
    .insertInto('run_outputs')
    .values([...unique].map(([model_id, step]) => ({ run_id: runId, model_id, step })))
    .onConflict((oc) => oc.columns(['run_id', 'model_id']).doUpdateSet((eb) => ({ step: eb.ref('excluded.step') })))
    .execute();
}

export async function outputsOf(db: Queryable, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('run_outputs')
    .select(['run_id', 'model_id', 'step'])
    .where('run_id', 'in', runIds)
    .orderBy('run_id')
    .orderBy('model_id')
    .execute();
  return rows.map((r) => ({ runId: r.run_id, modelId: r.model_id, step: Number(r.step) }));
}
