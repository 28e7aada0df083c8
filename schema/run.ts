import { RUN_STATUSES, SYSTEM_TAGS } from '../db/store/index.js';
import { builder } from './builder.js';
import {
  LifecycleStage,
  ParamInput,
  ParamRef,
  TagInput,
  TagRef,
  implementConnection,
  searchArgs,
  toConnection,
  toSearch,
  toLifecycleStage,
} from './common.js';
import { HISTORY, MetricInput, MetricRef, checkHistoryArgs, historyArgs } from './metric.js';
import { PAGED, UNBOUNDED } from './limits.js';
import { ExperimentRef, MetricSeriesRef, RunConnectionRef, RunRef } from './refs.js';

const RunStatus = builder.enumType('RunStatus', {
  values: RUN_STATUSES,
});

const ArtifactEntryRef = builder
  .objectRef<{ name: string; path: string; isDir: boolean; size: number | null; modified: number | null }>('ArtifactEntry')
  .implement({
    fields: (t) => ({
      name: t.exposeString('name'),
      path: t.exposeString('path', { description: 'Relative to the run\'s artifact root.' }),
      isDir: t.exposeBoolean('isDir'),
      size: t.field({ type: 'Long', nullable: true, resolve: (e) => e.size }),
      modified: t.field({ type: 'Long', nullable: true, description: 'Epoch ms.', resolve: (e) => e.modified }),
    }),
  });

implementConnection(RunConnectionRef, RunRef, 'RunEdge');

RunRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    experimentId: t.exposeID('experimentId'),
    experiment: t.field({
      type: ExperimentRef,
      resolve: async (run, _a, ctx) => {
        const experiment = await ctx.loaders.experiment.load(run.experimentId);
        if (!experiment) throw new Error(`run ${run.id} refers to a missing experiment ${run.experimentId}`);
        return experiment;
      },
    }),
    status: t.field({ type: RunStatus, resolve: (run) => run.status }),
    startTime: t.field({ type: 'Long', resolve: (run) => run.startTime }),
    endTime: t.field({ type: 'Long', nullable: true, resolve: (run) => run.endTime }),
    userId: t.exposeString('userId'),
    lifecycleStage: t.field({ type: LifecycleStage, resolve: (run) => toLifecycleStage(run.lifecycleStage) }),
    artifactUri: t.exposeString('artifactUri'),
    parentRunId: t.exposeID('parentRunId', { nullable: true }),
    parent: t.field({
      type: RunRef,
      nullable: true,
      resolve: async (run, _a, ctx) => (run.parentRunId ? ((await ctx.loaders.run.load(run.parentRunId)) ?? null) : null),
    }),
    children: t.field({ type: [RunRef], extensions: UNBOUNDED, resolve: (run, _a, ctx) => ctx.loaders.children.load(run.id) }),
    params: t.field({ type: [ParamRef], extensions: UNBOUNDED, resolve: (run, _a, ctx) => ctx.loaders.params.load(run.id) }),
    tags: t.field({ type: [TagRef], extensions: UNBOUNDED, resolve: (run, _a, ctx) => ctx.loaders.tags.load(run.id) }),
    note: t.string({
      nullable: true,
      description: `The run's description (markdown): tag ${SYSTEM_TAGS.note}.`,
      resolve: async (run, _a, ctx) => (await ctx.loaders.tags.load(run.id)).find((tag) => tag.key === SYSTEM_TAGS.note)?.value ?? null,
    }),
    latestMetrics: t.field({ type: [MetricRef], extensions: UNBOUNDED, resolve: (run, _a, ctx) => ctx.loaders.latestMetrics.load(run.id) }),
    metric: t.field({
      type: MetricRef,
      nullable: true,
      args: { key: t.arg.string({ required: true }) },
      resolve: async (run, args, ctx) => (await ctx.loaders.latestMetrics.load(run.id)).find((m) => m.key === args.key) ?? null,
    }),
    history: t.field({
      type: MetricSeriesRef,
      args: { key: t.arg.string({ required: true }), ...historyArgs },
      extensions: HISTORY,
      resolve: async (run, args, ctx) => {
        const [series] = await ctx.store.history.series([run.id], args.key, checkHistoryArgs(args));
        return series as NonNullable<typeof series>;
      },
    }),
    artifacts: t.field({
      type: [ArtifactEntryRef],
      args: { path: t.arg.string({ defaultValue: '' }) },
      extensions: UNBOUNDED,
      resolve: (run, args, ctx) => (ctx.artifacts ? ctx.artifacts.listRunArtifacts(run, args.path ?? '') : []),
    }),
  }),
});

