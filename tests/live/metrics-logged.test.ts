import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from '../../db/connect.js';
import { type StoreEvent, TrackingStore } from '../../db/store/index.js';
import type { InProcessBus } from '../../schema/live/bus.js';
import { LIVE_LIMITS } from '../../schema/live/metrics-source.js';
import { describeEachDialect } from '../helpers/db.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { type EventQueue, subscribe, wsClient } from '../helpers/ws.js';
import { ok } from '../helpers/graphql.js';
import { METRICS_LOGGED, type MetricsLoggedEvent, type PointInput, createRun, logMetrics } from './ops.js';
import { startServerOn } from './dialect-server.js';
import { waitFor } from './wait.js';

let server: TestServer;
let dbUrl: string;
let client: Client;
type Queue = EventQueue<MetricsLoggedEvent>;
const watch = (variables: Record<string, unknown>): Queue => subscribe<MetricsLoggedEvent>(client, METRICS_LOGGED, variables);

/** The next `count` events as [runId, seq] pairs. */
async function seqs(queue: Queue, count: number): Promise<Array<[string, number]>> {
  return (await queue.take(count)).map((e) => [e.metricsLogged.runId, e.metricsLogged.seq]);
}

/** Logs `count` writes, each one point of `key` whose step is its index from `firstStep`. */
async function logSteps(runId: string, count: number, firstStep = 0, key = 'loss'): Promise<number> {
  let seq = 0;
  for (let i = 0; i < count; i++) seq = await logMetrics(server.url, runId, [{ key, value: (firstStep + i) / 10, step: firstStep + i }]);
  return seq;
}

/** A second store on the server's database: its writes commit but are never published here, like a lost publish. */
async function sideStore(): Promise<TrackingStore> {
  return new TrackingStore(connect(dbUrl)).init();
}

