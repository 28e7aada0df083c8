import { randomUUID } from 'node:crypto';
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { graphql } from '../graphql/index.js';
import type { SdkMetricPointsQueryVariables, SdkSearchRunsQueryVariables, ViewType } from '../graphql/graphql.js';
import { ArtifactHttp } from './artifacts/http.js';
import { type ArtifactEntry, downloadArtifacts } from './artifacts/download.js';
import { TracklineError } from './errors.js';
import { exitHooks } from './exit-hooks.js';
import { decodeMetricValue } from '../../common/metric-value.js';
import type { ResolvedOptions } from './options.js';
import { type Experiment, type MetricPoint, type RunInfo, toExperiment, toRunInfo } from './records.js';
import { createOnce } from './retry.js';
import { type ParamValue, Run, type RunContext } from './run.js';
import { GraphqlTransport } from './transport.js';
import { checkKey, checkString } from './validation.js';

/** Marks each run the SDK creates, so after a lost answer it can ask whether the create landed. */
export const REQUEST_TAG = 'trackline.sdk.requestId';
const DEFAULT_EXPERIMENT_ID = '0';
const RUNS_PAGE = 1000;
const POINTS_PAGE = 10_000;

export interface StartRunOptions {
  /** the experiment or its id; default the one last given to setExperiment, else Default ("0") */
  experiment?: Experiment | string;
  name?: string;
  tags?: Record<string, string>;
  /** logged right after the run is created */
  params?: Record<string, ParamValue>;
  /** makes this a nested run */
  parent?: Run | string;
  /** epoch ms; default now */
  startTime?: number;
}

export interface SearchRunsOptions {
  /** MLflow's search syntax: `metrics.mse < 5 and params.degree = '2'` */
  filter?: string;
  /** e.g. ['metrics.mse ASC'] */
  orderBy?: string[];
  view?: ViewType;
  /** stop after this many runs (default: all of them) */
  maxResults?: number;
}

const SdkExperimentByName = graphql(`
  query SdkExperimentByName($name: String!) {
    experiment(name: $name) { ...SdkExperimentFields }
  }
`);

const SdkExperimentById = graphql(`
  query SdkExperimentById($id: ID!) {
    experiment(id: $id) { ...SdkExperimentFields }
  }
`);

const SdkCreateExperiment = graphql(`
  mutation SdkCreateExperiment($name: String!, $artifactLocation: String, $tags: [TagInput!]) {
    createExperiment(name: $name, artifactLocation: $artifactLocation, tags: $tags) { ...SdkExperimentFields }
  }
`);

const SdkCreateRun = graphql(`
  mutation SdkCreateRun($experimentId: ID!, $name: String, $startTime: Long, $tags: [TagInput!], $parentRunId: ID) {
    createRun(experimentId: $experimentId, name: $name, startTime: $startTime, tags: $tags, parentRunId: $parentRunId) {
      ...SdkRunFields
    }
  }
`);

const SdkRun = graphql(`
  query SdkRun($id: ID!) {
    run(id: $id) { ...SdkRunFields }
  }
`);

