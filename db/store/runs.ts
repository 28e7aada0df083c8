import { randomUUID } from 'node:crypto';
import { failedPrecondition, invalid, notFound } from '../errors.js';
import * as kv from '../repositories/run-key-values.js';
import * as runs from '../repositories/runs.js';
import { generateRunName } from '../run-names.js';
import type { RunStatusValue } from '../types.js';
import { type LongValuePolicy, checkLong, checkString } from '../validation.js';
import type { StoreCore, Trx } from './core.js';
import { activeExperiment } from './experiments.js';
import { checkTags } from './logging.js';
import type { KeyValue, Run } from './model.js';
import { SYSTEM_TAGS } from './system-tags.js';

export const RUN_STATUSES: readonly RunStatusValue[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export interface CreateRunInput {
  experimentId: unknown;
  name?: unknown;
  startTime?: unknown;
  tags?: readonly KeyValue[];
  parentRunId?: unknown;
  userId?: unknown;
}

export async function createRun(core: StoreCore, input: CreateRunInput, policy: LongValuePolicy): Promise<Run> {
  if (typeof input.experimentId !== 'string' || input.experimentId === '') {
    throw invalid('experimentId: an experiment id is required', 'experimentId');
  }
  const tags = checkTags(input.tags ?? [], 'tags', policy);
  const tagMap = new Map(tags.map((t) => [t.key, t.value]));
  const givenName = input.name === undefined || input.name === null ? '' : checkString(input.name, 'name');
  const tagName = tagMap.get(SYSTEM_TAGS.runName) ?? '';
  if (givenName && tagName && givenName !== tagName) {
    throw invalid(
      `name: both the name argument and the ${SYSTEM_TAGS.runName} tag are given, with different values (name=${JSON.stringify(givenName)}, ${SYSTEM_TAGS.runName}=${JSON.stringify(tagName)})`,
      'name',
    );
  }
  const startTime = input.startTime === undefined || input.startTime === null ? core.now() : checkLong(input.startTime, 'startTime');
  const parentArg = input.parentRunId === undefined || input.parentRunId === null ? '' : checkString(input.parentRunId, 'parentRunId');
  const parentRunId = parentArg || tagMap.get(SYSTEM_TAGS.parentRunId) || null;
  const userId = input.userId === undefined || input.userId === null ? (tagMap.get(SYSTEM_TAGS.user) ?? '') : checkString(input.userId, 'userId');

  return core.write(async (trx, events) => {
    const experiment = await activeExperiment(trx, input.experimentId as string);
    // A parent given as an argument must exist; the MLflow client's own tag is taken as it is.
    if (parentArg && !(await runs.findById(trx, parentArg))) {
      throw notFound(`parentRunId: no run with id=${parentArg} exists`, 'parentRunId');
    }
    const id = randomUUID().replaceAll('-', '');
    const name = givenName || tagName || generateRunName();
    const run: Omit<Run, 'metricSeq' | 'deletedTime' | 'endTime'> = {
      id,
      experimentId: experiment.id,
      name,
      status: 'RUNNING',
      userId,
      startTime,
      lifecycleStage: 'active',
      artifactUri: `${experiment.artifactLocation.replace(/\/+$/, '')}/${id}/artifacts`,
      parentRunId,
    };
    await runs.insert(trx, run);
    tagMap.set(SYSTEM_TAGS.runName, name);
    if (parentRunId) tagMap.set(SYSTEM_TAGS.parentRunId, parentRunId);
    await kv.upsert(trx, 'tags', id, [...tagMap].map(([key, value]) => ({ key, value })));
    events.push({ type: 'run', runId: id, experimentId: experiment.id, kinds: ['CREATED'] });
    events.push({ type: 'experiment', experimentId: experiment.id, kind: 'RUNS' });
    return { ...run, endTime: null, deletedTime: null, metricSeq: 0 };
  });
}

export async function getRun(core: StoreCore, id: string): Promise<Run | undefined> {
  return runs.findById(core.db.kysely, id);
}

/** Loads a run for a write: unknown -> NOT_FOUND, deleted -> FAILED_PRECONDITION; locks it on Postgres. */
export async function activeRun(core: StoreCore, trx: Trx, id: unknown, field = 'runId'): Promise<Run> {
  if (typeof id !== 'string' || id === '') throw invalid(`${field}: a run id is required`, field);
  const run = await runs.findForWrite(trx, id, core.lockRows);
  if (!run) throw notFound(`${field}: no run with id=${id} exists`, field);
  if (run.lifecycleStage !== 'active') {
    throw failedPrecondition(`${field}: the run ${id} must be in the 'active' state; it is deleted`, field);
  }
  return run;
}

export interface UpdateRunInput {
  status?: unknown;
  endTime?: unknown;
  name?: unknown;
}

export async function updateRun(core: StoreCore, id: string, input: UpdateRunInput): Promise<Run> {
  const status = input.status === undefined || input.status === null ? undefined : checkStatus(input.status);
  const endTime = input.endTime === undefined || input.endTime === null ? undefined : checkLong(input.endTime, 'endTime');
  // An empty name is ignored, as in MLflow.
  const name = input.name === undefined || input.name === null ? '' : checkString(input.name, 'name');
  return core.write(async (trx, events) => {
    const run = await activeRun(core, trx, id, 'id');
    const patch = { ...(status && { status }), ...(endTime !== undefined && { endTime }), ...(name && { name }) };
    await runs.update(trx, id, patch);
    if (name) await kv.upsert(trx, 'tags', id, [{ key: SYSTEM_TAGS.runName, value: name }]);
    events.push({ type: 'run', runId: id, experimentId: run.experimentId, kinds: ['UPDATED'] });
    return { ...run, ...patch };
  });
}

function checkStatus(status: unknown): RunStatusValue {
  if (typeof status !== 'string' || !RUN_STATUSES.includes(status as RunStatusValue)) {
    throw invalid(`status: must be one of ${RUN_STATUSES.join(', ')}, got ${JSON.stringify(status)}`, 'status');
  }
  return status as RunStatusValue;
}

/** Soft delete / restore of one run; idempotent (deleting a deleted run is fine, as in MLflow). */
export async function setRunLifecycle(core: StoreCore, id: string, stage: 'active' | 'deleted'): Promise<Run> {
  return core.write(async (trx, events) => {
    const run = await runs.findForWrite(trx, id, core.lockRows);
    if (!run) throw notFound(`id: no run with id=${id} exists`, 'id');
    if (run.lifecycleStage === stage) return run;
    if (stage === 'active') await activeExperiment(trx, run.experimentId, 'experimentId');
    const deletedTime = stage === 'deleted' ? core.now() : null;
    await runs.setLifecycle(trx, id, stage, deletedTime);
    events.push({ type: 'run', runId: id, experimentId: run.experimentId, kinds: [stage === 'deleted' ? 'DELETED' : 'RESTORED'] });
    events.push({ type: 'experiment', experimentId: run.experimentId, kind: 'RUNS' });
    return { ...run, lifecycleStage: stage, deletedTime };
  });
}
