import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/solid';
import { createClient as createWsClient } from 'graphql-ws';
import { createSignal } from 'solid-js';

/**
 * The dashboard's one GraphQL client: urql (queries and mutations as POST /graphql, subscriptions over
 * graphql-ws on the same path) with a socket that never gives up reconnecting, for a tab left open
 * across server restarts. Events published while the socket was down are gone, so a reconnect is
 * announced: views fed by runChanged / experimentChanged refetch what they show, and live metric
 * subscriptions start again from the last seq they saw (live-metrics.ts).
 */

export type LiveStatus = 'connected' | 'connecting' | 'offline';

const [liveStatus, setLiveStatus] = createSignal<LiveStatus>('connecting');
/** Counts reconnects (0 until the first one): read it in a query's inputs to refetch after one. */
const [reconnects, setReconnects] = createSignal(0);
export { liveStatus, reconnects };

const socketListeners = { closed: new Set<() => void>(), reconnected: new Set<() => void>() };

/** Runs `listener` when the socket goes down / comes back after being down. Returns the unsubscribe. */
export function onSocket(event: keyof typeof socketListeners, listener: () => void): () => void {
  socketListeners[event].add(listener);
  return () => socketListeners[event].delete(listener);
}

const wsUrl = () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;

let everConnected = false;
let down = false;

const ws = createWsClient({
  url: wsUrl,
  // Connect at once, not with the first subscription: the indicator shows whether the server is there.
  lazy: false,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  // 0.3 s, 0.6 s, 1.2 s ... capped at 3 s, with jitter so many tabs do not reconnect in step.
  retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(300 * 2 ** retries, 3000) * (0.75 + Math.random() / 2))),
  keepAlive: 10_000,
  on: {
    connecting: () => setLiveStatus(down ? 'offline' : 'connecting'),
    connected: () => {
      setLiveStatus('connected');
      if (everConnected && down) {
        down = false;
        setReconnects((n) => n + 1);
        for (const listener of socketListeners.reconnected) listener();
      }
      everConnected = true;
      down = false;
    },
    closed: () => {
      setLiveStatus('offline');
      if (!down) {
        down = true;
        for (const listener of socketListeners.closed) listener();
      }
    },
  },
});

export const client = new Client({
  url: '/graphql',
  // POST always: the server executes GET operations only for same-site requests, and POST needs no check.
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});

/** The first GraphQL error's code and message, or the network failure, in one readable line. */
export function errorText(error: { graphQLErrors?: readonly { message: string }[]; networkError?: Error; message: string } | undefined): string | undefined {
  if (!error) return undefined;
  const first = error.graphQLErrors?.[0];
  if (first) return first.message;
  return error.networkError ? `cannot reach the server (${error.networkError.message})` : error.message;
}

export function errorCode(error: { graphQLErrors?: readonly { extensions?: Record<string, unknown> }[] } | undefined): string | undefined {
  const code = error?.graphQLErrors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Runs a query for its data, bypassing the cache; throws the server's message on failure. */
export async function fetchData<Data, Variables extends Record<string, unknown>>(
  document: import('@urql/core').TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.query(document, variables, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) throw new Error(errorText(result.error));
  if (!result.data) throw new Error('the server answered without data');
  return result.data;
}

/** Runs a mutation; throws the server's message on failure. */
export async function mutate<Data, Variables extends Record<string, unknown>>(
  document: import('@urql/core').TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.mutation(document, variables).toPromise();
  if (result.error) throw new Error(errorText(result.error));
  if (!result.data) throw new Error('the server answered without data');
  return result.data;
}
