import type { Experiment, MetricSeries, Run } from '../db/store/index.js';
import { builder } from './builder.js';
import type { ConnectionShape } from './common.js';

// Declared here and implemented in their domain files, so domain files can refer to each other's types
// without import cycles.
export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
export const RunRef = builder.objectRef<Run>('Run');
export const RunConnectionRef = builder.objectRef<ConnectionShape<Run>>('RunConnection');
export const MetricSeriesRef = builder.objectRef<MetricSeries>('MetricSeries');
