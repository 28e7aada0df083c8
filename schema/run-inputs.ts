import DataLoader from 'dataloader';
import type { RunInputs } from '../db/store/index.js';
import { builder } from './builder.js';
import { TagRef } from './common.js';
import type { Context } from './context.js';
import { UNBOUNDED } from './limits.js';
import { RunRef } from './refs.js';

/** A run's inputs as MLflow's log-inputs records them: datasets (with input tags) and MLflow 3 model inputs. */

type DatasetInputShape = RunInputs['datasetInputs'][number];

const DatasetRef = builder.objectRef<DatasetInputShape['dataset']>('Dataset').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    digest: t.exposeString('digest'),
    sourceType: t.exposeString('sourceType'),
    source: t.exposeString('source'),
    schema: t.exposeString('schema', { nullable: true }),
    profile: t.exposeString('profile', { nullable: true }),
  }),
});

const DatasetInputRef = builder.objectRef<DatasetInputShape>('DatasetInput').implement({
  fields: (t) => ({
    dataset: t.field({ type: DatasetRef, resolve: (d) => d.dataset }),
    tags: t.field({ type: [TagRef], extensions: UNBOUNDED, description: 'Input tags, e.g. mlflow.data.context = training.', resolve: (d) => d.tags }),
  }),
});

const ModelInputRef = builder.objectRef<{ modelId: string }>('ModelInput').implement({
  fields: (t) => ({ modelId: t.exposeID('modelId') }),
});

const RunInputsRef = builder.objectRef<RunInputs>('RunInputs').implement({
  fields: (t) => ({
    datasetInputs: t.field({ type: [DatasetInputRef], extensions: UNBOUNDED, resolve: (i) => i.datasetInputs }),
    modelInputs: t.field({ type: [ModelInputRef], extensions: UNBOUNDED, resolve: (i) => i.modelInputs }),
  }),
});

// One loader per operation (keyed on its loaders): a page of runs reads its inputs in one query.
const inputLoaders = new WeakMap<object, DataLoader<string, RunInputs>>();

function inputsLoader(ctx: Context): DataLoader<string, RunInputs> {
  let loader = inputLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(
      async (runIds) => {
        const map = await ctx.store.inputs.of(runIds);
        return runIds.map((id) => map.get(id) ?? { datasetInputs: [], modelInputs: [] });
      },
      { cache: false },
    );
    inputLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

builder.objectField(RunRef, 'inputs', (t) =>
  t.field({
    type: RunInputsRef,
    description: 'Datasets and models the run used (MLflow log-inputs).',
    resolve: (run, _a, ctx) => inputsLoader(ctx).load(run.id),
  }),
);
