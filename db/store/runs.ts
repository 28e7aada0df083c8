import { randomUUID } from 'node:crypto';
import { type KeyValue, type Page, RUN_STATUSES, type Run, type RunChange, type RunStatus, SYSTEM_TAGS, type ViewType } from '../entities.js';
import { invalid, notFound } from '../errors.js';
import * as metricReads from '../repositories/metric-reads.js';
import * as kv from '../repositories/run-key-values.js';
import * as runs from '../repositories/runs.js';
import { generateRunName } from '../run-names.js';
import { SEARCH_LIMITS } from '../search/limits.js';
import { searchRuns } from '../search/runs-query.js';
import { metricRanges, searchRunTree } from '../search/runs-tree.js';
import { type LongValuePolicy, checkLong, checkString, checkTagList, isExperimentIdShape, withinReadCap } from '../validation.js';
import type { StoreCore } from './core.js';
import { activeExperiment, activeRun } from './guards.js';
import { writeTags } from './run-log.js';

export interface CreateRunInput {
  experimentId: unknown;
  name?: unknown;
  startTime?: unknown;
  tags?: readonly KeyValue[];
  parentRunId?: unknown;
  userId?: unknown;
}

export interface UpdateRunInput {
  status?: unknown;
  endTime?: unknown;
  name?: unknown;
}

export interface SearchRunsArgs {
  experimentIds: readonly string[];
  filter?: string | null;
  orderBy?: readonly string[] | null;
  view: ViewType;
  first: number;
  after?: string | null;
  offset?: number;
}

/** The runs table's bulk actions take at most this many runs per request; more go in chunks. */
const BULK_LIMIT = 1000;

/**
 * Runs: creation (name and parent kept in step with MLflow's system tags), status and end time,
 * soft delete and restore one at a time or in bulk, searches, and the batched reads dataloaders use.
 * What is logged to a run (params, metrics, tags) is the RunLog's (run-log.ts).
 */
export class RunStore {
  constructor(private readonly core: StoreCore) {}

