import { performance } from 'node:perf_hooks';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createRuns } from '../lib/fixtures.js';
import { HttpClient, parseGraphql } from '../lib/http-client.js';
import { startServerProcess } from '../lib/server-process.js';
import { tempDir } from '../lib/tmp.js';

const SUBSCRIPTION = 'subscription Live($runId: ID!) { metricsLogged(runIds: [$runId]) { seq metrics { step value } } }';
const LOG = 'mutation Log($runId: ID!, $metrics: [MetricInput!]) { logBatch(runId: $runId, metrics: $metrics) { id } }';

/**
 * Log-to-subscriber latency: `subscribers` graphql-ws clients (one WebSocket each, like browser tabs)
 * subscribe to one run; single-point batches are logged one at a time, and each subscriber's receipt is
 * timed from just before the HTTP request was sent (one process, one clock).
 */
export async function liveLatency(options: { subscribers: number; writes: number; gapMs: number }) {
  const dir = tempDir('live');
  const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'live' });
  const http = new HttpClient(server.url, 1);
  const clients: Client[] = [];
  try {
    const [runId] = (await createRuns(http, 'live', 1)).runIds as [string];
    const arrivals = new Map<number, number[]>();
    const waiters = new Map<number, () => void>();
    const onEvent = (step: number) => {
      const list = arrivals.get(step) ?? [];
      list.push(performance.now());
      arrivals.set(step, list);
      if (list.length === options.subscribers) waiters.get(step)?.();
    };
    for (let s = 0; s < options.subscribers; s++) {
      const client = createClient({ url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
      clients.push(client);
      client.subscribe<{ metricsLogged: { metrics: { step: number }[] } }>(
        { query: SUBSCRIPTION, variables: { runId } },
        {
          next: (result) => {
            for (const m of result.data?.metricsLogged.metrics ?? []) onEvent(m.step);
          },
          error: (error) => process.stderr.write(`live bench: subscription error ${JSON.stringify(error)}\n`),
          complete: () => undefined,
        },
      );
    }
    const log = async (step: number) => {
      const body = JSON.stringify({ query: LOG, variables: { runId, metrics: [{ key: 'loss', value: step / 1000, step, timestamp: Date.now() }] } });
      const everyone = new Promise<void>((resolve, reject) => {
        waiters.set(step, resolve);
        setTimeout(() => reject(new Error(`live bench: step ${step} reached ${arrivals.get(step)?.length ?? 0} of ${options.subscribers} subscribers within 10 s`)), 10_000).unref();
      });
      const sent = performance.now();
      parseGraphql(await http.post('/graphql', body));
      const answered = performance.now();
      await everyone;
      waiters.delete(step);
      return { sent, answered };
    };
    await warmUp(log, arrivals, options.subscribers);
    const latencies: number[] = [];
    const responses: number[] = [];
    const firstArrivals: number[] = [];
    for (let step = 0; step < options.writes; step++) {
      const { sent, answered } = await log(step);
      const at = arrivals.get(step) ?? [];
      for (const t of at) latencies.push(t - sent);
      responses.push(answered - sent);
      firstArrivals.push(Math.min(...at) - sent);
      await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
    return { latencies, responses, firstArrivals };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    http.close();
    await server.stop();
    dir.remove();
  }
}

/** Subscriptions start asynchronously: log (negative steps) until every subscriber hears a write. */
async function warmUp(log: (step: number) => Promise<unknown>, arrivals: Map<number, number[]>, subscribers: number) {
  for (let step = -1; step > -200; step--) {
    const done = log(step).then(
      () => true,
      () => false,
    );
    const everyone = await Promise.race([done, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200))]);
    if (everyone && (arrivals.get(step)?.length ?? 0) === subscribers) return;
  }
  throw new Error('live bench: the subscriptions did not all start');
}
