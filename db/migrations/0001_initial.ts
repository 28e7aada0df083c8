import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations are frozen in time: they take Kysely<any> and import nothing from the application.
// The only dialect branches are the integer id column and SQLite's WITHOUT ROWID metrics table.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('experiments')
    .addColumn('id', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('artifact_location', 'text', (c) => c.notNull())
    .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
    .addColumn('creation_time', 'bigint', (c) => c.notNull())
    .addColumn('last_update_time', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('experiment_tags')
    .addColumn('experiment_id', 'bigint', (c) => c.notNull().references('experiments.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('experiment_tags_pk', ['experiment_id', 'key'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('experiment_id', 'bigint', (c) => c.notNull().references('experiments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('start_time', 'bigint', (c) => c.notNull())
    .addColumn('end_time', 'bigint')
    .addColumn('deleted_time', 'bigint')
    .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
    .addColumn('artifact_uri', 'text', (c) => c.notNull())
    .addColumn('parent_run_id', 'text')
    .addColumn('metric_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // The runs table's default listing: one experiment, one stage, newest first, ties by id.
  await db.schema
    .createIndex('runs_experiment_stage_start')
    .on('runs')
    .columns(['experiment_id', 'lifecycle_stage', 'start_time', 'id'])
    .execute();
  await db.schema.createIndex('runs_parent').on('runs').column('parent_run_id').execute();

  for (const table of ['params', 'tags']) {
    await db.schema
      .createTable(table)
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['run_id', 'key'])
      .execute();
    // Filters and sorts on one key across many runs (params.degree = '2', ORDER BY tags.x).
    await db.schema.createIndex(`${table}_key_value`).on(table).columns(['key', 'value', 'run_id']).execute();
  }

  // The point's identity is the primary key, so an exact duplicate is ignored (as in MLflow) and
  // history reads walk the key in (step, timestamp) order.
  let metrics = db.schema
    .createTable('metrics')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('step', 'bigint', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('is_nan', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('metrics_pk', ['run_id', 'key', 'step', 'timestamp', 'is_nan', 'value']);
  if (!postgres) metrics = metrics.modifyEnd(sql`without rowid`);
  await metrics.execute();
  // Replay of a run's writes after a seq (subscriptions' sinceSeq and catch-up).
  await db.schema.createIndex('metrics_run_seq').on('metrics').columns(['run_id', 'seq']).execute();

  await db.schema
    .createTable('latest_metrics')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('step', 'bigint', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('is_nan', 'integer', (c) => c.notNull())
    .addColumn('min_step', 'bigint', (c) => c.notNull())
    .addColumn('point_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('latest_metrics_pk', ['run_id', 'key'])
    .execute();
  // Filters and sorts on a metric across many runs (metrics.mse < 5, ORDER BY metrics.mse).
  await db.schema
    .createIndex('latest_metrics_key_value')
    .on('latest_metrics')
    .columns(['key', 'is_nan', 'value', 'run_id'])
    .execute();

  let buckets = db.schema
    .createTable('metric_buckets')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('min', 'double precision')
    .addColumn('max', 'double precision')
    .addColumn('last_step', 'bigint', (c) => c.notNull())
    .addColumn('last_timestamp', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_value', 'double precision', (c) => c.notNull())
    .addColumn('last_is_nan', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_buckets_pk', ['run_id', 'key', 'level', 'bucket']);
  if (!postgres) buckets = buckets.modifyEnd(sql`without rowid`);
  await buckets.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'metric_buckets',
    'latest_metrics',
    'metrics',
    'tags',
    'params',
    'runs',
    'experiment_tags',
    'experiments',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
