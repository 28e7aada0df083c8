import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MAX_SUBSCRIPTIONS_PER_SOCKET } from '../../api/websocket.js';
import type { InProcessBus } from '../../schema/live/bus.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { type EventQueue, subscribe, wsClient } from '../helpers/ws.js';
import { METRICS_LOGGED, type MetricsLoggedEvent, createRun, logMetrics } from './ops.js';
import { waitFor } from './wait.js';

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = wsClient(server.url);
});

afterAll(async () => {
  await client?.dispose();
  await server?.stop();
});

/** The GraphQL errors a subscription ended with (graphql-ws `error` message). */
async function refusal(queue: EventQueue): Promise<Array<{ message: string; extensions?: { code?: string } }>> {
  await expect(queue.ended()).rejects.toThrow();
  const { error } = queue.endedWith ?? {};
  if (!Array.isArray(error)) throw new Error(`expected GraphQL errors, got ${String(error)}`);
  return error;
}

test('a syntax error or an unknown field answers that subscription only; the socket and its other subscriptions go on', async () => {
  const runId = await createRun(server.url);
  const live = subscribe<MetricsLoggedEvent>(client, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 });
  const broken = await refusal(subscribe(client, 'subscription { metricsLogged(runIds: ['));
  expect(broken[0]?.message).toMatch(/^Syntax Error/);
  expect(broken[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  const unknown = await refusal(subscribe(client, 'subscription { noSuchField }'));
  expect(unknown[0]?.message).toMatch(/noSuchField/);
  expect(unknown[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  await logMetrics(server.url, runId, [{ key: 'loss', value: 1 }]);
  expect((await live.nextData()).metricsLogged.seq).toBe(1);
  live.close();
});

test(`at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection, however fast they are asked for; a completed one frees its slot`, async () => {
  const bus = server.bus as InProcessBus;
  await waitFor(() => bus.subscriberCount === 0, 'earlier subscriptions to end');
  const runId = await createRun(server.url);
  const own = wsClient(server.url);
  try {
    // All sent at once: the server handles them concurrently.
    const queues = Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET + 20 }, () =>
      subscribe<MetricsLoggedEvent>(own, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 }),
    );
    const refused = queues.slice(-20);
    for (const queue of refused) {
      const errors = await refusal(queue);
      expect(errors[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(errors[0]?.message).toMatch(new RegExp(`at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`));
    }
    await waitFor(() => bus.subscriberCount === MAX_SUBSCRIPTIONS_PER_SOCKET, 'the admitted subscriptions to start');
    // Refusals and bad subscriptions do not use up slots; completing one frees it.
    await refusal(subscribe(own, 'subscription {'));
    queues[0]?.close();
    await waitFor(() => bus.subscriberCount === MAX_SUBSCRIPTIONS_PER_SOCKET - 1, 'the completed subscription to end');
    const again = subscribe<MetricsLoggedEvent>(own, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 });
    await logMetrics(server.url, runId, [{ key: 'loss', value: 1 }]);
    expect((await again.nextData()).metricsLogged.seq).toBe(1);
    expect((await queues[1]?.nextData())?.metricsLogged.seq).toBe(1);
  } finally {
    await own.dispose();
  }
  await waitFor(() => bus.subscriberCount === 0, 'the closed socket to release its subscriptions');
});
