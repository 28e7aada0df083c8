import type { Queryable } from '../connect.js';
import type { DatasetFields, DatasetSummary, RunDatasetInput } from '../entities.js';

/** SQL for run inputs (datasets and models, MLflow's log-inputs) and their tags. */

export interface InputRow {
  id: string;
  runId: string;
  sourceType: 'DATASET' | 'MODEL';
  sourceId: string;
}

export async function findDataset(db: Queryable, experimentId: number, name: string, digest: string) {
  const row = await db
    .selectFrom('datasets')
    .select('id')
    .where('experiment_id', '=', experimentId)
    .where('name', '=', name)
    .where('digest', '=', digest)
    .executeTakeFirst();
  return row?.id;
}

export async function insertDataset(db: Queryable, id: string, experimentId: number, d: DatasetFields): Promise<void> {
  await db
    .insertInto('datasets')
    .values({
      id,
      experiment_id: experimentId,
      name: d.name,
      digest: d.digest,
      source_type: d.sourceType,
      source: d.source,
      schema: d.schema,
      profile: d.profile,
    })
    .execute();
}

export async function inputExists(db: Queryable, runId: string, sourceType: string, sourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('run_inputs')
    .select('id')
    .where('run_id', '=', runId)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertInput(
  db: Queryable,
  input: InputRow & { order: number },
  tags: readonly { key: string; value: string }[],
): Promise<void> {
  await db
    .insertInto('run_inputs')
    .values({ id: input.id, run_id: input.runId, source_type: input.sourceType, source_id: input.sourceId, created_order: input.order })
    .execute();
  if (tags.length === 0) return;
  // Last value wins for a key repeated in one request.
  const unique = new Map(tags.map((t) => [t.key, t.value]));
  await db
    .insertInto('input_tags')
    .values([...unique].map(([key, value]) => ({ input_id: input.id, key, value })))
    .execute();
}

/** Dataset inputs of the given runs, in the order they were logged. */
export async function datasetInputsOf(db: Queryable, runIds: readonly string[]): Promise<RunDatasetInput[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('run_inputs as i')
    .innerJoin('datasets as d', 'd.id', 'i.source_id')
    .select([
      'i.id as input_id',
      'i.run_id',
      'd.id',
      'd.experiment_id',
      'd.name',
      'd.digest',
      'd.source_type',
      'd.source',
      'd.schema',
      'd.profile',
    ])
    .where('i.run_id', 'in', runIds)
    .where('i.source_type', '=', 'DATASET')
    .orderBy('i.created_order')
    .orderBy('i.id')
    .execute();
  const tags = await tagsOf(db, rows.map((r) => r.input_id));
  return rows.map((r) => ({
    runId: r.run_id,
    dataset: {
      id: r.id,
      experimentId: String(r.experiment_id),
      name: r.name,
      digest: r.digest,
      sourceType: r.source_type,
      source: r.source,
      schema: r.schema,
      profile: r.profile,
    },
    tags: tags.get(r.input_id) ?? [],
  }));
}

/** Model inputs (MLflow 3) of the given runs. */
export async function modelInputsOf(db: Queryable, runIds: readonly string[]): Promise<{ runId: string; modelId: string }[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('run_inputs')
    .select(['run_id', 'source_id'])
    .where('run_id', 'in', runIds)
    .where('source_type', '=', 'MODEL')
    .orderBy('created_order')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ runId: r.run_id, modelId: r.source_id }));
}

async function tagsOf(db: Queryable, inputIds: readonly string[]) {
  const map = new Map<string, { key: string; value: string }[]>();
  if (inputIds.length === 0) return map;
  const rows = await db
    .selectFrom('input_tags')
    .select(['input_id', 'key', 'value'])
    .where('input_id', 'in', inputIds)
    .orderBy('key')
    .execute();
  for (const r of rows) {
    let list = map.get(r.input_id);
    if (!list) map.set(r.input_id, (list = []));
    list.push({ key: r.key, value: r.value });
  }
  return map;
}

/** MLflow's search-datasets: each (experiment, dataset, context tag) that some run used. */
export async function datasetSummaries(db: Queryable, experimentIds: readonly number[]): Promise<DatasetSummary[]> {
  if (experimentIds.length === 0) return [];
  const rows = await db
    .selectFrom('run_inputs as i')
    .innerJoin('datasets as d', 'd.id', 'i.source_id')
    .leftJoin('input_tags as t', (jb) => jb.onRef('t.input_id', '=', 'i.id').on('t.key', '=', 'mlflow.data.context'))
    .select(['d.experiment_id', 'd.name', 'd.digest', 't.value as context'])
    .distinct()
    .where('i.source_type', '=', 'DATASET')
    .where('d.experiment_id', 'in', experimentIds)
    .orderBy('d.experiment_id')
    .orderBy('d.name')
    .orderBy('d.digest')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ experimentId: String(r.experiment_id), name: r.name, digest: r.digest, context: r.context ?? null }));
}
