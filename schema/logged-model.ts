import DataLoader from 'dataloader';
import type { LoggedModelDetails } from '../db/store/index.js';
import { builder } from './builder.js';
import { ParamRef, TagRef } from './common.js';
import type { Context } from './context.js';
import { UNBOUNDED } from './limits.js';
import { ExperimentRef, RunRef } from './refs.js';

/**
 * MLflow 3 logged models (logged through the MLflow REST API by `mlflow.<flavor>.log_model`), and the
 * models each run produced: the models it is the source of and those it declared as outputs.
 */

const LoggedModelStatus = builder.enumType('LoggedModelStatus', {
  values: ['UNSPECIFIED', 'PENDING', 'READY', 'UPLOAD_FAILED'] as const,
});

const toStatus = (status: string) =>
  (status.replace(/^LOGGED_MODEL_(STATUS_)?/, '') || 'UNSPECIFIED') as 'UNSPECIFIED' | 'PENDING' | 'READY' | 'UPLOAD_FAILED';

type ModelMetricShape = LoggedModelDetails['metrics'][number];

const LoggedModelMetricRef = builder.objectRef<ModelMetricShape>('LoggedModelMetric').implement({
  description: 'A metric linked to a logged model (MLflow 3 log-batch with model_id).',
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.field({ type: 'MetricValue', resolve: (m) => m.value }),
    step: t.field({ type: 'Long', resolve: (m) => m.step }),
    timestamp: t.field({ type: 'Long', resolve: (m) => m.timestamp }),
    runId: t.exposeID('runId'),
    datasetName: t.string({ nullable: true, resolve: (m) => m.datasetName || null }),
    datasetDigest: t.string({ nullable: true, resolve: (m) => m.datasetDigest || null }),
  }),
});

const LoggedModelRef = builder.objectRef<LoggedModelDetails>('LoggedModel').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    experimentId: t.exposeID('experimentId'),
    experiment: t.field({
      type: ExperimentRef,
      nullable: true,
      resolve: async (m, _a, ctx) => (await ctx.loaders.experiment.load(m.experimentId)) ?? null,
    }),
    artifactUri: t.exposeString('artifactUri'),
    status: t.field({ type: LoggedModelStatus, resolve: (m) => toStatus(m.status) }),
    statusMessage: t.exposeString('statusMessage', { nullable: true }),
    modelType: t.exposeString('modelType'),
    sourceRunId: t.exposeID('sourceRunId', { nullable: true }),
    sourceRun: t.field({
      type: RunRef,
      nullable: true,
      resolve: async (m, _a, ctx) => (m.sourceRunId ? ((await ctx.loaders.run.load(m.sourceRunId)) ?? null) : null),
    }),
    creationTime: t.field({ type: 'Long', resolve: (m) => m.creationTime }),
    lastUpdatedTime: t.field({ type: 'Long', resolve: (m) => m.lastUpdatedTime }),
    params: t.field({ type: [ParamRef], extensions: UNBOUNDED, resolve: (m) => m.params }),
    tags: t.field({ type: [TagRef], extensions: UNBOUNDED, resolve: (m) => m.tags }),
    metrics: t.field({ type: [LoggedModelMetricRef], extensions: UNBOUNDED, resolve: (m) => m.metrics }),
  }),
});

// One loader per operation (keyed on its loaders), batching the runs of one tick into one read. It keeps
// no cache, so a subscription, which resets its loaders per event, never sees stale models.
const modelLoaders = new WeakMap<object, DataLoader<string, LoggedModelDetails[]>>();

function loggedModelsLoader(ctx: Context): DataLoader<string, LoggedModelDetails[]> {
  let loader = modelLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(
      async (runIds) => {
        const rows = await ctx.store.models.ofRuns(runIds);
        return runIds.map((id) => rows.filter((r) => r.runId === id).map((r) => r.model));
      },
      { cache: false },
    );
    modelLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

builder.objectField(RunRef, 'loggedModels', (t) =>
  t.field({
    type: [LoggedModelRef],
    description: 'MLflow 3 logged models this run produced (its source runs and declared outputs), oldest first.',
    extensions: UNBOUNDED,
    resolve: (run, _a, ctx) => loggedModelsLoader(ctx).load(run.id),
  }),
);

builder.queryField('loggedModel', (t) =>
  t.field({
    type: LoggedModelRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => (await ctx.store.models.get(String(args.id))) ?? null,
  }),
);
