import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './common.js';
import './experiment.js';
import './run.js';
import './metric.js';
import './logged-model.js';
import './run-bulk.js';
import './run-inputs.js';
import './run-window.js';
import './subscriptions.js';

export const schema = builder.toSchema();

/** The committed SDL: sorted, so diffs show real changes only. */
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

export { createContext, type Context, type ServerDeps } from './context.js';
export { maskError } from './errors.js';