const SdkSearchRuns = graphql(`
  query SdkSearchRuns($experimentIds: [ID!]!, $filter: String, $orderBy: [String!], $view: ViewType, $first: Int, $after: String) {
    runs(experimentIds: $experimentIds, filter: $filter, orderBy: $orderBy, view: $view, first: $first, after: $after) {
      edges { node { ...SdkRunFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SdkMetricPoints = graphql(`
  query SdkMetricPoints($runId: ID!, $key: String!, $first: Int, $after: String) {
    metricPoints(runId: $runId, key: $key, first: $first, after: $after) {
      edges { node { step timestamp value } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SdkRunArtifacts = graphql(`
  query SdkRunArtifacts($runId: ID!, $path: String) {
    run(id: $runId) { artifacts(path: $path) { name path isDir size modified } }
  }
`);

/** A connection to one trackline server: experiments, runs, searches, histories and artifacts. */
export class Trackline {
  readonly url: string;
  private readonly transport: GraphqlTransport;
  private readonly artifacts: ArtifactHttp;
  private readonly runContext: RunContext;
  private activeExperiment: Experiment | undefined;

  constructor(private readonly options: ResolvedOptions) {
    this.transport = new GraphqlTransport({ url: options.url, token: options.token, retry: options.retry });
    this.url = this.transport.baseUrl;
    this.artifacts = new ArtifactHttp(this.url, () => this.transport.headers(), options.retry);
    this.runContext = {
      transport: this.transport,
      artifacts: this.artifacts,
      batch: options.batch,
      artifactConcurrency: options.artifactConcurrency,
      exitHooks: options.exitHandlers ? exitHooks : undefined,
      getRun: (id) => this.getRun(id),
    };
  }

  // ---- experiments -------------------------------------------------------------------------

  /** Gets the experiment of that name, creating it if needed, and makes it the default for startRun. */
  async setExperiment(name: string, options: { artifactLocation?: string; tags?: Record<string, string> } = {}): Promise<Experiment> {
    checkString(name, 'setExperiment', 'name');
    const experiment = (await this.getExperiment({ name })) ?? (await this.createExperiment(name, options));
    if (experiment.lifecycleStage === 'DELETED') {
      throw new TracklineError(
        'FAILED_PRECONDITION',
        `experiment ${JSON.stringify(name)} (id ${experiment.id}) is deleted; restore it or choose another name`,
        'setExperiment',
        { field: 'name' },
      );
    }
    this.activeExperiment = experiment;
    return experiment;
  }

  /** An experiment by id or by name, active or deleted; undefined when there is none. */
  async getExperiment(by: { id: string } | { name: string }): Promise<Experiment | undefined> {
    const found =
      'id' in by
        ? (await this.transport.request(SdkExperimentById, { id: by.id }, 'getExperiment')).experiment
        : (await this.transport.request(SdkExperimentByName, { name: by.name }, 'getExperiment')).experiment;
    return found ? toExperiment(found) : undefined;
  }

  private async createExperiment(name: string, options: { artifactLocation?: string; tags?: Record<string, string> }): Promise<Experiment> {
    const tags = Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value }));
    const variables = { name, artifactLocation: options.artifactLocation ?? null, tags };
    try {
      const created = await createOnce(
        async () => (await this.transport.request(SdkCreateExperiment, variables, 'setExperiment', 'once')).createExperiment,
        async () => (await this.transport.request(SdkExperimentByName, { name }, 'setExperiment')).experiment ?? undefined,
        this.options.retry,
      );
      return toExperiment(created);
    } catch (error) {
      // Another script created it between our look and our create: theirs is ours too.
      if (error instanceof TracklineError && error.code === 'ALREADY_EXISTS') {
        const existing = await this.getExperiment({ name });
        if (existing) return existing;
      }
      throw error;
    }
  }

  // ---- runs --------------------------------------------------------------------------------

  /** Creates a run and returns it open; end it with run.end(), or use withRun. */
  async startRun(options: StartRunOptions = {}): Promise<Run> {
    const experimentId = this.experimentIdOf(options.experiment);
    const requestId = randomUUID();
    const tags = Object.entries(options.tags ?? {}).map(([key, value]) => ({ key: checkKey(key, 'startRun', 'tags'), value: checkString(value, 'startRun', key) }));
    const variables = {
      experimentId,
      name: options.name ?? null,
      startTime: options.startTime ?? Date.now(),
      tags: [...tags, { key: REQUEST_TAG, value: requestId }],
      parentRunId: options.parent === undefined ? null : typeof options.parent === 'string' ? options.parent : options.parent.id,
    };
    const created = await createOnce(
      async () => toRunInfo((await this.transport.request(SdkCreateRun, variables, 'startRun', 'once')).createRun),
      () => this.findCreatedRun(experimentId, requestId),
      this.options.retry,
    );
    const run = new Run(this.runContext, created);
    if (options.params && Object.keys(options.params).length > 0) {
      // The caller never gets this run if its params are refused: end it rather than leave it RUNNING.
      await run.logParams(options.params).catch(async (error: unknown) => {
        await run.end('FAILED').catch(() => undefined);
        throw error;
      });
    }
    return run;
  }

  /**
   * MLflow's `with start_run():` for a callback. The run ends FINISHED when `body` returns, FAILED
   * when it throws (the error is rethrown as it was); either way its metrics are flushed first.
   */
  async withRun<T>(options: StartRunOptions, body: (run: Run) => Promise<T> | T): Promise<T> {
    const run = await this.startRun(options);
    let result: T;
    try {
      result = await body(run);
    } catch (error) {
      await run.end('FAILED').catch((endError: unknown) => {
        process.stderr.write(`trackline: run ${run.id} failed and could not be ended: ${String(endError)}\n`);
      });
      throw error;
    }
    await run.end('FINISHED');
    return result;
  }

  async getRun(runId: string): Promise<RunInfo | undefined> {
    const { run } = await this.transport.request(SdkRun, { id: checkString(runId, 'getRun', 'runId') }, 'getRun');
    return run ? toRunInfo(run) : undefined;
  }

  /** Runs of an experiment (or several), matching `filter`, in `orderBy` order, all pages. */
  async searchRuns(experiment: Experiment | string | (Experiment | string)[], options: SearchRunsOptions = {}): Promise<RunInfo[]> {
    const experimentIds = (Array.isArray(experiment) ? experiment : [experiment]).map((e) => (typeof e === 'string' ? e : e.id));
    const limit = options.maxResults ?? Number.POSITIVE_INFINITY;
    const found: RunInfo[] = [];
    let after: string | null = null;
    while (found.length < limit) {
      const variables: SdkSearchRunsQueryVariables = {
        experimentIds,
        filter: options.filter ?? null,
        orderBy: options.orderBy ?? null,
        view: options.view ?? null,
        first: Math.min(RUNS_PAGE, limit - found.length),
        after,
      };
      const { runs } = await this.transport.request(SdkSearchRuns, variables, 'searchRuns');
      found.push(...runs.edges.map((edge) => toRunInfo(edge.node)));
      if (!runs.pageInfo.hasNextPage || !runs.pageInfo.endCursor) break;
      after = runs.pageInfo.endCursor;
    }
    return found;
  }

  /** Every raw point of one metric of a run, in (step, timestamp) order, paged through metricPoints. */
  async getMetricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    const points: MetricPoint[] = [];
    let after: string | null = null;
    for (;;) {
      const variables: SdkMetricPointsQueryVariables = { runId, key, first: POINTS_PAGE, after };
      const { metricPoints } = await this.transport.request(SdkMetricPoints, variables, 'getMetricHistory');
      for (const { node } of metricPoints.edges) points.push({ step: node.step, timestamp: node.timestamp, value: decodeMetricValue(node.value) });
      if (!metricPoints.pageInfo.hasNextPage || !metricPoints.pageInfo.endCursor) return points;
      after = metricPoints.pageInfo.endCursor;
    }
  }

  // ---- artifacts ---------------------------------------------------------------------------

  /** The direct children of a run's artifact folder ('' = the top); a missing folder is empty. */
  async listArtifacts(runId: string, path = ''): Promise<ArtifactEntry[]> {
    const { run } = await this.transport.request(SdkRunArtifacts, { runId, path }, 'listArtifacts');
    if (!run) throw new TracklineError('NOT_FOUND', `runId: no run with id=${runId} exists`, 'listArtifacts', { field: 'runId' });
    return run.artifacts.map((entry) => ({ ...entry, size: entry.size ?? null, modified: entry.modified ?? null }));
  }

  /** Copies a run's artifact file or folder ('' = all of them) to `<dest>/<path>`; returns that local path. */
  downloadArtifacts(runId: string, path: string, dest: string): Promise<string> {
    return downloadArtifacts(this.artifacts, (id, folder) => this.listArtifacts(id, folder), runId, path, dest, this.options.artifactConcurrency);
  }

  /** Removes a run's artifact file or folder. */
  deleteArtifact(runId: string, path: string): Promise<void> {
    return this.artifacts.delete(runId, path, 'deleteArtifact');
  }

  // ---- anything else -----------------------------------------------------------------------

  /** Where the dashboard shows an experiment (or the experiment list). */
  dashboardUrl(experiment?: Experiment | string): string {
    if (experiment === undefined) return `${this.url}/`;
    return `${this.url}/#/experiments/${encodeURIComponent(typeof experiment === 'string' ? experiment : experiment.id)}`;
  }

  /**
   * Any typed operation (a TypedDocumentNode, e.g. from graphql-codegen), with the SDK's error
   * mapping. Pass `retry: 'idempotent'` only for operations that are safe to send twice.
   */
  request<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: NoInfer<Variables>,
    options: { retry?: 'idempotent' | 'once' } = {},
  ): Promise<Data> {
    return this.transport.request(document, variables, 'request', options.retry ?? 'once');
  }

  private experimentIdOf(experiment: Experiment | string | undefined): string {
    if (typeof experiment === 'string') return experiment;
    return experiment?.id ?? this.activeExperiment?.id ?? DEFAULT_EXPERIMENT_ID;
  }

  private async findCreatedRun(experimentId: string, requestId: string): Promise<RunInfo | undefined> {
    const filter = `tags.\`${REQUEST_TAG}\` = '${requestId}'`;
    const { runs } = await this.transport.request(SdkSearchRuns, { experimentIds: [experimentId], filter, first: 1 }, 'startRun');
    const node = runs.edges[0]?.node;
    return node ? toRunInfo(node) : undefined;
  }
}
