import { createRuns } from '../lib/fixtures.js';
import { HttpClient } from '../lib/http-client.js';
import { runLoad, type LoadResult } from '../lib/load-pool.js';
import { type BatchShape, logBatchBody, metricKeys } from '../lib/metric-batches.js';
import type { ProcStats } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { tempDir } from '../lib/tmp.js';

export interface IngestResult {
  /** the measured phase (same rows as the raw-insert limit) */
  measured: LoadResult & { points: number; serverCpuSeconds: number };
  /** the whole ingest, measured phase included */
  total: { points: number; seconds: number };
  server: ProcStats;
  idleRss: number;
}

/**
 * logBatch over HTTP: `clients` concurrent keep-alive clients, one run each, closed loop. The first
 * `measuredBatches` per client give the throughput; the rest continue to `totalPoints` for the memory
 * figure (RSS after ingesting them).
 */
export async function ingest(options: { clients: number; measuredBatches: number; totalPoints: number; shape: BatchShape }): Promise<IngestResult> {
  const dir = tempDir('ingest');
  const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'ingest' });
  const http = new HttpClient(server.url, options.clients);
  try {
    const { runIds } = await createRuns(http, 'ingest', options.clients);
    const idleRss = server.stats().rss;
    const keys = metricKeys(options.shape);
    const perBatch = options.shape.pointsPerBatch;
    const load = (firstBatch: number, batches: number) =>
      runLoad(http, '/graphql', {
        clients: options.clients,
        requestsPerClient: batches,
        body: (c, i) => logBatchBody(options.shape, runIds[c] as string, firstBatch + i, keys),
        check: checkLogged,
      });

    const cpuBefore = server.stats().cpuSeconds;
    const measured = await load(0, options.measuredBatches);
    const serverCpuSeconds = server.stats().cpuSeconds - cpuBefore;
    const totalBatches = Math.ceil(options.totalPoints / perBatch / options.clients);
    const rest = await load(options.measuredBatches, totalBatches - options.measuredBatches);
    const points = (measured.requests + rest.requests) * perBatch;
    return {
      measured: { ...measured, points: measured.requests * perBatch, serverCpuSeconds },
      total: { points, seconds: measured.seconds + rest.seconds },
      server: server.stats(),
      idleRss,
    };
  } finally {
    http.close();
    await server.stop();
    dir.remove();
  }
}

function checkLogged(response: { status: number; text: string }) {
  if (response.status !== 200 || !response.text.startsWith('{"data":{"logBatch":{"id"')) {
    throw new Error(`logBatch failed (HTTP ${response.status}): ${response.text.slice(0, 500)}`);
  }
}
