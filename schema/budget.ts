import { type GraphQLFieldResolver, type GraphQLSchema, defaultFieldResolver, getNullableType, isListType, isObjectType } from 'graphql';
import { LimitError, type StoreError, overLimit } from '../db/errors.js';
import { OPERATION_LIMITS } from './limits.js';

/**
 * The execution half of the operation limits (schema/limits.ts estimates before anything runs): every
 * list a resolver returns is counted as it is returned, rows and approximate bytes, against the
 * operation's budget. The first list over the budget fails the operation as a whole (the server
 * answers one error, not a half-filled result), and every list resolver after it fails at once
 * without reading anything, so a run with 100,000 params asked for under 20 aliases costs two reads.
 */
const EXECUTION_LIMITS = {
  rows: OPERATION_LIMITS.rows,
  /** Characters of string values plus 8 per other value, counted one level into each item. */
  bytes: 32 * 1024 * 1024,
};

/** One subscription event's budget (see OPERATION_LIMITS.eventRows). */
const EVENT_LIMITS = { rows: OPERATION_LIMITS.eventRows, bytes: 4 * 1024 * 1024 };

export class OperationBudget {
  private rows = 0;
  private bytes = 0;
  /** Set once a list went over the budget: the error the whole operation answers. */
  exceeded: StoreError | undefined;

  constructor(private limits = EXECUTION_LIMITS) {}

  /** Fails at once when an earlier list already went over the budget. */
  check(): void {
    if (this.exceeded) throw this.exceeded;
  }

  charge(items: readonly unknown[], field: string): void {
    this.rows += items.length;
    this.bytes += approximateBytes(items);
    if (this.rows > this.limits.rows) {
      this.fail(`operation: produces more than ${this.limits.rows} rows (reached at ${field}); ask for smaller pages, fewer points or fewer fields`);
    }
    if (this.bytes > this.limits.bytes) {
      this.fail(`operation: produces more than ${this.limits.bytes} bytes (reached at ${field}); ask for smaller pages or fewer fields`);
    }
  }

  /** Subscriptions: each event is an execution of its own, with the smaller budget of an event. */
  startEvent(): void {
    this.limits = EVENT_LIMITS;
    this.rows = 0;
    this.bytes = 0;
    this.exceeded = undefined;
  }

  /** A limit error from a read (a batched read over its row cap) fails the whole operation too. */
  record(error: unknown): never {
    if (error instanceof LimitError) this.exceeded ??= error;
    throw error;
  }

  private fail(message: string): never {
    this.exceeded = overLimit(message, 'query');
    throw this.exceeded;
  }
}

function approximateBytes(items: readonly unknown[]): number {
  let bytes = 0;
  for (const item of items) {
    if (typeof item === 'string') bytes += item.length;
    else if (item !== null && typeof item === 'object') {
      for (const key in item) {
        const value = (item as Record<string, unknown>)[key];
        bytes += typeof value === 'string' ? value.length : 8;
      }
    } else bytes += 8;
  }
  return bytes;
}

/** Anything that carries an operation's budget (the GraphQL context). */
interface Budgeted {
  budget: OperationBudget;
}

/**
 * Wraps the resolver of every list field of the schema so that what it returns is charged to the
 * operation's budget. Fields that are not lists keep their resolvers untouched (no cost on leaves).
 */
export function withListBudgets(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, Budgeted> = field.resolve ?? defaultFieldResolver;
      const name = `${type.name}.${field.name}`;
      const charged = (items: unknown, budget: OperationBudget) => {
        if (Array.isArray(items)) budget.charge(items, name);
        return items;
      };
      field.resolve = (source, args, context: Budgeted, info) => {
        context.budget.check();
        const result = resolve(source, args, context, info);
        if (!(result instanceof Promise)) return charged(result, context.budget);
        return result.then(
          (items) => charged(items, context.budget),
          (error: unknown) => context.budget.record(error),
        );
      };
    }
  }
  return schema;
}
