import type { Db } from '../connect.js';
import { invalid } from '../errors.js';
import { migrateToLatest } from '../migrate.js';
import * as experimentsRepo from '../repositories/experiments.js';
import * as metricsRepo from '../repositories/metrics.js';
import * as kv from '../repositories/run-key-values.js';
import * as runsRepo from '../repositories/runs.js';
import { searchExperiments } from '../search/experiments-query.js';
import { searchRuns } from '../search/runs-query.js';
import { metricRanges, searchRunTree } from '../search/runs-tree.js';
import { SEARCH_LIMITS } from '../search/filter.js';
import { type LongValuePolicy, withinReadCap } from '../validation.js';
import { StoreCore, parseExperimentId } from './core.js';
import * as bulk from './bulk.js';
import * as experiments from './experiments.js';
import * as history from './history.js';
import * as inputs from './inputs.js';
import * as loggedModels from './logged-models.js';
import * as metricSampling from './metric-sampling.js';
import * as logging from './logging.js';
import type { ChangeListener, Experiment, KeyValue, Page, Run, ViewType } from './model.js';
import * as runs from './runs.js';

export type { BatchInput, MetricInput } from './logging.js';
export type { HistoryWindow, MetricSeries, SeriesPoint } from './history.js';
export { MAX_HISTORY_RUNS, MAX_POINTS_LIMIT, checkRunIds } from './history.js';
export type { LoggedModelDetails, LoggedModelStatus } from './logged-models.js';
export type { RunInputs } from './inputs.js';
export * from './model.js';

/**
 * The tracking store: every rule of trackline lives behind this one entry point, which GraphQL
 * resolvers and the MLflow REST handlers both call. Each write is one transaction, validated before
 * anything is written; listeners hear about it after commit.
 */
export class TrackingStore {
  readonly core: StoreCore;

  constructor(readonly db: Db, now?: () => number) {
    this.core = new StoreCore(db, now);
  }

  /** Migrates the schema and makes sure experiment "0" (Default) exists. */
  async init(): Promise<this> {
    await migrateToLatest(this.db.kysely);
    await experiments.ensureDefaultExperiment(this.core);
    return this;
  }

  onChange(listener: ChangeListener): () => void {
    return this.core.onChange(listener);
  }

  /** Waits for in-flight writes, then closes the database. */
  async close(): Promise<void> {
    await this.core.drain();
    await this.db.close();
  }

  // Experiments

  createExperiment(input: { name: unknown; artifactLocation?: unknown; tags?: readonly KeyValue[] }) {
    return experiments.createExperiment(this.core, input);
  }
  getExperiment(id: string) {
    return experiments.getExperiment(this.core, id);
  }
  getExperimentByName(name: string) {
    return experiments.getExperimentByName(this.core, name);
  }
  renameExperiment(id: string, name: unknown) {
    return experiments.renameExperiment(this.core, id, name);
  }
  deleteExperiment(id: string, repeat: experiments.RepeatPolicy = 'ok') {
    return experiments.setExperimentLifecycle(this.core, id, 'deleted', repeat);
  }
  restoreExperiment(id: string, repeat: experiments.RepeatPolicy = 'ok') {
    return experiments.setExperimentLifecycle(this.core, id, 'active', repeat);
  }
  setExperimentTag(id: string, key: unknown, value: unknown) {
    return experiments.setExperimentTag(this.core, id, key, value);
  }
  deleteExperimentTag(id: string, key: unknown) {
    return experiments.deleteExperimentTag(this.core, id, key);
  }
  async searchExperiments(args: {
    filter?: string | null;
    orderBy?: readonly string[] | null;
    view: ViewType;
    first: number;
    after?: string | null;
  }): Promise<Page<Experiment>> {
    const page = await searchExperiments(this.db, {
      filter: args.filter ?? undefined,
      orderBy: args.orderBy ? [...args.orderBy] : undefined,
      view: args.view,
      first: args.first,
      after: args.after ?? undefined,
    });
    return { ...page, items: page.rows.map(experimentsRepo.toExperiment) };
  }

  // Runs

