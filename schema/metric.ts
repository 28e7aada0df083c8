import {
  type HistoryWindow,
  MAX_HISTORY_RUNS,
  MAX_POINTS_LIMIT,
  type MetricPoint,
  type SeriesPoint,
  decodePointCursor,
  encodePointCursor,
} from '../db/store/index.js';
import { builder } from './builder.js';
import { PageInfoRef, checkFirst } from './common.js';
import { INHERITED, sized } from './limits.js';
import { MetricSeriesRef } from './refs.js';

export const MetricRef = builder.objectRef<MetricPoint>('Metric').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.field({ type: 'MetricValue', resolve: (m) => m.value }),
    step: t.field({ type: 'Long', resolve: (m) => m.step }),
    timestamp: t.field({ type: 'Long', resolve: (m) => m.timestamp }),
  }),
});

export const MetricInput = builder.inputType('MetricInput', {
  description: 'step defaults to 0, timestamp to the time the server receives it.',
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.field({ type: 'MetricValue', required: true }),
    step: t.field({ type: 'Long' }),
    timestamp: t.field({ type: 'Long' }),
  }),
});

const MetricPointRef = builder.objectRef<SeriesPoint>('MetricPoint').implement({
  description: 'A point of a series; when sampled, the last point of its bucket plus the bucket\'s min, max and count.',
  fields: (t) => ({
    step: t.field({ type: 'Long', resolve: (p) => p.step }),
    timestamp: t.field({ type: 'Long', resolve: (p) => p.timestamp }),
    value: t.field({ type: 'MetricValue', resolve: (p) => p.value }),
    min: t.field({ type: 'MetricValue', nullable: true, resolve: (p) => p.min }),
    max: t.field({ type: 'MetricValue', nullable: true, resolve: (p) => p.max }),
    count: t.int({ nullable: true, resolve: (p) => p.count }),
  }),
});

MetricSeriesRef.implement({
  fields: (t) => ({
    runId: t.exposeID('runId'),
    key: t.exposeString('key'),
    totalPoints: t.int({ description: 'Points inside the window.', resolve: (s) => s.totalPoints }),
    sampled: t.exposeBoolean('sampled'),
    bucketWidth: t.field({ type: 'Long', nullable: true, resolve: (s) => s.bucketWidth }),
    lastSeq: t.field({
      type: 'Long',
      description: 'The run\'s metric seq this history was read at: subscribe with sinceSeq: lastSeq to continue it.',
      resolve: (s) => s.lastSeq,
    }),
    points: t.field({ type: [MetricPointRef], extensions: INHERITED, resolve: (s) => s.points }),
  }),
});

export const historyArgs = builder.args((t) => ({
  maxPoints: t.int({ defaultValue: 1000 }),
  minStep: t.field({ type: 'Long' }),
  maxStep: t.field({ type: 'Long' }),
}));

/** A downsampled series has at most maxPoints points (an out-of-range maxPoints gets the store's own error). */
const seriesPoints = (args: Record<string, unknown>) => Math.min(typeof args.maxPoints === 'number' ? args.maxPoints : 0, MAX_POINTS_LIMIT);
export const HISTORY = sized({ childItems: seriesPoints });

export function checkHistoryArgs(args: { maxPoints?: number | null; minStep?: number | null; maxStep?: number | null }): HistoryWindow {
  return { maxPoints: args.maxPoints ?? 1000, minStep: args.minStep, maxStep: args.maxStep };
}


interface PointEdge {
  cursor: string;
  node: SeriesPoint;
}
const MetricPointEdgeRef = builder.objectRef<PointEdge>('MetricPointEdge').implement({
  fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: MetricPointRef, resolve: (e) => e.node }) }),
});
const MetricPointConnectionRef = builder
  .objectRef<{ edges: PointEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number }>(
    'MetricPointConnection',
  )
  .implement({
    fields: (t) => ({
      edges: t.field({ type: [MetricPointEdgeRef], extensions: INHERITED, resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
      totalCount: t.exposeInt('totalCount'),
    }),
  });

builder.queryFields((t) => ({
  metricHistory: t.field({
    type: MetricSeriesRef,
    description: 'A series downsampled to at most maxPoints aligned power-of-two step buckets (min, max and count kept).',
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }), ...historyArgs },
    extensions: HISTORY,
    resolve: async (_root, args, ctx) => {
      const [series] = await ctx.store.history.series([String(args.runId)], args.key, checkHistoryArgs(args));
      return series as NonNullable<typeof series>;
    },
  }),
  metricHistories: t.field({
    type: [MetricSeriesRef],
    description: `metricHistory for many runs at once (at most ${MAX_HISTORY_RUNS}), from one snapshot.`,
    args: { runIds: t.arg.idList({ required: true }), key: t.arg.string({ required: true }), ...historyArgs },
    extensions: sized({ items: (args) => (Array.isArray(args.runIds) ? args.runIds.length : 0), childItems: seriesPoints }),
    resolve: (_root, args, ctx) => ctx.store.history.series(args.runIds.map(String), args.key, checkHistoryArgs(args)),
  }),
  metricPoints: t.field({
    type: MetricPointConnectionRef,
    description: 'The exact raw series, paged in (step, timestamp) order.',
    args: {
      runId: t.arg.id({ required: true }),
      key: t.arg.string({ required: true }),
      first: t.arg.int({ defaultValue: 10_000 }),
      after: t.arg.string(),
    },
    extensions: sized({ childItems: (args) => (typeof args.first === 'number' ? args.first : 0) }),
    resolve: async (_root, args, ctx) => {
      const first = checkFirst(args.first, 25_000, 10_000);
      const after = args.after == null ? undefined : decodePointCursor(args.after);
      const page = await ctx.store.history.points(String(args.runId), args.key, first, after);
      const edges = page.points.map((p) => ({
        cursor: encodePointCursor(p),
        node: { key: args.key, step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value, min: null, max: null, count: null },
      }));
      return {
        edges,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges[edges.length - 1]?.cursor ?? null },
        totalCount: page.totalCount,
      };
    },
  }),
}));
