import { notFound } from '../db/errors.js';
import { EXPERIMENT_CHANGES, type Experiment, type ExperimentChange, type StoreEvent } from '../db/store/index.js';
import { builder } from './builder.js';
import { startEvent } from './context.js';
import { StateSource } from './live/state-source.js';
import { ExperimentRef } from './refs.js';

/** experimentChanged: experiments created, renamed, deleted, restored, tagged, or whose runs changed. */

const ExperimentChangeEnum = builder.enumType('ExperimentChange', { values: EXPERIMENT_CHANGES });

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

builder.subscriptionFields((t) => ({
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
