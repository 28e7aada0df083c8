import { performance } from 'node:perf_hooks';
import { connect } from '../db/connect.js';
import { TrackingStore } from '../db/store/index.js';
import { HttpClient } from './lib/http-client.js';
import { runLoad } from './lib/load-pool.js';
import { BASE_TIME, DEFAULT_SHAPE, forEachPoint, metricKeys } from './lib/metric-batches.js';
import { measureSequential } from './lib/sequential.js';
import { startServerProcess } from './lib/server-process.js';
import { percentile } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';
import type { Bench, BenchRow } from './types.js';

/**
 * The MLflow REST API against a trackline server in a child process (SQLite):
 *  - runs/log-batch with 1,000 metrics per request from 4 concurrent clients (bodies built before the
 *    clock starts), target >= 100,000 points/s;
 *  - runs/search with a param and a metric filter ordered by a metric over 10,000 runs, target p50 <= 20 ms.
 * TRACKLINE_BENCH_QUICK=1 shrinks the sizes for a smoke run.
 */
const QUICK = process.env.TRACKLINE_BENCH_QUICK === '1';
const SIZES = {
  clients: 4,
  batchesPerClient: QUICK ? 25 : 250,
  warmupBatches: 5,
  runs: QUICK ? 1_000 : 10_000,
  searches: QUICK ? 50 : 200,
};
const API = '/api/2.0/mlflow';

export const bench: Bench = {
  name: 'mlflow',
  async run() {
    return [...(await logBatchRows()), ...(await searchRows())];
  },
};

/** MLflow's log-batch body for batch `b` of a run, the same points as the core ingest bench. */
function logBatchBody(runId: string, b: number): string {
  const keys = metricKeys(DEFAULT_SHAPE);
  const metrics: { key: string; value: number; timestamp: number; step: number }[] = [];
  forEachPoint(DEFAULT_SHAPE, b, keys, (key, step, timestamp, value) => metrics.push({ key, value, timestamp, step }));
  return JSON.stringify({ run_id: runId, metrics });
}

const expectOk = (response: { status: number; text: string }) => {
  if (response.status !== 200) throw new Error(`MLflow request failed (HTTP ${response.status}): ${response.text.slice(0, 300)}`);
};

async function logBatchRows(): Promise<BenchRow[]> {
  const dir = tempDir('mlflow-ingest');
  const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'mlflow-ingest' });
  const http = new HttpClient(server.url, SIZES.clients);
  try {
    const runIds: string[] = [];
    for (let c = 0; c < SIZES.clients; c++) {
      const created = await http.post(`${API}/runs/create`, JSON.stringify({ experiment_id: '0', start_time: BASE_TIME, user_id: 'bench' }));
      expectOk(created);
      runIds.push((JSON.parse(created.text) as { run: { info: { run_id: string } } }).run.info.run_id);
    }
    const total = SIZES.warmupBatches + SIZES.batchesPerClient;
    const bodies = runIds.map((runId) => Array.from({ length: total }, (_, b) => logBatchBody(runId, b)));
    const path = `${API}/runs/log-batch`;
    await runLoad(http, path, { clients: SIZES.clients, requestsPerClient: SIZES.warmupBatches, body: (c, i) => bodies[c]?.[i] as string, check: expectOk });
    const cpuBefore = server.stats().cpuSeconds;
    const measured = await runLoad(http, path, {
      clients: SIZES.clients,
      requestsPerClient: SIZES.batchesPerClient,
      body: (c, i) => bodies[c]?.[SIZES.warmupBatches + i] as string,
      check: expectOk,
    });
    const serverCpu = server.stats().cpuSeconds - cpuBefore;
    const points = measured.requests * DEFAULT_SHAPE.pointsPerBatch;
    const rate = points / measured.seconds;
    return [
      {
        name: 'MLflow REST runs/log-batch, 1,000 metrics per request, 4 clients',
        value: rate,
        unit: 'points/s',
        target: '>= 100000',
        pass: rate >= 100_000,
        notes: `${points} points in ${measured.seconds.toFixed(1)} s; server CPU ${serverCpu.toFixed(1)} s, load clients ${measured.clientCpuSeconds.toFixed(1)} s; MLflow 2.12.2 here: 17,576 points/s`,
      },
      { name: 'MLflow REST runs/log-batch latency p50', value: percentile(measured.latencies, 50), unit: 'ms' },
      { name: 'MLflow REST runs/log-batch latency p99', value: percentile(measured.latencies, 99), unit: 'ms' },
    ];
  } finally {
    http.close();
    await server.stop();
    dir.remove();
  }
}

async function searchRows(): Promise<BenchRow[]> {
  const dir = tempDir('mlflow-search');
  try {
    const seedStarted = performance.now();
    const experimentId = await seedRuns(dir.file('t.db'), SIZES.runs);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'mlflow-search' });
    const http = new HttpClient(server.url, 1);
    try {
      let matched = 0;
      const latencies = await measureSequential(SIZES.searches, 20, async (i) => {
        // Vary the filter so each request reads a different slice.
        const body = JSON.stringify({
          experiment_ids: [experimentId],
          filter: `params.p0 = 'v${i % 10}' and metrics.m0 < ${(0.3 + (i % 5) / 10).toFixed(1)}`,
          order_by: [`metrics.m${1 + (i % 3)} DESC`],
          max_results: 100,
        });
        const response = await http.post(`${API}/runs/search`, body);
        expectOk(response);
        matched += ((JSON.parse(response.text) as { runs?: unknown[] }).runs ?? []).length;
      });
      if (matched === 0) throw new Error('runs/search: no run matched the filter; the seed or the query is wrong');
      const p50 = percentile(latencies, 50);
      const what = `${SIZES.runs.toLocaleString('en-US')} runs x 20 params x 10 metrics, param + metric filter, ordered by a metric, max_results 100 (whole runs)`;
      return [
        {
          name: `MLflow REST runs/search p50: ${what}`,
          value: p50,
          unit: 'ms',
          target: '<= 20',
          pass: p50 <= 20,
          notes: `seeded in ${seedSeconds.toFixed(0)} s; ${(matched / (SIZES.searches + 20)).toFixed(0)} runs per page on average; MLflow 2.12.2 here: p50 431 ms (GraphQL runs query)`,
        },
        { name: 'MLflow REST runs/search p99', value: percentile(latencies, 99), unit: 'ms' },
      ];
    } finally {
      http.close();
      await server.stop();
    }
  } finally {
    dir.remove();
  }
}

/** `count` runs with 20 params and 10 metrics each, written through the store before the server starts. */
async function seedRuns(file: string, count: number): Promise<string> {
  const store = await new TrackingStore(connect(file)).init();
  try {
    const experiment = await store.experiments.create({ name: 'mlflow-search-bench' });
    let random = 7;
    // A small LCG: deterministic values without pulling a generator in.
    const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let r = 0; r < count; r++) {
      const run = await store.runs.create({ experimentId: experiment.id, startTime: BASE_TIME + r * 1000 });
      await store.log.batch(run.id, {
        params: Array.from({ length: 20 }, (_, p) => ({ key: `p${p}`, value: `v${Math.floor(next() * 10)}` })),
        metrics: Array.from({ length: 10 }, (_, m) => ({ key: `m${m}`, value: next(), step: 100, timestamp: BASE_TIME })),
      });
    }
    return experiment.id;
  } finally {
    await store.close();
  }
}
