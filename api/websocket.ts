import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs } from 'graphql';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphqlHandler } from './graphql.js';

/** Subscriptions one connection may hold at once (bounded: each holds a queue and a bus listener). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 200;

/**
 * graphql-ws on the same port and path as HTTP GraphQL, executed through yoga's envelop so plugins
 * (limits, error masking) and context are the same for both transports.
 */
export function createWebSocketServer(yoga: GraphqlHandler, maxPayload: number) {
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const active = new WeakMap<object, number>();
  const release = (socket: object) => {
    active.set(socket, Math.max(0, (active.get(socket) ?? 1) - 1));
  };
  const disposable = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const socket = ctx.extra.socket;
        const count = (active.get(socket) ?? 0) + 1;
        if (count > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`, {
              extensions: { code: 'INVALID_ARGUMENT' },
            }),
          ];
        }
        // Take the slot before any await: a client's subscribe messages are handled concurrently.
        active.set(socket, count);
        // Errors answer this subscription only (onComplete will not run for it: give the slot back).
        const refuse = (errors: readonly GraphQLError[], code: string) => {
          release(socket);
          return errors.map((e) =>
            e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code } }),
          );
        };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket,
          params,
        });
        let document: ExecutionArgs['document'];
        try {
          document = parse(params.query);
        } catch (error) {
          // Thrown out of here, a syntax error would close the socket and every subscription on it.
          return refuse([error instanceof GraphQLError ? error : new GraphQLError(String(error))], 'GRAPHQL_PARSE_FAILED');
        }
        const errors = validate(schema, document);
        if (errors.length) return refuse(errors, 'GRAPHQL_VALIDATION_FAILED');
        try {
          const args: ExecutionArgs & { rootValue: unknown } = {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
          return args;
        } catch (error) {
          release(socket);
          throw error;
        }
      },
      onComplete: (ctx) => release(ctx.extra.socket),
    },
    wss,
  );

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async close() {
      await disposable.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    get clientCount() {
      return wss.clients.size;
    },
  };
}
