import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PG_URL, REDIS_URL, createPgSchema } from '../helpers/db.js';
import { type TestServer, startTestServer } from '../helpers/server.js';

// A team's setup: several servers on one Postgres, live events shared through Redis.
describe.skipIf(!PG_URL || !REDIS_URL)('two servers sharing Postgres and Redis (set TRACKLINE_TEST_PG_URL and TRACKLINE_TEST_REDIS_URL)', () => {
  let schema: Awaited<ReturnType<typeof createPgSchema>>;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    schema = await createPgSchema();
    a = await startTestServer({ db: schema.url, redisUrl: REDIS_URL });
    b = await startTestServer({ db: schema.url, redisUrl: REDIS_URL });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await schema?.drop();
  });

  it('a metric logged on one server reaches a subscriber of the other, NaN included, in seq order', async () => {
    const { createExperiment } = await a.ok(`mutation { createExperiment(name: "shared") { id } }`);
    const { createRun } = await a.ok(`mutation($e: ID!) { createRun(experimentId: $e) { id } }`, { e: createExperiment.id });
    const client = createClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: Array<{ seq: number; metrics: Array<{ value: unknown; step: number }> }> = [];
    const done = new Promise<void>((resolve, reject) => {
      const unsubscribe = client.subscribe<{ metricsLogged: (typeof received)[number] }>(
        { query: 'subscription($r: [ID!]!) { metricsLogged(runIds: $r) { seq metrics { value step } } }', variables: { r: [createRun.id] } },
        {
          next: (result) => {
            if (result.errors) reject(new Error(JSON.stringify(result.errors)));
            received.push(result.data!.metricsLogged);
            if (received.length === 3) {
              unsubscribe();
              resolve();
            }
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    // Give the subscription time to be set up on server b before writing on server a.
    await new Promise((r) => setTimeout(r, 300));
    for (const [step, value] of [[0, 1.5], [1, 'NaN'], [2, '-Infinity']] as const) {
      await a.ok(`mutation($r: ID!, $v: MetricValue!, $s: Long) { logMetric(runId: $r, key: "loss", value: $v, step: $s) { id } }`, {
        r: createRun.id,
        v: value,
        s: step,
      });
    }
    await done;
    await client.dispose();
    expect(received.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(received.map((e) => e.metrics[0]!.value)).toEqual([1.5, 'NaN', '-Infinity']);
    // Server b reads what server a wrote: one database.
    const { run } = await b.ok(`query($r: ID!) { run(id: $r) { latestMetrics { key value step } } }`, { r: createRun.id });
    expect(run.latestMetrics).toEqual([{ key: 'loss', value: '-Infinity', step: 2 }]);
  });
});
