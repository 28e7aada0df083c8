import type { Queryable } from '../connect.js';
import type { KeyValue, RunKeyValue } from '../entities.js';
import { LIMITS } from '../validation.js';

/** Params and tags share one shape: (run_id, key) -> value. */
export type KeyValueTable = 'params' | 'tags';

export async function forRuns(db: Queryable, table: KeyValueTable, runIds: readonly string[]): Promise<RunKeyValue[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom(table)
    .select(['run_id', 'key', 'value'])
    .where('run_id', 'in', runIds)
    .orderBy('run_id')
    .orderBy('key')
    .limit(LIMITS.rowsPerRead + 1)
    .execute();
  return rows.map((r) => ({ runId: r.run_id, key: r.key, value: r.value }));
}

export async function find(db: Queryable, table: KeyValueTable, runId: string, keys: readonly string[]): Promise<KeyValue[]> {
  if (keys.length === 0) return [];
  return db.selectFrom(table).select(['key', 'value']).where('run_id', '=', runId).where('key', 'in', keys).execute();
}

/** Inserts new params; the caller has checked that none changes an existing value. */
export async function insertNew(db: Queryable, table: KeyValueTable, runId: string, rows: readonly KeyValue[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto(table)
    .values(rows.map((r) => ({ run_id: runId, key: r.key, value: r.value })))
    .onConflict((oc) => oc.columns(['run_id', 'key']).doNothing())
    .execute();
}

export async function upsert(db: Queryable, table: KeyValueTable, runId: string, rows: readonly KeyValue[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto(table)
    .values(rows.map((r) => ({ run_id: runId, key: r.key, value: r.value })))
    .onConflict((oc) => oc.columns(['run_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export async function remove(db: Queryable, table: KeyValueTable, runId: string, key: string): Promise<boolean> {
  const result = await db.deleteFrom(table).where('run_id', '=', runId).where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
