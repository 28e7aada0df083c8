import type { Experiment } from '../db/store/index.js';
import { builder } from './builder.js';
import {
  type ConnectionShape,
  LifecycleStage,
  TagInput,
  TagRef,
  implementConnection,
  searchArgs,
  toConnection,
  toSearch,
  toLifecycleStage,
} from './common.js';
import { PAGED, UNBOUNDED } from './limits.js';
import { ExperimentRef, RunConnectionRef } from './refs.js';

const ExperimentConnectionRef = builder.objectRef<ConnectionShape<Experiment>>('ExperimentConnection');
implementConnection(ExperimentConnectionRef, ExperimentRef, 'ExperimentEdge');

ExperimentRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    artifactLocation: t.exposeString('artifactLocation'),
    lifecycleStage: t.field({ type: LifecycleStage, resolve: (e) => toLifecycleStage(e.lifecycleStage) }),
    creationTime: t.field({ type: 'Long', resolve: (e) => e.creationTime }),
    lastUpdateTime: t.field({ type: 'Long', resolve: (e) => e.lastUpdateTime }),
    tags: t.field({ type: [TagRef], extensions: UNBOUNDED, resolve: (e, _a, ctx) => ctx.loaders.experimentTags.load(e.id) }),
    runCount: t.int({
      description: 'Active runs in this experiment.',
      resolve: async (e, _a, ctx) => (await ctx.loaders.experimentStats.load(e.id)).runCount,
    }),
    lastRunStartTime: t.field({
      type: 'Long',
      nullable: true,
      resolve: async (e, _a, ctx) => (await ctx.loaders.experimentStats.load(e.id)).lastRunStartTime,
    }),
    paramKeys: t.stringList({
      description: 'Param keys used by the active runs, sorted.',
      extensions: UNBOUNDED,
      resolve: (e, _a, ctx) => ctx.loaders.paramKeys.load(e.id),
    }),
    metricKeys: t.stringList({
      description: 'Metric keys logged by the active runs, sorted.',
      extensions: UNBOUNDED,
      resolve: (e, _a, ctx) => ctx.loaders.metricKeys.load(e.id),
    }),
    runs: t.field({
      type: RunConnectionRef,
      args: searchArgs,
      extensions: PAGED,
      resolve: async (e, args, ctx) =>
        toConnection(await ctx.store.runs.search({ experimentIds: [e.id], ...toSearch(args) })),
    }),
  }),
});

builder.queryFields((t) => ({
  experiments: t.field({
    type: ExperimentConnectionRef,
    args: searchArgs,
    extensions: PAGED,
    resolve: async (_root, args, ctx) =>
      toConnection(await ctx.store.experiments.search(toSearch(args))),
  }),
  experiment: t.field({
    type: ExperimentRef,
    nullable: true,
    description: 'An experiment by id or by name (active or deleted).',
    args: { id: t.arg.id(), name: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      if (args.id != null) return (await ctx.store.experiments.get(String(args.id))) ?? null;
      if (args.name != null) return (await ctx.store.experiments.getByName(args.name)) ?? null;
      return null;
    },
  }),
}));

builder.mutationFields((t) => ({
  createExperiment: t.field({
    type: ExperimentRef,
    args: { name: t.arg.string({ required: true }), artifactLocation: t.arg.string(), tags: t.arg({ type: [TagInput] }) },
    resolve: (_root, args, ctx) =>
      ctx.store.experiments.create({ name: args.name, artifactLocation: args.artifactLocation ?? undefined, tags: args.tags ?? [] }),
  }),
  renameExperiment: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }), name: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.experiments.rename(String(args.id), args.name),
  }),
  deleteExperiment: t.field({
    type: ExperimentRef,
    description: 'Soft delete; cascades to its runs. Deleting a deleted experiment is a no-op.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.experiments.delete(String(args.id), 'ok'),
  }),
  restoreExperiment: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.experiments.restore(String(args.id), 'ok'),
  }),
  setExperimentTag: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }), key: t.arg.string({ required: true }), value: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.experiments.setTag(String(args.id), args.key, args.value),
  }),
  deleteExperimentTag: t.field({
    type: ExperimentRef,
    args: { id: t.arg.id({ required: true }), key: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.store.experiments.deleteTag(String(args.id), args.key),
  }),
}));
