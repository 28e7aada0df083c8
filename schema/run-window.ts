import { invalid } from '../db/errors.js';
import type { Run } from '../db/store/index.js';
import { builder } from './builder.js';
import { ViewType, checkFirst } from './common.js';
import { INHERITED, PAGED, sized } from './limits.js';
import { RunRef } from './refs.js';

/**
 * What the dashboard's runs table reads besides `runs`: a window of rows at a position (a scrollbar
 * dragged to row 70,000 reads that window, not 70 pages before it), one level of the run tree for the
 * nested display, and each metric column's lowest and highest value over the whole filtered set.
 */

const MAX_OFFSET = 1_000_000_000;

interface WindowRow {
  run: Run;
  childCount: number | null;
}
interface WindowShape {
  offset: number;
  rows: WindowRow[];
  totalCount: () => Promise<number>;
}

const RunWindowRowRef = builder.objectRef<WindowRow>('RunWindowRow').implement({
  fields: (t) => ({
    run: t.field({ type: RunRef, resolve: (r) => r.run }),
    childCount: t.int({
      nullable: true,
      description: 'Nested windows only: how many children the run lists one level down (same filter).',
      resolve: (r) => r.childCount,
    }),
  }),
});

const RunWindowRef = builder.objectRef<WindowShape>('RunWindow').implement({
  fields: (t) => ({
    offset: t.exposeInt('offset'),
    rows: t.field({ type: [RunWindowRowRef], extensions: INHERITED, resolve: (w) => w.rows }),
    totalCount: t.int({ description: 'Rows at this level that the filter lists.', resolve: (w) => w.totalCount() }),
  }),
});

const MetricRangeRef = builder
  .objectRef<{ key: string; min: number; max: number }>('MetricRange')
  .implement({
    description: 'The lowest and highest latest value of a metric over every run a filter matches (NaN left out).',
    fields: (t) => ({
      key: t.exposeString('key'),
      min: t.field({ type: 'MetricValue', resolve: (r) => r.min }),
      max: t.field({ type: 'MetricValue', resolve: (r) => r.max }),
    }),
  });

const scopeArgs = builder.args((t) => ({
  experimentIds: t.idList({ required: true }),
  filter: t.string({ description: "MLflow search syntax, e.g. \"metrics.mse < 5 and params.degree = '2'\"" }),
  view: t.field({ type: ViewType, defaultValue: 'ACTIVE_ONLY' }),
}));

function checkOffset(offset: number | null | undefined): number {
  const value = offset ?? 0;
  if (!Number.isInteger(value) || value < 0 || value > MAX_OFFSET) {
    throw invalid(`offset: must be between 0 and ${MAX_OFFSET}, got ${value}`, 'offset');
  }
  return value;
}

builder.queryFields((t) => ({
  runWindow: t.field({
    type: RunWindowRef,
    extensions: PAGED,
    description:
      'The runs at positions offset .. offset+first-1 of a search (filter and orderBy as in runs). nested: only top-level runs (no parent in the searched experiments) that match or have a matching descendant; with parentRunId, that run\'s children likewise.',
    args: {
      ...scopeArgs,
      orderBy: t.arg.stringList({ description: 'as in runs; derived.duration orders by end - start (RUNNING: until now)' }),
      offset: t.arg.int({ defaultValue: 0 }),
      first: t.arg.int({ defaultValue: 100 }),
      nested: t.arg.boolean({ defaultValue: false }),
      parentRunId: t.arg.id(),
    },
    resolve: async (_root, args, ctx) => {
      const base = {
        experimentIds: args.experimentIds.map(String),
        filter: args.filter,
        orderBy: args.orderBy,
        view: args.view ?? 'ACTIVE_ONLY',
        first: checkFirst(args.first, 1000, 100),
        offset: checkOffset(args.offset),
      };
      if (!args.nested && args.parentRunId == null) {
        const page = await ctx.store.runs.search(base);
        return { offset: base.offset, rows: page.items.map((run) => ({ run, childCount: null })), totalCount: page.totalCount };
      }
      const page = await ctx.store.runs.searchTree({ ...base, parentRunId: args.parentRunId == null ? null : String(args.parentRunId) });
      const counts = await page.childCounts();
      return {
        offset: base.offset,
        rows: page.items.map((run) => ({ run, childCount: counts.get(run.id) ?? 0 })),
        totalCount: page.totalCount,
      };
    },
  }),
  metricRanges: t.field({
    type: [MetricRangeRef],
    extensions: sized({ items: (a) => (Array.isArray(a.keys) ? a.keys.length : 0) }),
    description: 'Per metric key, the lowest and highest latest value over every run the filter matches: the best value of a runs-table column.',
    args: { ...scopeArgs, keys: t.arg.stringList({ required: true }) },
    resolve: (_root, args, ctx) => {
      if (args.keys.length > 1000) throw invalid(`keys: at most 1000 keys, got ${args.keys.length}`, 'keys');
      return ctx.store.runs.metricRanges({
        experimentIds: args.experimentIds.map(String),
        filter: args.filter,
        view: args.view ?? 'ACTIVE_ONLY',
        keys: args.keys,
      });
    },
  }),
}));