  createRun(input: runs.CreateRunInput, policy: LongValuePolicy = 'reject') {
    return runs.createRun(this.core, input, policy);
  }
  getRun(id: string) {
    return runs.getRun(this.core, id);
  }
  updateRun(id: string, input: runs.UpdateRunInput) {
    return runs.updateRun(this.core, id, input);
  }
  deleteRun(id: string) {
    return runs.setRunLifecycle(this.core, id, 'deleted');
  }
  restoreRun(id: string) {
    return runs.setRunLifecycle(this.core, id, 'active');
  }
  async searchRuns(args: {
    experimentIds: readonly string[];
    filter?: string | null;
    orderBy?: readonly string[] | null;
    view: ViewType;
    first: number;
    after?: string | null;
    offset?: number;
  }): Promise<Page<Run>> {
    const page = await searchRuns(this.db, {
      experimentIds: searchExperimentIds(args.experimentIds),
      filter: args.filter ?? undefined,
      orderBy: args.orderBy ? [...args.orderBy] : undefined,
      view: args.view,
      first: args.first,
      after: args.after ?? undefined,
      offset: args.offset,
    });
    return { ...page, items: page.rows.map(runsRepo.toRun) };
  }
  /** One level of the run tree (top-level runs, or one run's children), as the runs table nests them. */
  async searchRunTree(args: {
    experimentIds: readonly string[];
    parentRunId: string | null;
    filter?: string | null;
    orderBy?: readonly string[] | null;
    view: ViewType;
    first: number;
    offset: number;
  }): Promise<Page<Run> & { childCounts: () => Promise<Map<string, number>> }> {
    const page = await searchRunTree(this.db, {
      experimentIds: searchExperimentIds(args.experimentIds),
      parentRunId: args.parentRunId,
      filter: args.filter ?? undefined,
      orderBy: args.orderBy ? [...args.orderBy] : undefined,
      view: args.view,
      first: args.first,
      offset: args.offset,
    });
    return { ...page, items: page.rows.map(runsRepo.toRun) };
  }
  /** Lowest and highest latest value per metric key over every run the filter matches. */
  metricRanges(args: { experimentIds: readonly string[]; filter?: string | null; view: ViewType; keys: readonly string[] }) {
    return metricRanges(this.db, { experimentIds: searchExperimentIds(args.experimentIds), filter: args.filter ?? undefined, view: args.view, keys: args.keys });
  }
  deleteRuns(ids: readonly string[]) {
    return bulk.setRunsLifecycle(this.core, ids, 'deleted');
  }
  restoreRuns(ids: readonly string[]) {
    return bulk.setRunsLifecycle(this.core, ids, 'active');
  }
  setRunsTags(ids: readonly string[], tags: readonly KeyValue[], policy: LongValuePolicy = 'reject') {
    return bulk.setRunsTags(this.core, ids, tags, policy);
  }

  // Logging

  logBatch(runId: unknown, batch: logging.BatchInput, policy: LongValuePolicy = 'reject') {
    return logging.logBatch(this.core, runId, batch, policy);
  }
  logParam(runId: unknown, key: unknown, value: unknown, policy: LongValuePolicy = 'reject') {
    return this.logBatch(runId, { params: [{ key, value } as KeyValue] }, policy);
  }
  logMetric(runId: unknown, metric: logging.MetricInput) {
    return this.logBatch(runId, { metrics: [metric] });
  }
  setTag(runId: unknown, key: unknown, value: unknown, policy: LongValuePolicy = 'reject') {
    return this.logBatch(runId, { tags: [{ key, value } as KeyValue] }, policy);
  }
  deleteTag(runId: string, key: unknown) {
    return logging.deleteTag(this.core, runId, key);
  }

  /** Announces that a run's artifacts changed (files live outside the database: no transaction). */
  async notifyArtifactsChanged(runId: string): Promise<void> {
    const run = await runsRepo.findById(this.db.kysely, runId);
    if (run) this.core.publish({ type: 'run', runId, experimentId: run.experimentId, kinds: ['ARTIFACTS'] });
  }

  // Metric reads

  metricHistory(runIds: readonly string[], key: string, window: history.HistoryWindow) {
    return history.metricHistory(this.core, runIds, key, window);
  }
  metricPoints(runId: string, key: string, first: number, after?: history.PointCursor) {
    return history.metricPoints(this.core, runId, key, first, after);
  }
  metricWritesSince(runId: string, afterSeq: number, untilSeq: number, keys: readonly string[] | undefined, limit: number) {
    return history.metricWritesSince(this.core, runId, afterSeq, untilSeq, keys, limit);
  }
  countPointsSince(runId: string, afterSeq: number, keys?: readonly string[]) {
    return history.countPointsSince(this.core, runId, afterSeq, keys);
  }
  metricSeqs(runIds: readonly string[]) {
    return runsRepo.metricSeqs(this.db.kysely, runIds);
  }

  // Batched reads for dataloaders: one query per call, whatever the number of ids.

