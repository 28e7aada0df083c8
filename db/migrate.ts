import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from 'kysely';
import * as initial from './migrations/0001_initial.js';
import * as mlflow from './migrations/0002_mlflow.js';

// Listed here rather than read from the folder, so the same list works under tsx, vitest and compiled JS.
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_mlflow': mlflow,
};

/**
 * Without a schema, Kysely takes its migration tables in ANY Postgres schema of the database as its
 * own: a second trackline schema (or a test's) that has them makes this one look migrated. Pin them
 * to the schema we work in.
 */
async function migratorFor(db: Kysely<any>): Promise<Migrator> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const schema = postgres ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema && { migrationTableSchema: schema }) });
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  }
}
