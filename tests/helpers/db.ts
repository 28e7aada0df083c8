import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import { StoreError, type StoreErrorCode } from '../../db/errors.js';
import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';

export const PG_URL = process.env.TRACKLINE_TEST_PG_URL;

export type Dialect = 'sqlite' | 'postgres';

/** The dialects a store suite runs on: SQLite always, Postgres when TRACKLINE_TEST_PG_URL is set. */
export const DIALECTS: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (!PG_URL) {
  console.warn('trackline tests: TRACKLINE_TEST_PG_URL is not set: the Postgres half of the store suites did NOT run');
}

/** A fresh, migrated store: in-memory SQLite, or its own new schema on the test Postgres. */
export async function openTestStore(dialect: Dialect, now?: () => number): Promise<{ store: TrackingStore; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const store = await new TrackingStore(connect(':memory:'), now).init();
    return { store, drop: () => store.close() };
  }
  const schemaName = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schemaName}`);
  await admin.end();
  const url = new URL(PG_URL as string);
  url.searchParams.set('options', `-c search_path=${schemaName}`);
  const store = await new TrackingStore(connect(url.toString()), now).init();
  return {
    store,
    drop: async () => {
      await store.close();
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schemaName} CASCADE`);
      await cleanup.end();
    },
  };
}

/** Awaits `action` and checks it failed with a StoreError of this code (and field, and message). */
export async function expectStoreError(
  action: () => Promise<unknown>,
  code: StoreErrorCode,
  field?: string,
  message?: RegExp,
): Promise<void> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a StoreError').toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  if (field) expect((error as StoreError).field).toBe(field);
  if (message) expect((error as StoreError).message).toMatch(message);
}