  runsByIds(ids: readonly string[]) {
    return runsRepo.findByIds(this.db.kysely, ids);
  }
  async childrenOf(parentIds: readonly string[]) {
    return withinReadCap(await runsRepo.childrenOf(this.db.kysely, parentIds), 'children');
  }
  experimentsByIds(ids: readonly string[]) {
    return experimentsRepo.findByIds(this.db.kysely, numericIds(ids));
  }
  async paramsOf(runIds: readonly string[]) {
    return withinReadCap(await kv.forRuns(this.db.kysely, 'params', runIds), 'params');
  }
  async tagsOf(runIds: readonly string[]) {
    return withinReadCap(await kv.forRuns(this.db.kysely, 'tags', runIds), 'tags');
  }
  async latestMetricsOf(runIds: readonly string[]) {
    return withinReadCap(await metricsRepo.latestForRuns(this.db.kysely, runIds), 'latestMetrics');
  }
  async experimentTagsOf(ids: readonly string[]) {
    return withinReadCap(await experimentsRepo.tagsFor(this.db.kysely, numericIds(ids)), 'tags');
  }
  experimentRunStats(ids: readonly string[]) {
    return experimentsRepo.runStats(this.db.kysely, numericIds(ids));
  }
  async experimentKeys(kind: 'params' | 'metrics', ids: readonly string[]) {
    const rows = await experimentsRepo.keysOf(this.db.kysely, kind === 'params' ? 'params' : 'latest_metrics', numericIds(ids));
    return withinReadCap(rows, kind === 'params' ? 'paramKeys' : 'metricKeys');
  }

  // MLflow compatibility: run inputs, MLflow 3 logged models and run outputs, MLflow's sampled history

  logInputs(runId: string, datasets: readonly inputs.DatasetInputIn[], modelIds?: readonly string[]) {
    return inputs.logInputs(this.core, runId, datasets, modelIds);
  }
  inputsOf(runIds: readonly string[]) {
    return inputs.inputsOf(this.core, runIds);
  }
  datasetSummaries(experimentIds: readonly string[]) {
    return inputs.datasetSummaries(this.core, experimentIds);
  }
  createLoggedModel(input: loggedModels.CreateLoggedModelInput, policy: LongValuePolicy = 'reject') {
    return loggedModels.createLoggedModel(this.core, input, policy);
  }
  getLoggedModel(id: string) {
    return loggedModels.getLoggedModel(this.core, id);
  }
  finalizeLoggedModel(id: string, status: unknown, statusMessage?: unknown) {
    return loggedModels.finalizeLoggedModel(this.core, id, status, statusMessage);
  }
  setLoggedModelTags(id: string, tags: readonly KeyValue[], policy: LongValuePolicy = 'reject') {
    return loggedModels.setLoggedModelTags(this.core, id, tags, policy);
  }
  deleteLoggedModelTag(id: string, key: unknown) {
    return loggedModels.deleteLoggedModelTag(this.core, id, key);
  }
  logLoggedModelParams(id: string, params: readonly KeyValue[], policy: LongValuePolicy = 'reject') {
    return loggedModels.logLoggedModelParams(this.core, id, params, policy);
  }
  deleteLoggedModel(id: string) {
    return loggedModels.deleteLoggedModel(this.core, id);
  }
  searchLoggedModels(args: loggedModels.SearchLoggedModelsArgs) {
    checkExperimentIdCount(args.experimentIds.length);
    return loggedModels.searchLoggedModels(this.core, args);
  }
  checkLoggedModelsExist(ids: readonly string[]) {
    return loggedModels.checkModelsExist(this.core, ids);
  }
  linkModelMetrics(runId: string, metrics: Parameters<typeof loggedModels.linkModelMetrics>[2]) {
    return loggedModels.linkModelMetrics(this.core, runId, metrics);
  }
  logOutputs(runId: string, outputs: readonly { modelId: string; step: number }[]) {
    return loggedModels.logOutputs(this.core, runId, outputs);
  }
  outputsOf(runIds: readonly string[]) {
    return loggedModels.outputsOf(this.core, runIds);
  }
  loggedModelsOfRuns(runIds: readonly string[]) {
    return loggedModels.loggedModelsOfRuns(this.core, runIds);
  }
  recordLoggedModel(runId: string, record: Record<string, unknown>) {
    return loggedModels.recordLoggedModel(this.core, runId, record);
  }
  metricHistoryBulkInterval(args: metricSampling.BulkIntervalArgs) {
    return metricSampling.metricHistoryBulkInterval(this.core, args);
  }
}

function checkExperimentIdCount(count: number): void {
  if (count > SEARCH_LIMITS.experimentIds) {
    throw invalid(`experimentIds: a search covers at most ${SEARCH_LIMITS.experimentIds} experiments, got ${count}`, 'experimentIds');
  }
}

/** The experiments a search covers (at most SEARCH_LIMITS.experimentIds); ids that cannot exist find nothing. */
function searchExperimentIds(ids: readonly string[]): number[] {
  checkExperimentIdCount(ids.length);
  return ids.map((id) => parseSearchExperimentId(id)).filter((id): id is number => id !== undefined);
}

function numericIds(ids: readonly string[]): number[] {
  return ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
}

/** Searching an experiment id that cannot exist finds nothing; a malformed one is the caller's mistake. */
function parseSearchExperimentId(id: string): number | undefined {
  if (typeof id !== 'string') throw invalid('experimentIds: ids must be strings', 'experimentIds');
  try {
    return parseExperimentId(id, 'experimentIds');
  } catch {
    return undefined;
  }
}
