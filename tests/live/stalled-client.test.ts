import { afterAll, beforeAll, expect, test } from 'vitest';
import { ChildServer } from './child-server.js';
import { KeepAliveClient, acknowledged } from './http-client.js';
import { ok } from '../helpers/graphql.js';
import { LOG_BATCH, createRun } from './ops.js';
import { RawGraphqlWs } from './raw-ws-client.js';

/** Writes logged while the client is stalled: more than a subscription queues (1,000 writes) before catching up. */
const WRITES = 2_000;
const POINTS_PER_WRITE = 10;
const WRITERS = 4;
/**
 * Each runChanged event selects the run's params: 20 values of 5,000 characters, about 100 KB per
 * event. Buffering the stalled client's output would take WRITES x 100 KB = about 200 MB; the server
 * must instead stop producing while the socket is full.
 */
const HEAVY_PARAMS = Array.from({ length: 20 }, (_, i) => ({ key: `blob${i}`, value: String(i % 10).repeat(5_000) }));
const RSS_GROWTH_LIMIT = 120 * 1024 * 1024;

const METRICS = `subscription($runIds: [ID!]!, $sinceSeq: Long) {
  metricsLogged(runIds: $runIds, sinceSeq: $sinceSeq) { runId seq metrics { step } }
}`;
const RUNS = `subscription($e: ID!) {
  runChanged(experimentId: $e) { kinds run { id params { key value } latestMetrics { key step } } metrics { key step } }
}`;

let server: ChildServer;

beforeAll(async () => {
  server = await ChildServer.start();
});

afterAll(async () => {
  await server?.dispose();
});

/** Logs WRITES batches over a few keep-alive connections; write w holds steps w*10 .. w*10+9. */
async function logManyBatches(runId: string, firstWrite: number): Promise<void> {
  const clients = Array.from({ length: WRITERS }, () => new KeepAliveClient(server.url));
  try {
    await Promise.all(
      clients.map(async (client, c) => {
        for (let w = firstWrite + c; w < firstWrite + WRITES; w += WRITERS) {
          const metrics = Array.from({ length: POINTS_PER_WRITE }, (_, k) => ({ key: 'loss', value: k / 10, step: w * POINTS_PER_WRITE + k }));
          const answer = await client.graphql(LOG_BATCH, { runId, metrics });
          if (!acknowledged(answer)) throw new Error(`write ${w} failed: ${JSON.stringify(answer.body)}`);
        }
      }),
    );
  } finally {
    for (const client of clients) client.close();
  }
}

test('a stalled subscriber during thousands of writes: the server stays up, memory bounded, every point arrives once it reads again', async () => {
  const experimentId = '0';
  const runId = await createRun(server.url, experimentId);
  await ok(server.url, LOG_BATCH, { runId, params: HEAVY_PARAMS });
  const client = await RawGraphqlWs.connect(server.url);
  client.subscribe('metrics', METRICS, { runIds: [runId], sinceSeq: 0 });
  client.subscribe('runs', RUNS, { e: experimentId });
  // One write both subscriptions report: from here on they are live.
  await logManyBatchesOnce(runId);
  await client.until(() => client.nexts('metrics').length === 1 && client.nexts('runs').length === 1, 'the first events');

  client.pause();
  const rssBefore = server.rssBytes();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssBytes())), 100);
  const stalledAt = Date.now();
  try {
    await logManyBatches(runId, 1);
  } finally {
    clearInterval(sampler);
  }
  const stalledMs = Date.now() - stalledAt;
  rssPeak = Math.max(rssPeak, server.rssBytes());

  // Still stalled: the server answers others.
  const health = await fetch(`${server.url}/health`);
  expect([health.status, await health.text()]).toEqual([200, 'OK']);
  const other = await ok(server.url, 'query($id: ID!) { run(id: $id) { history(key: "loss") { lastSeq totalPoints } } }', { id: runId });
  expect(other.run.history).toEqual({ lastSeq: WRITES + 1, totalPoints: (WRITES + 1) * POINTS_PER_WRITE });
  const growth = rssPeak - rssBefore;
  console.log(`stalled client: ${WRITES} writes in ${stalledMs} ms, server RSS ${mb(rssBefore)} -> peak ${mb(rssPeak)} (+${mb(growth)}), limit +${mb(RSS_GROWTH_LIMIT)}`);
  expect(growth).toBeLessThan(RSS_GROWTH_LIMIT);

  // Reading again: every write arrives, in seq order, exactly once.
  client.resume();
  const finalSeq = WRITES + 1;
  const lastMetricSeq = () => client.nexts('metrics').at(-1)?.data?.metricsLogged?.seq ?? 0;
  await client.until(() => lastMetricSeq() >= finalSeq, `metricsLogged up to seq ${finalSeq}`);
  let events = client.nexts('metrics');
  if (!client.isOpen) {
    // The server may drop a client that did not answer its pings for a long while (keep-alive);
    // the client owns the cursor and subscribes again from the last seq it saw.
    console.log(`stalled client: the server closed the socket at seq ${lastMetricSeq()} (${JSON.stringify(await client.closed)}); resubscribing`);
    const again = await RawGraphqlWs.connect(server.url);
    again.subscribe('metrics', METRICS, { runIds: [runId], sinceSeq: lastMetricSeq() });
    const last = () => again.nexts('metrics').at(-1)?.data?.metricsLogged?.seq ?? lastMetricSeq();
    await again.until(() => last() >= finalSeq, `resubscribed metricsLogged up to seq ${finalSeq}`);
    events = [...events, ...again.nexts('metrics')];
    again.close();
  }
  expect(events.every((e) => !e.errors)).toBe(true);
  expect(events.map((e) => e.data.metricsLogged.seq)).toEqual(Array.from({ length: finalSeq }, (_, i) => i + 1));
  const steps = events.flatMap((e) => e.data.metricsLogged.metrics.map((m: { step: number }) => m.step)).sort((a, b) => a - b);
  expect(steps).toEqual(Array.from({ length: finalSeq * POINTS_PER_WRITE }, (_, i) => i));

  if (client.isOpen) {
    // runChanged kept state, not history: however many events were merged, the write that set the
    // latest loss is reported as having changed it, with the run as it is now.
    const maxStep = finalSeq * POINTS_PER_WRITE - 1;
    const reportsMax = (e: any) => e.data?.runChanged?.metrics?.some((m: { step: number }) => m.step === maxStep);
    await client.until(() => client.nexts('runs').some(reportsMax), 'the event of the write with the latest loss');
    const runs = client.nexts('runs');
    expect(runs.find(reportsMax).data.runChanged.run.latestMetrics).toEqual([{ key: 'loss', step: maxStep }]);
    expect(runs.length).toBeLessThanOrEqual(finalSeq);
    expect(runs.every((e) => !e.errors && e.data.runChanged.run.params.length === HEAVY_PARAMS.length)).toBe(true);
    console.log(`stalled client: ${runs.length} runChanged events for ${finalSeq} writes`);
  }
  client.close();
});

async function logManyBatchesOnce(runId: string) {
  await ok(server.url, LOG_BATCH, { runId, metrics: Array.from({ length: POINTS_PER_WRITE }, (_, k) => ({ key: 'loss', value: 0, step: k })) });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