builder.queryFields((t) => ({
  run: t.field({
    type: RunRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => (await ctx.loaders.run.load(String(args.id))) ?? null,
  }),
  runs: t.field({
    type: RunConnectionRef,
    description: "Runs of one or more experiments; filter and orderBy use MLflow's search syntax.",
    args: { experimentIds: t.arg.idList({ required: true }), ...searchArgs },
    extensions: PAGED,
    resolve: async (_root, args, ctx) =>
      toConnection(await ctx.store.runs.search({ experimentIds: args.experimentIds.map(String), ...toSearch(args) })),
  }),
}));

builder.mutationFields((t) => ({
  createRun: t.field({
    type: RunRef,
    args: {
      experimentId: t.arg.id({ required: true }),
      name: t.arg.string(),
      startTime: t.arg({ type: 'Long' }),
      tags: t.arg({ type: [TagInput] }),
      parentRunId: t.arg.id(),
    },
    resolve: (_root, args, ctx) =>
      ctx.store.runs.create({
        experimentId: String(args.experimentId),
        name: args.name,
        startTime: args.startTime,
        tags: args.tags ?? [],
        parentRunId: args.parentRunId == null ? null : String(args.parentRunId),
      }),
  }),
  updateRun: t.field({
    type: RunRef,
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: RunStatus }), endTime: t.arg({ type: 'Long' }), name: t.arg.string() },
    resolve: (_root, args, ctx) =>
      ctx.store.runs.update(String(args.id), { status: args.status, endTime: args.endTime, name: args.name }),
  }),
  deleteRun: t.field({
    type: RunRef,
    description: 'Soft delete; deleting a deleted run is a no-op.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.runs.delete(String(args.id)),
  }),
  restoreRun: t.field({
    type: RunRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.runs.restore(String(args.id)),
  }),
  logParam: t.field({
    type: RunRef,
    description: 'Params are immutable: logging the same value again is a no-op, another value is INVALID_ARGUMENT.',
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await ctx.store.log.param(String(args.runId), args.key, args.value)).run,
  }),
  logMetric: t.field({
    type: RunRef,
    args: {
      runId: t.arg.id({ required: true }),
      key: t.arg.string({ required: true }),
      value: t.arg({ type: 'MetricValue', required: true }),
      step: t.arg({ type: 'Long' }),
      timestamp: t.arg({ type: 'Long' }),
    },
    resolve: async (_root, args, ctx) =>
      (await ctx.store.log.metric(String(args.runId), { key: args.key, value: args.value, step: args.step, timestamp: args.timestamp })).run,
  }),
  logBatch: t.field({
    type: RunRef,
    description: 'Metrics (at most 1,000), params (100) and tags (100) in one transaction: all of it is written, or none.',
    args: {
      runId: t.arg.id({ required: true }),
      metrics: t.arg({ type: [MetricInput] }),
      params: t.arg({ type: [ParamInput] }),
      tags: t.arg({ type: [TagInput] }),
    },
    resolve: async (_root, args, ctx) =>
      (await ctx.store.log.batch(String(args.runId), { metrics: args.metrics ?? [], params: args.params ?? [], tags: args.tags ?? [] })).run,
  }),
  setTag: t.field({
    type: RunRef,
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await ctx.store.log.tag(String(args.runId), args.key, args.value)).run,
  }),
  deleteTag: t.field({
    type: RunRef,
    args: { runId: t.arg.id({ required: true }), key: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.log.deleteTag(String(args.runId), args.key),
  }),
}));
