import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { createYoga } from 'graphql-yoga';
import { StoreError } from '../db/errors.js';
import { type Context, type ServerDeps, createContext, maskError, schema } from '../schema/index.js';
import { checkDocumentSource, checkOperationLimits } from '../schema/limits.js';
import { useFastListVariables } from './fast-variables.js';

/** Refuses a document too long or too deeply nested before graphql-js's (recursive) parser sees it. */
function useSourceLimits(): Plugin {
  return {
    onParse({ params }) {
      const source: unknown = params.source;
      const text = typeof source === 'string' ? source : (source as { body?: unknown } | null)?.body;
      if (typeof text !== 'string') return;
      try {
        checkDocumentSource(text);
      } catch (error) {
        throw error instanceof StoreError ? maskError(error, error.message) : error;
      }
    },
  };
}

/**
 * An operation whose lists went over its execution budget (schema/budget.ts) answers that one error,
 * not a result half made of nulls.
 */
function useExecutionBudget(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ setResult }) {
          const exceeded = (args.contextValue as Partial<Context>).budget?.exceeded;
          if (exceeded) setResult({ data: null, errors: [maskError(exceeded, exceeded.message)] });
        },
      };
    },
  };
}

/** Subscriptions go over graphql-ws only, where the per-socket limits apply; never as HTTP responses. */
function useWebSocketSubscriptions(): Plugin {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      if ('socket' in (args.contextValue as object)) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError('subscriptions are served over WebSocket (graphql-ws) at /graphql', { extensions: { code: 'INVALID_ARGUMENT' } }),
        ],
      });
    },
  };
}

/** Refuses over-deep, over-wide or over-costly operations before they run, over HTTP and WebSocket. */
function useOperationLimits(): Plugin {
  const check = (args: { schema: typeof schema; document: any; operationName?: string | null; variableValues?: any }) => {
    try {
      checkOperationLimits(args.schema, args.document, args.operationName, args.variableValues);
      return undefined;
    } catch (error) {
      if (error instanceof StoreError) return { errors: [maskError(error, error.message)] };
      throw error;
    }
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution(refused as any);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution(refused as any);
    },
  };
}

/**
 * The GraphiQL bundle is 9 MB of JavaScript, about 80 MB of server memory once loaded (npm run bench,
 * "(f)"): it is loaded the first time someone opens GraphiQL, not at every start.
 */
async function renderGraphiQLOnDemand(options: GraphiQLOptions) {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(options);
}

export function createGraphqlHandler(deps: ServerDeps) {
  return createYoga<{ req?: IncomingMessage }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // The server checks Origin itself (api/guard.ts): yoga's permissive default CORS stays off.
    cors: false,
    landingPage: false,
    batching: false,
    graphiql: { title: 'trackline', subscriptionsProtocol: 'WS' },
    // GraphiQL's assets come from the package, not a CDN: it works on a machine without internet.
    renderGraphiQL: renderGraphiQLOnDemand,
    maskedErrors: { maskError },
    logging: false,
    context: () => createContext(deps),
    plugins: [useSourceLimits(), useOperationLimits(), useWebSocketSubscriptions(), useExecutionBudget(), useFastListVariables()],
  });
}

export type GraphqlHandler = ReturnType<typeof createGraphqlHandler>;
