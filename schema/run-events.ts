import { notFound } from '../db/errors.js';
import { LIMITS, type MetricPoint, RUN_CHANGES, type Run, type RunChange, type StoreEvent, isLater } from '../db/store/index.js';
import { builder } from './builder.js';
import { startEvent } from './context.js';
import { sized } from './limits.js';
import { StateSource } from './live/state-source.js';
import { MetricRef } from './metric.js';
import { RunRef } from './refs.js';

/** runChanged: every committed write that touches a run of an experiment, with the run read fresh. */

const RunChangeEnum = builder.enumType('RunChange', { values: RUN_CHANGES });
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

/**
 * Coalescing a lagging client's run events: every kind of change, and per key the best candidate for
 * the latest value. Writes may log older steps after newer ones, so "best" is MLflow's rule, not "newest".
 */
function mergeRunEvents(older: RunEventSource, newer: RunEventSource): RunEventSource {
  const kinds = [...new Set([...older.kinds, ...newer.kinds])];
  const latest = new Map((older.latest ?? []).map((m) => [m.key, m]));
  for (const m of newer.latest ?? []) {
    const kept = latest.get(m.key);
    if (!kept || isLater(m, kept)) latest.set(m.key, m);
  }
  return { ...newer, kinds, latest: latest.size ? [...latest.values()] : undefined };
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

builder.subscriptionFields((t) => ({
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
}));
