import { invalid, notFound } from '../db/errors.js';
import { LIMITS, MAX_HISTORY_RUNS, type MetricPoint, checkRunIds } from '../db/store/index.js';
import { builder } from './builder.js';
import { startEvent } from './context.js';
import { graphqlError } from './errors.js';
import { sized } from './limits.js';
import { type MetricsItem, MetricsLoggedSource } from './live/metrics-source.js';
import { MetricRef } from './metric.js';

/** metricsLogged: every committed metric write of the runs, in seq order per run, replayable from a cursor. */

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
}));
