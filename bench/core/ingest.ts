import { createRuns } from '../lib/fixtures.js';
import { HttpClient } from '../lib/http-client.js';
import { type LoadResult, runLoad } from '../lib/load-pool.js';
import { type BatchShape, logBatchBody, metricKeys } from '../lib/metric-batches.js';
import type { ProcStats } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { tempDir } from '../lib/tmp.js';
import { type InsertRound, RawMetricsTable } from './raw-insert.js';

export interface Phase {
  points: number;
  seconds: number;
  cpuSeconds: number;
}

export interface IngestResult {
  /** the raw insert limit, summed over its rounds */
  raw: Phase;
  /** HTTP ingest over the rounds interleaved with the raw ones (same rows) */
  measured: Phase & { latencies: number[]; clientCpuSeconds: number };
  /** the whole ingest, measured rounds included */
  total: { points: number; seconds: number };
  server: ProcStats;
  idleRss: number;
  /** RSS once the server has been idle for `settleSeconds` after the ingest */
  settledRss: number;
}

/**
 * logBatch over HTTP against the raw insert limit. `rounds` times: the raw table takes
 * `batchesPerRound` batches per run, then each of `clients` concurrent keep-alive clients (one run
 * each, closed loop) sends `batchesPerRound` batches. Alternating short rounds keeps both figures
 * under the same machine load (this machine is shared). Then the ingest goes on to `totalPoints` for
 * the memory figure (server RSS after ingesting them).
 */
export async function ingest(options: {
  clients: number;
  rounds: number;
  batchesPerRound: number;
  totalPoints: number;
  shape: BatchShape;
  settleSeconds?: number;
}): Promise<IngestResult> {
  const dir = tempDir('ingest');
  const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'ingest' });
  const http = new HttpClient(server.url, options.clients);
  const table = await RawMetricsTable.open({ runs: options.clients, shape: options.shape });
  try {
    const { runIds } = await createRuns(http, 'ingest', options.clients);
    const idleRss = server.stats().rss;
    const keys = metricKeys(options.shape);
    let nextBatch = 0;
    const load = async (batches: number) => {
      const cpuBefore = server.stats().cpuSeconds;
      const first = nextBatch;
      nextBatch += batches;
      const result = await runLoad(http, '/graphql', {
        clients: options.clients,
        requestsPerClient: batches,
        body: (c, i) => logBatchBody(options.shape, runIds[c] as string, first + i, keys),
        check: checkLogged,
      });
      return { ...result, serverCpuSeconds: server.stats().cpuSeconds - cpuBefore };
    };

    const rawRounds: InsertRound[] = [];
    const ingestRounds: (LoadResult & { serverCpuSeconds: number })[] = [];
    for (let round = 0; round < options.rounds; round++) {
      rawRounds.push(table.insert(options.batchesPerRound));
      ingestRounds.push(await load(options.batchesPerRound));
    }
    const perBatch = options.shape.pointsPerBatch;
    const totalBatches = Math.ceil(options.totalPoints / perBatch / options.clients);
    const rest = await load(Math.max(0, totalBatches - nextBatch));

    const afterIngest = server.stats();
    await new Promise((resolve) => setTimeout(resolve, (options.settleSeconds ?? 0) * 1000));
    const settledRss = server.stats().rss;

    const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);
    const measuredPoints = sum(ingestRounds, (r) => r.requests) * perBatch;
    const measuredSeconds = sum(ingestRounds, (r) => r.seconds);
    return {
      raw: { points: sum(rawRounds, (r) => r.rows), seconds: sum(rawRounds, (r) => r.seconds), cpuSeconds: sum(rawRounds, (r) => r.cpuSeconds) },
      measured: {
        points: measuredPoints,
        seconds: measuredSeconds,
        cpuSeconds: sum(ingestRounds, (r) => r.serverCpuSeconds),
        latencies: ingestRounds.flatMap((r) => r.latencies),
        clientCpuSeconds: sum(ingestRounds, (r) => r.clientCpuSeconds),
      },
      total: { points: measuredPoints + rest.requests * perBatch, seconds: measuredSeconds + rest.seconds },
      server: afterIngest,
      idleRss,
      settledRss,
    };
  } finally {
    await table.close();
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
