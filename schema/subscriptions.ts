import { invalid, notFound } from '../db/errors.js';
import { type Experiment, type ExperimentChange, MAX_HISTORY_RUNS, type MetricPoint, type Run, type RunChange, type StoreEvent, checkRunIds } from '../db/store/index.js';
import { builder } from './builder.js';
import { startEvent } from './context.js';
import { graphqlError } from './errors.js';
import { MetricsLoggedSource, type MetricsItem } from './live/metrics-source.js';
import { StateSource } from './live/state-source.js';
import { MetricRef } from './metric.js';
import { sized } from './limits.js';
import { ExperimentRef, RunRef } from './refs.js';
import { LIMITS } from '../db/validation.js';

const RunCursor = builder.inputType('RunCursor', {
  fields: (t) => ({ runId: t.id({ required: true }), seq: t.field({ type: 'Long', required: true }) }),
});

interface MetricsLoggedShape {
  runId: string;
  seq: number;
  metrics: MetricPoint[];
}
const MetricsLoggedRef = builder.objectRef<MetricsLoggedShape>('MetricsLogged').implement({
  description: 'One committed metric write to a run: its seq and its points (filtered by the subscription\'s keys).',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    seq: t.field({ type: 'Long', resolve: (e) => e.seq }),
    metrics: t.field({ type: [MetricRef], extensions: sized({ items: LIMITS.metricsPerBatch }), resolve: (e) => e.metrics }),
  }),
});

const RUN_CHANGES = ['CREATED', 'UPDATED', 'DELETED', 'RESTORED', 'PARAMS', 'TAGS', 'METRICS', 'ARTIFACTS'] as const;
const RunChangeEnum = builder.enumType('RunChange', { values: RUN_CHANGES });
const ExperimentChangeEnum = builder.enumType('ExperimentChange', {
  values: ['CREATED', 'RENAMED', 'DELETED', 'RESTORED', 'TAGS', 'RUNS'] as const,
});

type RunEventSource = Extract<StoreEvent, { type: 'run' }>;
interface RunEventShape {
  kinds: RunChange[];
  run: Run;
  metrics: MetricPoint[] | null;
}
const RunEventRef = builder.objectRef<RunEventShape>('RunEvent').implement({
  description: 'One committed write that touched a run; `run` is read fresh, `metrics` holds the latest values it changed.',
  fields: (t) => ({
    kinds: t.field({ type: [RunChangeEnum], extensions: sized({ items: RUN_CHANGES.length }), resolve: (e) => e.kinds }),
    run: t.field({ type: RunRef, resolve: (e) => e.run }),
    metrics: t.field({ type: [MetricRef], nullable: true, extensions: sized({ items: LIMITS.metricsPerBatch }), resolve: (e) => e.metrics }),
  }),
});

interface ExperimentEventShape {
  kind: ExperimentChange;
  experiment: Experiment;
}
const ExperimentEventRef = builder.objectRef<ExperimentEventShape>('ExperimentEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: ExperimentChangeEnum, resolve: (e) => e.kind }),
    experiment: t.field({ type: ExperimentRef, resolve: (e) => e.experiment }),
  }),
});

/**
 * Coalescing a lagging client's run events: every kind of change, and per key the best candidate for
 * the latest value. Writes may log older steps after newer ones, so "best" is MLflow's rule, not "newest".
 */
function mergeRunEvents(older: RunEventSource, newer: RunEventSource): RunEventSource {
  const kinds = [...new Set([...older.kinds, ...newer.kinds])];
  const latest = new Map((older.latest ?? []).map((m) => [m.key, m]));
  for (const m of newer.latest ?? []) {
    const kept = latest.get(m.key);
    if (!kept || beats(m, kept)) latest.set(m.key, m);
  }
  return { ...newer, kinds, latest: latest.size ? [...latest.values()] : undefined };
}

/** latest_metrics keeps the max by (step, timestamp, value), NaN counting as 0 (design.md section 3). */
function beats(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  const value = (m: MetricPoint) => (Number.isNaN(m.value) ? 0 : m.value);
  return value(a) >= value(b);
}

/**
 * The store's event names each key's best point of the write, which is the run's latest only if it
 * beat the stored one (a point at an older step does not). Keep the keys whose latest it now is.
 */
function changedLatest(candidates: readonly MetricPoint[], current: readonly MetricPoint[]): MetricPoint[] {
  const latest = new Map(current.map((m) => [m.key, m]));
  return candidates.filter((c) => {
    const now = latest.get(c.key);
    return now !== undefined && now.step === c.step && now.timestamp === c.timestamp && Object.is(now.value, c.value);
  });
}

/**
 * A cursor is a seq the client received, so it lies in [0, the run's metric_seq]. One beyond it would
 * silently skip the writes up to it (they would count as delivered): refuse it instead.
 */
