import type { Queryable } from '../connect.js';
import type { Experiment, KeyValue, LifecycleStage } from '../entities.js';
import type { ExperimentRow } from '../types.js';
import { LIMITS } from '../validation.js';

export function toExperiment(row: ExperimentRow): Experiment {
  return {
    id: String(row.id),
    name: row.name,
    artifactLocation: row.artifact_location,
    lifecycleStage: row.lifecycle_stage,
    creationTime: Number(row.creation_time),
    lastUpdateTime: Number(row.last_update_time),
  };
}

export async function findById(db: Queryable, id: number): Promise<Experiment | undefined> {
  const row = await db.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toExperiment(row);
}

export async function findByIds(db: Queryable, ids: readonly number[]): Promise<Experiment[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('experiments').selectAll().where('id', 'in', ids).execute();
  return rows.map(toExperiment);
}

export async function findByName(db: Queryable, name: string): Promise<Experiment | undefined> {
  const row = await db.selectFrom('experiments').selectAll().where('name', '=', name).executeTakeFirst();
  return row && toExperiment(row);
}

export async function insert(
  db: Queryable,
  row: { id?: number; name: string; artifactLocation: string; time: number },
): Promise<number> {
  const { id } = await db
    .insertInto('experiments')
    .values({
      ...(row.id === undefined ? {} : { id: row.id }),
      name: row.name,
      artifact_location: row.artifactLocation,
      lifecycle_stage: 'active',
      creation_time: row.time,
      last_update_time: row.time,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function setArtifactLocation(db: Queryable, id: number, location: string): Promise<void> {
  await db.updateTable('experiments').set({ artifact_location: location }).where('id', '=', id).execute();
}

export async function rename(db: Queryable, id: number, name: string, time: number): Promise<void> {
  await db.updateTable('experiments').set({ name, last_update_time: time }).where('id', '=', id).execute();
}

export async function setLifecycle(db: Queryable, id: number, stage: LifecycleStage, time: number): Promise<void> {
  await db
    .updateTable('experiments')
    .set({ lifecycle_stage: stage, last_update_time: time })
    .where('id', '=', id)
    .execute();
}

export async function tagsFor(db: Queryable, ids: readonly number[]): Promise<Array<KeyValue & { experimentId: string }>> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('experiment_tags')
    .select(['experiment_id', 'key', 'value'])
    .where('experiment_id', 'in', ids)
    .orderBy('key')
    .limit(LIMITS.rowsPerRead + 1)
    .execute();
  return rows.map((r) => ({ experimentId: String(r.experiment_id), key: r.key, value: r.value }));
}

export async function upsertTags(db: Queryable, id: number, tags: readonly KeyValue[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('experiment_tags')
    .values(tags.map((t) => ({ experiment_id: id, key: t.key, value: t.value })))
    .onConflict((oc) => oc.columns(['experiment_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

/** Returns whether a tag was there to delete. */
export async function deleteTag(db: Queryable, id: number, key: string): Promise<boolean> {
  const result = await db
    .deleteFrom('experiment_tags')
    .where('experiment_id', '=', id)
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Per experiment: active run count, newest run start, and the param and metric keys its active runs use. */
export async function runStats(
  db: Queryable,
  ids: readonly number[],
): Promise<Map<string, { runCount: number; lastRunStartTime: number | null }>> {
  const out = new Map<string, { runCount: number; lastRunStartTime: number | null }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('runs')
    .select((eb) => ['experiment_id', eb.fn.countAll<number>().as('n'), eb.fn.max('start_time').as('last')])
    .where('experiment_id', 'in', ids)
    .where('lifecycle_stage', '=', 'active')
    .groupBy('experiment_id')
    .execute();
  for (const r of rows) {
    out.set(String(r.experiment_id), { runCount: Number(r.n), lastRunStartTime: r.last === null ? null : Number(r.last) });
  }
  return out;
}

export async function keysOf(
  db: Queryable,
  table: 'params' | 'latest_metrics',
  ids: readonly number[],
): Promise<Array<{ experimentId: string; key: string }>> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom(table)
    .innerJoin('runs', 'runs.id', `${table}.run_id`)
    .select(['runs.experiment_id', `${table}.key`])
    .distinct()
    .where('runs.experiment_id', 'in', ids)
    .where('runs.lifecycle_stage', '=', 'active')
    .orderBy(`${table}.key`)
    .limit(LIMITS.rowsPerRead + 1)
    .execute();
  return rows.map((r) => ({ experimentId: String(r.experiment_id), key: r.key }));
}
