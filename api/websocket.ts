import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs } from 'graphql';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphqlHandler } from './graphql.js';

/** Subscriptions one connection may hold at once (peers.md section 4: cap them per connection). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 200;

/**
 * graphql-ws on the same port and path as HTTP GraphQL, executed through yoga's envelop so plugins
 * (limits, error masking) and context are the same for both transports.
 */
export function createWebSocketServer(yoga: GraphqlHandler, maxPayload: number) {
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const active = new WeakMap<object, number>();
  const disposable = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const count = (active.get(ctx.extra.socket) ?? 0) + 1;
        if (count > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`, {
              extensions: { code: 'INVALID_ARGUMENT' },
            }),
          ];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const args: ExecutionArgs & { rootValue: unknown } = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        active.set(ctx.extra.socket, count);
        return args;
      },
      onComplete: (ctx) => {
        active.set(ctx.extra.socket, Math.max(0, (active.get(ctx.extra.socket) ?? 1) - 1));
      },
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