function checkCursors(cursors: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, field: string) {
  for (const [runId, seq] of cursors) {
    const last = current.get(runId) ?? 0;
    if (seq < 0) throw invalid(`${field}: a seq is 0 or more, got ${seq} for run ${runId}`, field);
    if (seq > last) {
      throw invalid(`${field}: seq ${seq} is beyond the last metric write of run ${runId} (seq ${last}); pass the last seq you received`, field);
    }
  }
}

builder.subscriptionFields((t) => ({
  metricsLogged: t.field({
    type: MetricsLoggedRef,
    description:
      'Each committed metric write to the runs, in seq order per run. sinceSeq (one run) or since (a cursor per run) replays the writes after it first, with no gap and no duplicate.',
    args: {
      runIds: t.arg.idList({ required: true }),
      keys: t.arg.stringList(),
      sinceSeq: t.arg({ type: 'Long' }),
      since: t.arg({ type: [RunCursor] }),
    },
    subscribe: async (_root, args, ctx) => {
      const runIds = [...new Set(args.runIds.map(String))];
      checkRunIds(runIds, 'runIds', MAX_HISTORY_RUNS);
      const cursors = new Map<string, number>();
      if (args.sinceSeq != null && args.since != null) {
        throw invalid('sinceSeq: give either sinceSeq or since, not both', 'sinceSeq');
      }
      if (args.sinceSeq != null) {
        if (runIds.length !== 1) throw invalid('sinceSeq: allowed only with exactly one run id; use since for several', 'sinceSeq');
        cursors.set(runIds[0] as string, args.sinceSeq);
      }
      for (const cursor of args.since ?? []) {
        const runId = String(cursor.runId);
        if (!runIds.includes(runId)) throw invalid(`since: run ${runId} is not among runIds`, 'since');
        cursors.set(runId, cursor.seq);
      }
      const existing = await ctx.store.runs.metricSeqs(runIds);
      const missing = runIds.find((id) => !existing.has(id));
      if (missing) throw notFound(`runIds: no run with id=${missing} exists`, 'runIds');
      checkCursors(cursors, existing, args.sinceSeq != null ? 'sinceSeq' : 'since');
      return MetricsLoggedSource.open(ctx.store, ctx.bus, { runIds, keys: args.keys ?? undefined, cursors });
    },
    resolve: (item: MetricsItem, _args, ctx) => {
      startEvent(ctx);
      if (item.kind === 'resync') throw graphqlError('RESYNC_REQUIRED', item.message);
      return item.write;
    },
  }),
  runChanged: t.field({
    type: RunEventRef,
    description: 'Every committed write that touches a run of the experiment (with runId: that run only).',
    args: {
      experimentId: t.arg.id({ required: true }),
      runId: t.arg.id({ description: "only this run's events (a run page): the experiment's other runs are not read or sent" }),
    },
    subscribe: async (_root, args, ctx) => {
      const experimentId = String(args.experimentId);
      const runId = args.runId == null ? undefined : String(args.runId);
      if (!(await ctx.store.experiments.get(experimentId))) {
        throw notFound(`experimentId: no experiment with id=${JSON.stringify(experimentId)} exists`, 'experimentId');
      }
      return new StateSource<RunEventSource>(
        ctx.bus,
        (event) => (event.type === 'run' && event.experimentId === experimentId && (runId === undefined || event.runId === runId) ? event : undefined),
        (event) => event.runId,
        mergeRunEvents,
      );
    },
    resolve: async (event: RunEventSource, _args, ctx) => {
      startEvent(ctx);
      const run = await ctx.loaders.run.load(event.runId);
      if (!run) throw notFound(`run ${event.runId} no longer exists`);
      const metrics = event.latest ? changedLatest(event.latest, await ctx.loaders.latestMetrics.load(event.runId)) : null;
      return { kinds: event.kinds, run, metrics };
    },
  }),
  experimentChanged: t.field({
    type: ExperimentEventRef,
    description: 'Experiments created, renamed, deleted, restored, tagged, or whose runs were created, deleted or restored.',
    subscribe: (_root, _args, ctx) =>
      new StateSource<Extract<StoreEvent, { type: 'experiment' }>>(
        ctx.bus,
        (event) => (event.type === 'experiment' ? event : undefined),
        (event) => `${event.experimentId}:${event.kind}`,
        (_older, newer) => newer,
      ),
    resolve: async (event, _args, ctx) => {
      startEvent(ctx);
      const experiment = await ctx.loaders.experiment.load(event.experimentId);
      if (!experiment) throw notFound(`experiment ${event.experimentId} no longer exists`);
      return { kind: event.kind, experiment };
    },
  }),
}));