  async create(input: CreateRunInput, policy: LongValuePolicy = 'reject'): Promise<Run> {
    if (typeof input.experimentId !== 'string' || input.experimentId === '') {
      throw invalid('experimentId: an experiment id is required', 'experimentId');
    }
    const tags = checkTagList(input.tags ?? [], 'tags', policy);
    const tagMap = new Map(tags.map((t) => [t.key, t.value]));
    const givenName = input.name === undefined || input.name === null ? '' : checkString(input.name, 'name');
    const tagName = tagMap.get(SYSTEM_TAGS.runName) ?? '';
    if (givenName && tagName && givenName !== tagName) {
      throw invalid(
        `name: both the name argument and the ${SYSTEM_TAGS.runName} tag are given, with different values (name=${JSON.stringify(givenName)}, ${SYSTEM_TAGS.runName}=${JSON.stringify(tagName)})`,
        'name',
      );
    }
    const startTime = input.startTime === undefined || input.startTime === null ? this.core.now() : checkLong(input.startTime, 'startTime');
    const parentArg = input.parentRunId === undefined || input.parentRunId === null ? '' : checkString(input.parentRunId, 'parentRunId');
    const parentRunId = parentArg || tagMap.get(SYSTEM_TAGS.parentRunId) || null;
    const userId = input.userId === undefined || input.userId === null ? (tagMap.get(SYSTEM_TAGS.user) ?? '') : checkString(input.userId, 'userId');

    return this.core.write(async (trx, events) => {
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

  get(id: string): Promise<Run | undefined> {
    return runs.findById(this.core.db.kysely, id);
  }

  async update(id: string, input: UpdateRunInput): Promise<Run> {
    const status = input.status === undefined || input.status === null ? undefined : checkStatus(input.status);
    const endTime = input.endTime === undefined || input.endTime === null ? undefined : checkLong(input.endTime, 'endTime');
    // An empty name is ignored, as in MLflow.
    const name = input.name === undefined || input.name === null ? '' : checkString(input.name, 'name');
    return this.core.write(async (trx, events) => {
      const run = await activeRun(this.core, trx, id, 'id');
      const patch = { ...(status && { status }), ...(endTime !== undefined && { endTime }), ...(name && { name }) };
      await runs.update(trx, id, patch);
      if (name) await kv.upsert(trx, 'tags', id, [{ key: SYSTEM_TAGS.runName, value: name }]);
      events.push({ type: 'run', runId: id, experimentId: run.experimentId, kinds: ['UPDATED'] });
      return { ...run, ...patch };
    });
  }

  /** Soft delete; idempotent (deleting a deleted run is fine, as in MLflow). */
  async delete(id: string): Promise<Run> {
    return (await this.setLifecycle([id], 'deleted', 'id'))[0] as Run;
  }

  async restore(id: string): Promise<Run> {
    return (await this.setLifecycle([id], 'active', 'id'))[0] as Run;
  }

  /** Soft-deletes every run in ONE transaction: a selection is changed whole or not at all. */
  deleteMany(ids: readonly string[]): Promise<Run[]> {
    return this.setLifecycle(checkBulkIds(ids), 'deleted', 'ids');
  }

  restoreMany(ids: readonly string[]): Promise<Run[]> {
    return this.setLifecycle(checkBulkIds(ids), 'active', 'ids');
  }

  /** Sets the same tags on every run (they must all be active) in one transaction, as a batch per run would. */
  async setTagsOfMany(ids: readonly string[], tags: readonly KeyValue[], policy: LongValuePolicy = 'reject'): Promise<Run[]> {
    const list = checkBulkIds(ids);
    const checked = checkTagList(tags, 'tags', policy);
    if (checked.length === 0) throw invalid('tags: at least one tag is required', 'tags');
    return this.core.write(async (trx, events) => {
      const result: Run[] = [];
      for (const id of list) {
        const run = await activeRun(this.core, trx, id, 'ids');
        const kinds: RunChange[] = [];
        result.push(await writeTags(trx, run, checked, kinds));
        events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds });
      }
      return result;
    });
  }

  async search(args: SearchRunsArgs): Promise<Page<Run>> {
    const page = await searchRuns(this.core.db, {
      experimentIds: searchExperimentIds(args.experimentIds),
      filter: args.filter ?? undefined,
      orderBy: args.orderBy ? [...args.orderBy] : undefined,
      view: args.view,
      first: args.first,
      after: args.after ?? undefined,
      offset: args.offset,
    });
    return { ...page, items: page.rows.map(runs.toRun) };
  }

  /** One level of the run tree (top-level runs, or one run's children), as the runs table nests them. */
  async searchTree(args: Omit<SearchRunsArgs, 'after' | 'offset'> & { parentRunId: string | null; offset: number }) {
    const page = await searchRunTree(this.core.db, {
      experimentIds: searchExperimentIds(args.experimentIds),
      parentRunId: args.parentRunId,
      filter: args.filter ?? undefined,
      orderBy: args.orderBy ? [...args.orderBy] : undefined,
      view: args.view,
      first: args.first,
      offset: args.offset,
    });
    return { ...page, items: page.rows.map(runs.toRun) };
  }

  /** Lowest and highest latest value per metric key over every run the filter matches. */
  metricRanges(args: { experimentIds: readonly string[]; filter?: string | null; view: ViewType; keys: readonly string[] }) {
    return metricRanges(this.core.db, { experimentIds: searchExperimentIds(args.experimentIds), filter: args.filter ?? undefined, view: args.view, keys: args.keys });
  }

  /** Announces that a run's artifacts changed (files live outside the database: no transaction). */
  async notifyArtifactsChanged(runId: string): Promise<void> {
    const run = await runs.findById(this.core.db.kysely, runId);
    if (run) this.core.publish({ type: 'run', runId, experimentId: run.experimentId, kinds: ['ARTIFACTS'] });
  }

  // Batched reads for dataloaders and the REST API: one query per call, whatever the number of ids,
  // each returning at most LIMITS.rowsPerRead rows.

  byIds(ids: readonly string[]) {
    return runs.findByIds(this.core.db.kysely, ids);
  }

  async childrenOf(parentIds: readonly string[]) {
    return withinReadCap(await runs.childrenOf(this.core.db.kysely, parentIds), 'children');
  }

  async paramsOf(runIds: readonly string[]) {
    return withinReadCap(await kv.forRuns(this.core.db.kysely, 'params', runIds), 'params');
  }

  async tagsOf(runIds: readonly string[]) {
    return withinReadCap(await kv.forRuns(this.core.db.kysely, 'tags', runIds), 'tags');
  }

  async latestMetricsOf(runIds: readonly string[]) {
    return withinReadCap(await metricReads.latestForRuns(this.core.db.kysely, runIds), 'latestMetrics');
  }

  /** Each run's metric seq (the seq of its last committed metric write); unknown runs are left out. */
  metricSeqs(runIds: readonly string[]) {
    return runs.metricSeqs(this.core.db.kysely, runIds);
  }

  /** Runs already in `stage` are left as they are; each changed run gets its own event, each experiment one RUNS event. */
  private setLifecycle(ids: readonly string[], stage: 'active' | 'deleted', field: string): Promise<Run[]> {
    return this.core.write(async (trx, events) => {
      const result: Run[] = [];
      const experiments = new Set<string>();
      const now = this.core.now();
      for (const id of ids) {
        const run = await runs.findForWrite(trx, id, this.core.lockRows);
        if (!run) throw notFound(`${field}: no run with id=${id} exists`, field);
        if (run.lifecycleStage === stage) {
          result.push(run);
          continue;
        }
        if (stage === 'active') await activeExperiment(trx, run.experimentId, 'experimentId');
        const deletedTime = stage === 'deleted' ? now : null;
        await runs.setLifecycle(trx, id, stage, deletedTime);
        events.push({ type: 'run', runId: id, experimentId: run.experimentId, kinds: [stage === 'deleted' ? 'DELETED' : 'RESTORED'] });
        experiments.add(run.experimentId);
        result.push({ ...run, lifecycleStage: stage, deletedTime });
      }
      for (const experimentId of experiments) events.push({ type: 'experiment', experimentId, kind: 'RUNS' });
      return result;
    });
  }
}

function checkStatus(status: unknown): RunStatus {
  if (typeof status !== 'string' || !(RUN_STATUSES as readonly string[]).includes(status)) {
    throw invalid(`status: must be one of ${RUN_STATUSES.join(', ')}, got ${JSON.stringify(status)}`, 'status');
  }
  return status as RunStatus;
}

function checkBulkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw invalid('ids: a list of run ids is required', 'ids');
  }
  if (ids.length > BULK_LIMIT) throw invalid(`ids: at most ${BULK_LIMIT} runs per request, got ${ids.length}; send them in chunks`, 'ids');
  return [...new Set(ids as string[])];
}

/** The experiments a search covers (at most SEARCH_LIMITS.experimentIds); ids that cannot exist find nothing. */
function searchExperimentIds(ids: readonly string[]): number[] {
  if (ids.length > SEARCH_LIMITS.experimentIds) {
    throw invalid(`experimentIds: a search covers at most ${SEARCH_LIMITS.experimentIds} experiments, got ${ids.length}`, 'experimentIds');
  }
  if (ids.some((id) => typeof id !== 'string')) throw invalid('experimentIds: ids must be strings', 'experimentIds');
  return ids.filter(isExperimentIdShape).map(Number);
}
