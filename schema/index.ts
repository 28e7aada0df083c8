import { lexicographicSortSchema, printSchema } from 'graphql';
import { withListBudgets } from './budget.js';
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
import './metric-events.js';
import './run-events.js';
import './experiment-events.js';

/** The schema, with every list field charging what it returns to the operation's budget. */
export const schema = withListBudgets(builder.toSchema());

/** The committed SDL: sorted, so diffs show real changes only. */
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

export { createContext, type Context, type ServerDeps } from './context.js';
export { maskError } from './errors.js';
