import { sql } from 'kysely';
import type { Queryable } from '../connect.js';
import type { LifecycleStage, Run, RunStatus } from '../entities.js';
import type { RunRow } from '../types.js';
import { LIMITS } from '../validation.js';

export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    experimentId: String(row.experiment_id),
    name: row.name,
    status: row.status,
    userId: row.user_id,
    startTime: Number(row.start_time),
    endTime: row.end_time === null ? null : Number(row.end_time),
    deletedTime: row.deleted_time === null ? null : Number(row.deleted_time),
    lifecycleStage: row.lifecycle_stage,
    artifactUri: row.artifact_uri,
    parentRunId: row.parent_run_id,
    metricSeq: Number(row.metric_seq),
  };
}

export async function findById(db: Queryable, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRun(row);
}

/**
 * Reads a run inside a write transaction. On Postgres the row is locked until commit, so writes to one
 * run (and their metric seqs) are serialised across connections and servers; SQLite has one writer.
 */
export async function findForWrite(db: Queryable, id: string, lock: boolean): Promise<Run | undefined> {
  let query = db.selectFrom('runs').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toRun(row);
}

export async function findByIds(db: Queryable, ids: readonly string[]): Promise<Run[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('runs').selectAll().where('id', 'in', ids).execute();
  return rows.map(toRun);
}

export async function childrenOf(db: Queryable, parentIds: readonly string[]): Promise<Run[]> {
  if (parentIds.length === 0) return [];
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .where('parent_run_id', 'in', parentIds)
    .where('lifecycle_stage', '=', 'active')
    .orderBy('start_time', 'desc')
    .orderBy('id')
    .limit(LIMITS.rowsPerRead + 1)
    .execute();
  return rows.map(toRun);
}

export async function insert(db: Queryable, run: Omit<Run, 'metricSeq' | 'deletedTime' | 'endTime'>): Promise<void> {
  await db
    .insertInto('runs')
    .values({
      id: run.id,
      experiment_id: Number(run.experimentId),
      name: run.name,
      status: run.status,
      user_id: run.userId,
      start_time: run.startTime,
      end_time: null,
      deleted_time: null,
      lifecycle_stage: run.lifecycleStage,
      artifact_uri: run.artifactUri,
      parent_run_id: run.parentRunId,
      metric_seq: 0,
    })
    .execute();
}

export async function update(
  db: Queryable,
  id: string,
  patch: { status?: RunStatus; endTime?: number | null; name?: string; parentRunId?: string | null },
): Promise<void> {
  const set: Partial<RunRow> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.endTime !== undefined) set.end_time = patch.endTime;
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.parentRunId !== undefined) set.parent_run_id = patch.parentRunId;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('runs').set(set).where('id', '=', id).execute();
}

export async function setLifecycle(db: Queryable, id: string, stage: LifecycleStage, time: number | null): Promise<void> {
  await db.updateTable('runs').set({ lifecycle_stage: stage, deleted_time: time }).where('id', '=', id).execute();
}

/** Deleting or restoring an experiment cascades to all of its runs. */
export async function setLifecycleOfExperiment(
  db: Queryable,
  experimentId: number,
  stage: LifecycleStage,
  time: number | null,
): Promise<void> {
  await db
    .updateTable('runs')
    .set({ lifecycle_stage: stage, deleted_time: time })
    .where('experiment_id', '=', experimentId)
    .execute();
}

/** Takes the run's next metric seq; the caller holds the run (see findForWrite). */
export async function nextMetricSeq(db: Queryable, id: string): Promise<number> {
  const { metric_seq } = await db
    .updateTable('runs')
    .set((eb) => ({ metric_seq: eb('metric_seq', '+', 1) }))
    .where('id', '=', id)
    .returning('metric_seq')
    .executeTakeFirstOrThrow();
  return Number(metric_seq);
}

/** Gives back a seq taken by a write whose points all turned out to be duplicates. */
export async function releaseMetricSeq(db: Queryable, id: string): Promise<void> {
  await db
    .updateTable('runs')
    .set((eb) => ({ metric_seq: eb('metric_seq', '-', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Whether following parent links up from `start` (itself included) reaches `target`, looking at most
 * `maxDepth` links up: one recursive query, which also stops on a cycle already stored.
 */
export async function parentChainReaches(db: Queryable, start: string, target: string, maxDepth: number): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`
    with recursive chain(id, depth) as (
      select cast(${start} as text), 0
      union all
      select runs.parent_run_id, chain.depth + 1 from runs join chain on runs.id = chain.id
      where runs.parent_run_id is not null and chain.depth < ${maxDepth}
    )
    select 1 as found from chain where id = ${target} limit 1`.execute(db);
  return rows.length > 0;
}

export async function metricSeqs(db: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('runs').select(['id', 'metric_seq']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, Number(r.metric_seq)]));
}