describeEachDialect('metricsLogged', (dialect) => {
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ server, dbUrl, drop } = await startServerOn(dialect));
    client = wsClient(server.url);
  });

  afterAll(async () => {
    await client?.dispose();
    await drop?.();
  });

  describe('metricsLogged delivery', () => {
    test('sends one event per committed write with its run, seq and points; NaN and infinities round-trip', async () => {
      const runId = await createRun(server.url);
      const queue = watch({ runIds: [runId], sinceSeq: 0 });
      const batch: PointInput[] = [
        { key: 'loss', value: 0.5, step: 3, timestamp: 1_700_000_000_000 },
        { key: 'loss', value: 'NaN', step: 4, timestamp: 1_700_000_000_001 },
        { key: 'acc', value: 'Infinity', step: 4, timestamp: 1_700_000_000_002 },
        { key: 'acc', value: '-Infinity', step: 5, timestamp: 1_700_000_000_003 },
      ];
      expect(await logMetrics(server.url, runId, batch)).toBe(1);
      // An exact duplicate of a stored batch commits nothing new: no seq, no event.
      expect(await logMetrics(server.url, runId, batch)).toBe(1);
      expect(await logMetrics(server.url, runId, [{ key: 'loss', value: 0.25, step: 6, timestamp: 1_700_000_000_004 }])).toBe(2);

      const [first, second] = await queue.take(2);
      // The points of a write carry no order of their own: compare them as a set.
      const byStepAndKey = (a: { step: number; key: string }, b: { step: number; key: string }) => a.step - b.step || a.key.localeCompare(b.key);
      expect({ ...first?.metricsLogged, metrics: first?.metricsLogged.metrics.sort(byStepAndKey) }).toEqual({
        runId,
        seq: 1,
        metrics: [...batch].sort((a, b) => byStepAndKey({ step: a.step ?? 0, key: a.key }, { step: b.step ?? 0, key: b.key })),
      });
      expect(second?.metricsLogged).toEqual({ runId, seq: 2, metrics: [{ key: 'loss', value: 0.25, step: 6, timestamp: 1_700_000_000_004 }] });
      queue.close();
    });

    test('filters by run and by key; a write with no matching key sends nothing', async () => {
      const a = await createRun(server.url);
      const b = await createRun(server.url);
      const queue = watch({ runIds: [a], keys: ['loss'], sinceSeq: 0 });
      await logMetrics(server.url, b, [{ key: 'loss', value: 1 }]); // another run
      await logMetrics(server.url, a, [{ key: 'acc', value: 0.9 }]); // seq 1, no matching key
      await logMetrics(server.url, a, [
        { key: 'acc', value: 0.8, step: 1 },
        { key: 'loss', value: 0.7, step: 1 },
      ]); // seq 2
      const event = (await queue.nextData()).metricsLogged;
      expect(event.runId).toBe(a);
      expect(event.seq).toBe(2);
      expect(event.metrics.map((m) => [m.key, m.value])).toEqual([['loss', 0.7]]);
      expect(queue.pending).toBe(0);
      queue.close();
    });

    test('sends no initial event; runs without a cursor start live', async () => {
      const a = await createRun(server.url);
      const b = await createRun(server.url);
      const aSeq = await logSteps(a, 3);
      const bSeq = await logSteps(b, 4);
      // a has a cursor at its current seq (nothing to replay), b none: neither sends anything up front.
      const queue = watch({ runIds: [a, b], since: [{ runId: a, seq: aSeq }] });
      await logSteps(a, 1, 100);
      // The first event is the new write: no snapshot, no replay of b's history.
      expect(await seqs(queue, 1)).toEqual([[a, aSeq + 1]]);
      // The subscription is running now (it delivered), so b's next write arrives live.
      await logSteps(b, 1, 100);
      expect(await seqs(queue, 1)).toEqual([[b, bSeq + 1]]);
      queue.close();
    });

    test('replays after sinceSeq with no gap and no duplicate while writes continue', async () => {
      const runId = await createRun(server.url);
      await logSteps(runId, 20);
      const writer = logSteps(runId, 30, 20); // seqs 21..50, racing with the subscription's start
      const queue = watch({ runIds: [runId], sinceSeq: 7 });
      await writer;
      const events = await queue.take(43);
      expect(events.map((e) => e.metricsLogged.seq)).toEqual(range(8, 50));
      expect(events.map((e) => e.metricsLogged.metrics[0]?.step)).toEqual(range(7, 49));
      queue.close();
    });

    test('history then subscribe from its lastSeq: every point once, none missing', async () => {
      const runId = await createRun(server.url);
      await logSteps(runId, 15);
      const writer = logSteps(runId, 40, 15); // steps 15..54 while the client loads and subscribes
      const history = await ok(server.url, 'query($id: ID!) { metricHistory(runId: $id, key: "loss", maxPoints: 10000) { lastSeq sampled points { step } } }', {
        id: runId,
      });
      const { lastSeq, sampled, points } = history.metricHistory as { lastSeq: number; sampled: boolean; points: Array<{ step: number }> };
      expect(sampled).toBe(false);
      expect(points).toHaveLength(lastSeq); // one point per write, read in the same snapshot as lastSeq
      const queue = watch({ runIds: [runId], sinceSeq: lastSeq });
      const finalSeq = await writer;
      const events = await queue.take(finalSeq - lastSeq);
      const steps = [...points.map((p) => p.step), ...events.flatMap((e) => e.metricsLogged.metrics.map((m) => m.step))];
      expect(steps).toEqual(range(0, 54));
      queue.close();
    });

    test('since gives one cursor per run: each run replays from its own seq, in seq order', async () => {
      const a = await createRun(server.url);
      const b = await createRun(server.url);
      const c = await createRun(server.url);
      await logSteps(a, 10);
      await logSteps(b, 4);
      const cSeq = await logSteps(c, 2);
      const queue = watch({ runIds: [a, b, c], since: [{ runId: a, seq: 7 }, { runId: b, seq: 0 }] });
      const replay = await seqs(queue, 7);
      expect(replay.filter(([id]) => id === a).map(([, s]) => s)).toEqual([8, 9, 10]);
      expect(replay.filter(([id]) => id === b).map(([, s]) => s)).toEqual([1, 2, 3, 4]);
      await logSteps(c, 1, 50);
      expect(await seqs(queue, 1)).toEqual([[c, cSeq + 1]]);
      queue.close();
    });
  });

  describe('metricsLogged arguments', () => {
    const refusals: Array<[string, (ids: { a: string; b: string }) => Record<string, unknown>, string, string]> = [
      ['sinceSeq with two runs', ({ a, b }) => ({ runIds: [a, b], sinceSeq: 0 }), 'INVALID_ARGUMENT', 'sinceSeq'],
      ['sinceSeq and since together', ({ a }) => ({ runIds: [a], sinceSeq: 0, since: [{ runId: a, seq: 0 }] }), 'INVALID_ARGUMENT', 'sinceSeq'],
      ['a cursor for a run not subscribed', ({ a, b }) => ({ runIds: [a], since: [{ runId: b, seq: 0 }] }), 'INVALID_ARGUMENT', 'since'],
      ['a negative seq', ({ a }) => ({ runIds: [a], sinceSeq: -1 }), 'INVALID_ARGUMENT', 'sinceSeq'],
      ['a seq beyond the run\'s last write', ({ a }) => ({ runIds: [a], sinceSeq: 5 }), 'INVALID_ARGUMENT', 'sinceSeq'],
      ['an unknown run', ({ a }) => ({ runIds: [a, 'f'.repeat(32)] }), 'NOT_FOUND', 'runIds'],
    ];

    test.each(refusals)('refuses %s with a clear error and keeps the connection', async (_name, variables, code, field) => {
      const a = await createRun(server.url);
      const b = await createRun(server.url);
      await logSteps(a, 2);
      const refused = watch(variables({ a, b }));
      const event = await refused.next();
      expect(event.data ?? null).toBeNull();
      expect(event.errors?.[0]?.extensions).toMatchObject({ code, field });
      expect(event.errors?.[0]?.message).toMatch(new RegExp(`^${field}`));
      await refused.ended();
      // The same connection still serves a good subscription.
      const good = watch({ runIds: [a], sinceSeq: 1 });
      expect(await seqs(good, 1)).toEqual([[a, 2]]);
      good.close();
    });
  });

  describe('metricsLogged replay limit', () => {
    test('a replay over 100,000 points answers RESYNC_REQUIRED and completes only that subscription', async () => {
      const big = await createRun(server.url);
      const other = await createRun(server.url);
      const batch = (w: number) => Array.from({ length: 1_000 }, (_, i) => ({ key: i % 10 === 0 ? 'rare' : 'loss', value: i, step: w * 1_000 + i }));
      for (let w = 0; w < 101; w++) await server.store.log.batch(big, { metrics: batch(w) });

      const bystander = watch({ runIds: [other], sinceSeq: 0 });
      const tooFar = watch({ runIds: [big], sinceSeq: 0 });
      const event = await tooFar.next();
      expect(event.data ?? null).toBeNull();
      expect(event.errors).toHaveLength(1);
      expect(event.errors?.[0]?.extensions?.code).toBe('RESYNC_REQUIRED');
      expect(event.errors?.[0]?.message).toMatch(/101000 points/);
      await tooFar.ended();

      // The socket and its other subscriptions stay open.
      await logSteps(other, 1);
      expect(await seqs(bystander, 1)).toEqual([[other, 1]]);
      // The limit counts points after the keys filter: 10,100 "rare" points replay fine.
      const filtered = watch({ runIds: [big], keys: ['rare'], sinceSeq: 0 });
      const writes = await filtered.take(101);
      expect(writes.map((e) => e.metricsLogged.seq)).toEqual(range(1, 101));
      expect(writes.every((e) => e.metricsLogged.metrics.length === 100 && e.metricsLogged.metrics.every((m) => m.key === 'rare'))).toBe(true);
      // A nearer cursor (1,000 points behind) replays too.
      const near = watch({ runIds: [big], sinceSeq: 100 });
      expect(await seqs(near, 1)).toEqual([[big, 101]]);
      for (const q of [bystander, filtered, near]) q.close();
    });
  });

  describe('metricsLogged repairs from the database', () => {
    test('a write whose publish was lost is delivered, in order, before the next one', async () => {
      const runId = await createRun(server.url);
      const queue = watch({ runIds: [runId], sinceSeq: 0 });
      await logSteps(runId, 1);
      expect(await seqs(queue, 1)).toEqual([[runId, 1]]);
      const side = await sideStore();
      try {
        await side.log.batch(runId, { metrics: [{ key: 'loss', value: 9, step: 1 }] }); // seq 2, never published
      } finally {
        await side.close();
      }
      await logSteps(runId, 1, 2); // seq 3 reveals the gap
      const events = await queue.take(2);
      expect(events.map((e) => [e.metricsLogged.seq, e.metricsLogged.metrics[0]?.step])).toEqual([
        [2, 1],
        [3, 2],
      ]);
      queue.close();
    });

    test('a quiet run whose last publish was lost is caught by the metric_seq check', async () => {
      const runId = await createRun(server.url);
      const saved = LIVE_LIMITS.quietCheckMs;
      LIVE_LIMITS.quietCheckMs = 200;
      const queue = watch({ runIds: [runId], sinceSeq: 0 });
      try {
        await logSteps(runId, 1);
        expect(await seqs(queue, 1)).toEqual([[runId, 1]]);
        const side = await sideStore();
        await side.log.batch(runId, { metrics: [{ key: 'loss', value: 9, step: 1 }] });
        await side.close();
        expect(await seqs(queue, 1)).toEqual([[runId, 2]]);
      } finally {
        LIVE_LIMITS.quietCheckMs = saved;
        queue.close();
      }
    });

    test('publishes that arrive out of order or twice are delivered once each, in seq order', async () => {
      const runId = await createRun(server.url);
      const queue = watch({ runIds: [runId], sinceSeq: 0 });
      await logSteps(runId, 1);
      expect(await seqs(queue, 1)).toEqual([[runId, 1]]);
      // Two writes committed elsewhere (another server), their events reaching this one reversed and repeated.
      const side = await sideStore();
      const captured: StoreEvent[] = [];
      side.onChange((event) => captured.push(event));
      await side.log.batch(runId, { metrics: [{ key: 'loss', value: 2, step: 2 }] });
      await side.log.batch(runId, { metrics: [{ key: 'loss', value: 3, step: 3 }] });
      await side.close();
      const [second, third] = captured.filter((e) => e.type === 'run' && e.metricWrite);
      for (const event of [third, second, third, second]) server.bus.publish(event as StoreEvent);
      await logSteps(runId, 1, 4); // seq 4, published normally
      const events = await queue.take(3);
      expect(events.map((e) => [e.metricsLogged.seq, e.metricsLogged.metrics[0]?.step])).toEqual([
        [2, 2],
        [3, 3],
        [4, 4],
      ]);
      expect(queue.pending).toBe(0);
      queue.close();
    });
  });

});

describe('metricsLogged resources', () => {
  test('completing a subscription or closing its socket releases it on the server', async () => {
    // A server of its own, so that no other test's subscription counts.
    const own = await startTestServer();
    const bus = own.bus as InProcessBus;
    const runId = await createRun(own.url);
    const ownClient = wsClient(own.url);
    try {
      const queues = [0, 1, 2].map(() => subscribe<MetricsLoggedEvent>(ownClient, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 }));
      await logMetrics(own.url, runId, [{ key: 'loss', value: 1 }]);
      for (const q of queues) expect(await seqs(q, 1)).toEqual([[runId, 1]]);
      expect(bus.subscriberCount).toBe(3);
      queues[0]?.close();
      await waitFor(() => bus.subscriberCount === 2, 'the completed subscription to be released');
      await ownClient.dispose();
      await waitFor(() => bus.subscriberCount === 0, "the closed socket's subscriptions to be released");
    } finally {
      await ownClient.dispose();
      await own.stop();
    }
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
