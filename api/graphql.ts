import type { IncomingMessage } from 'node:http';
import { GraphQLError, getOperationAST } from 'graphql';
import type { GraphiQLOptions, Plugin, YogaInitialContext } from 'graphql-yoga';
import { createYoga } from 'graphql-yoga';
import { RETRY_AFTER_SECONDS, StoreError } from '../db/errors.js';
import { type Context, type ServerDeps, createContext, maskError, schema } from '../schema/index.js';
import { checkDocumentSource, checkOperationLimits } from '../schema/limits.js';
import { useFastListVariables } from './fast-variables.js';
import type { ReadAnswer, ReadPool } from './reads/pool.js';

const READ_ANSWER = Symbol('read answer');

/**
 * Queries are answered by a read worker (api/reads/pool.ts) running this same handler: the event
 * loop has parsed, validated and costed the operation, the worker executes and serialises it, and its
 * bytes go out as they came. Mutations and subscriptions execute here.
 */
function useReadWorkers(reads: ReadPool): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const { params } = args.contextValue as YogaInitialContext;
      // Over graphql-ws a query's result goes out as a message of its own: it is parsed back (rare: the
      // clients send queries over HTTP and only subscriptions over the socket).
      if ('socket' in (args.contextValue as object)) {
        setExecuteFn(async () => JSON.parse(Buffer.from((await reads.graphql({ params })).body).toString('utf8')));
        return;
      }
      setExecuteFn(async () => ({ [READ_ANSWER]: await reads.graphql({ params }) }));
    },
    onResultProcess({ result, acceptableMediaTypes, setResultProcessor }) {
      const answer = (result as { [READ_ANSWER]?: ReadAnswer })[READ_ANSWER];
      if (!answer) return;
      // The media type yoga's own JSON processor would have chosen for this client.
      const type = acceptableMediaTypes.find((t) => t === 'application/graphql-response+json' || t === 'application/json') ?? 'application/json';
      const headers: Record<string, string> = { ...answer.headers, 'content-type': `${type}; charset=utf-8` };
      if (answer.status === 503) headers['retry-after'] ??= String(RETRY_AFTER_SECONDS);
      setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(answer.body, { status: answer.status, headers }), type);
    },
  };
}

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

/** The GraphQL handler; with `reads`, queries execute on the read workers. */
export function createGraphqlHandler(deps: ServerDeps, reads?: ReadPool) {
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
    plugins: [
      useSourceLimits(),
      useOperationLimits(),
      useWebSocketSubscriptions(),
      ...(reads ? [useReadWorkers(reads)] : []),
      useExecutionBudget(),
      useFastListVariables(),
    ],
  });
}

export type GraphqlHandler = ReturnType<typeof createGraphqlHandler>;
