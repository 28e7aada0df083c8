import type { Kysely } from 'kysely';

// What the MLflow REST API needs beyond the core tables: datasets and run inputs (log-inputs), MLflow 3
// logged models with their params, tags and metrics, and run outputs (runs/outputs). Frozen in time
// like every migration: Kysely<any>, no application imports.

export async function up(db: Kysely<any>): Promise<void> {
  // A dataset belongs to an experiment and is identified there by (name, digest), as in MLflow.
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('experiment_id', 'bigint', (c) => c.notNull().references('experiments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('schema', 'text')
    .addColumn('profile', 'text')
    .addUniqueConstraint('datasets_identity', ['experiment_id', 'name', 'digest'])
    .execute();

  // A run's inputs: datasets (source_type DATASET) and, in MLflow 3, logged models (MODEL).
  await db.schema
    .createTable('run_inputs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('created_order', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('run_inputs_identity', ['run_id', 'source_type', 'source_id'])
    .execute();

  await db.schema
    .createTable('input_tags')
    .addColumn('input_id', 'text', (c) => c.notNull().references('run_inputs.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('input_tags_pk', ['input_id', 'key'])
    .execute();

  await db.schema
    .createTable('logged_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('experiment_id', 'bigint', (c) => c.notNull().references('experiments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('artifact_uri', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_message', 'text')
    .addColumn('model_type', 'text', (c) => c.notNull())
    .addColumn('source_run_id', 'text')
    .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
    .addColumn('creation_time', 'bigint', (c) => c.notNull())
    .addColumn('last_updated_time', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('logged_models_experiment')
    .on('logged_models')
    .columns(['experiment_id', 'lifecycle_stage', 'creation_time'])
    .execute();
  await db.schema.createIndex('logged_models_source_run').on('logged_models').column('source_run_id').execute();

  for (const table of ['logged_model_params', 'logged_model_tags']) {
    await db.schema
      .createTable(table)
      .addColumn('model_id', 'text', (c) => c.notNull().references('logged_models.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['model_id', 'key'])
      .execute();
  }

  // A model's metrics as MLflow 3 links them (log-batch with model_id); an exact duplicate is ignored.
  await db.schema
    .createTable('logged_model_metrics')
    .addColumn('model_id', 'text', (c) => c.notNull().references('logged_models.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('step', 'bigint', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('is_nan', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('dataset_name', 'text', (c) => c.notNull())
    .addColumn('dataset_digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('logged_model_metrics_pk', [
      'model_id',
      'run_id',
      'key',
      'step',
      'timestamp',
      'is_nan',
      'value',
      'dataset_name',
      'dataset_digest',
    ])
    .execute();

  await db.schema
    .createTable('run_outputs')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('model_id', 'text', (c) => c.notNull().references('logged_models.id').onDelete('cascade'))
    .addColumn('step', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_outputs_pk', ['run_id', 'model_id'])
    .execute();
  await db.schema.createIndex('run_outputs_model').on('run_outputs').column('model_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'run_outputs',
    'logged_model_metrics',
    'logged_model_tags',
    'logged_model_params',
    'logged_models',
    'input_tags',
    'run_inputs',
    'datasets',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
