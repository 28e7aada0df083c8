import { expect, test } from 'vitest';
import { describeEachDialect } from '../helpers/db.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { startServerOn } from './dialect-server.js';
import { KeepAliveClient, acknowledged } from './http-client.js';
import { ok } from '../helpers/graphql.js';
import { LOG_BATCH, METRICS_LOGGED, type MetricsLoggedEvent, createRun } from './ops.js';

const CLIENTS = 50;
const BATCHES_PER_CLIENT = 10;
const POINTS_PER_BATCH = 10;
const WRITES = CLIENTS * BATCHES_PER_CLIENT;

describeEachDialect('concurrent writers', (dialect) => {
  test(`${CLIENTS} concurrent clients logging to one run: every point stored, no error, one seq per write in order`, async () => {
    const { server, drop } = await startServerOn(dialect);
    const watcher = wsClient(server.url);
    try {
      const runId = await createRun(server.url);
      const live = subscribe<MetricsLoggedEvent>(watcher, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 });
      const clients = Array.from({ length: CLIENTS }, () => new KeepAliveClient(server.url));
      const failures: unknown[] = [];
      await Promise.all(
        clients.map(async (client, c) => {
          for (let b = 0; b < BATCHES_PER_CLIENT; b++) {
            // Client c, batch b: steps (c * BATCHES + b) * POINTS .. + POINTS - 1, so every point is distinct.
            const first = (c * BATCHES_PER_CLIENT + b) * POINTS_PER_BATCH;
            const metrics = Array.from({ length: POINTS_PER_BATCH }, (_, k) => ({ key: 'loss', value: first + k, step: first + k }));
            const answer = await client.graphql(LOG_BATCH, { runId, metrics });
            if (!acknowledged(answer)) failures.push(answer.body);
          }
        }),
      );
      for (const client of clients) client.close();
      expect(failures).toEqual([]);

      const data = await ok(
        server.url,
        'query($id: ID!) { run(id: $id) { latestMetrics { key value step } history(key: "loss", maxPoints: 10000) { lastSeq totalPoints points { step } } } }',
        { id: runId },
      );
      const total = WRITES * POINTS_PER_BATCH;
      expect(data.run.history.totalPoints).toBe(total);
      expect(data.run.history.lastSeq).toBe(WRITES);
      expect(data.run.history.points.map((p: { step: number }) => p.step)).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(data.run.latestMetrics).toEqual([{ key: 'loss', value: total - 1, step: total - 1 }]);

      // Commit order is seq order: a subscriber sees seqs 1..WRITES, each write whole, once.
      const events = (await live.take(WRITES)).map((e) => e.metricsLogged);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: WRITES }, (_, i) => i + 1));
      const steps = events.flatMap((e) => e.metrics.map((m) => m.step)).sort((a, b) => a - b);
      expect(steps).toEqual(Array.from({ length: total }, (_, i) => i));
      // Each event is one whole batch: all its points share a batch number.
      const batchOf = (step: number) => Math.floor(step / POINTS_PER_BATCH);
      expect(events.every((e) => e.metrics.length === POINTS_PER_BATCH && new Set(e.metrics.map((m) => batchOf(m.step))).size === 1)).toBe(true);
      live.close();
    } finally {
      await watcher.dispose();
      await drop();
    }
  });
});
