import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { type Db, connect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { StoreError, type StoreErrorCode } from '../../db/errors.js';
import { TrackingStore } from '../../db/store/index.js';

export const PG_URL = process.env.TRACKLINE_TEST_PG_URL;
export const REDIS_URL = process.env.TRACKLINE_TEST_REDIS_URL;

export type Dialect = 'sqlite' | 'postgres';

/**
 * A suite that runs on SQLite, and on Postgres when TRACKLINE_TEST_PG_URL is set. Without it the
 * Postgres half is a skipped suite, which the runner reports as such (named, counted as skipped).
 */
export function describeEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe(`${name} (sqlite)`, () => body('sqlite'));
  describe.skipIf(!PG_URL)(`${name} (postgres; set TRACKLINE_TEST_PG_URL)`, () => body('postgres'));
}

/** A new schema of its own on the test Postgres: the URL that works in it, and how to drop it. */
export async function createPgSchema(prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onPgAdmin(`CREATE SCHEMA ${schema}`);
  const url = new URL(PG_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => onPgAdmin(`DROP SCHEMA ${schema} CASCADE`) };
}

async function onPgAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Where a fresh test database lives: in-memory SQLite, or a new schema of its own on the test Postgres. */
async function freshDatabase(dialect: Dialect): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { url: ':memory:', drop: async () => {} };
  return createPgSchema();
}

/** A fresh, migrated database; `drop` closes it and removes what it held. */
export async function openTestDb(dialect: Dialect): Promise<{ db: Db; drop: () => Promise<void> }> {
  const place = await freshDatabase(dialect);
  const db = connect(place.url);
  await migrateToLatest(db.kysely);
  return {
    db,
    drop: async () => {
      await db.close();
      await place.drop();
    },
  };
}

/** A fresh store on a fresh database; `drop` closes it and removes what it held. */
export async function openTestStore(dialect: Dialect, now?: () => number): Promise<{ store: TrackingStore; drop: () => Promise<void> }> {
  const place = await freshDatabase(dialect);
  const store = await new TrackingStore(connect(place.url), now).init();
  return {
    store,
    drop: async () => {
      await store.close();
      await place.drop();
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
