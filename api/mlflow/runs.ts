import { RUN_STATUSES } from '../../db/store/index.js';
import { mlflowError } from './errors.js';
import { runInfoJson } from './proto-json.js';
import type { Call, Endpoint } from './router.js';
import { runJsonOf } from './run-view.js';

/** Run lifecycle endpoints (docs/mlflow-compat.md section 2). */

// proto RunStatus: RUNNING = 1 ... KILLED = 5 (index 0 is unused).
const PROTO_RUN_STATUSES = ['', ...RUN_STATUSES] as const;

async function create({ fields, store }: Call) {
  const run = await store.runs.create(
    {
      experimentId: fields.string('experiment_id') ?? '',
      name: fields.string('run_name'),
      // MLflow stores what the client sends: no start_time is 0, no user_id is "".
      startTime: fields.int64('start_time') ?? 0,
      userId: fields.string('user_id') ?? '',
      tags: fields.keyValues('tags'),
    },
    'truncate',
  );
  return { run: await runJsonOf(store, run) };
}

async function get({ fields, store }: Call) {
  const id = fields.runId();
  const run = await store.runs.get(id);
  if (!run) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `Run with id=${id} not found`);
  return { run: await runJsonOf(store, run) };
}

async function update({ fields, store }: Call) {
  const run = await store.runs.update(fields.runId(), {
    status: fields.enumValue('status', PROTO_RUN_STATUSES) || undefined,
    endTime: fields.int64('end_time'),
    name: fields.string('run_name'),
  });
  return { run_info: runInfoJson(run) };
}

// Runs are idempotent: deleting a deleted run or restoring an active one is fine (docs/mlflow-compat.md section 3).
async function remove({ fields, store }: Call) {
  await store.runs.delete(fields.runId());
}

async function restore({ fields, store }: Call) {
  await store.runs.restore(fields.runId());
}

export const runEndpoints: Endpoint[] = [
  { method: 'POST', path: '/runs/create', handler: create },
  { method: 'GET', path: '/runs/get', handler: get, read: true },
  { method: 'POST', path: '/runs/update', handler: update },
  { method: 'POST', path: '/runs/delete', handler: remove },
  { method: 'POST', path: '/runs/restore', handler: restore },
];
