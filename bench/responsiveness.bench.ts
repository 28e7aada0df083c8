import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../db/connect.js';
import { TrackingStore } from '../db/store/index.js';
import { HttpClient } from './lib/http-client.js';
import { MB } from './lib/proc-stats.js';
import { startServerProcess } from './lib/server-process.js';
import { percentile, round } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';
import type { Bench, BenchRow } from './types.js';

/**
 * One client sends the most expensive requests the limits allow, back to back, over GraphQL and the
 * MLflow REST API, while a prober asks for /health and a small GraphQL query every 50 ms on its own
 * schedule (open loop: a stalled server shows up as every probe that waited, not as one). Reports the
 * probes' latency and the server's RSS. TRACKLINE_BENCH_QUICK=1 shortens it.
 */
const QUICK = process.env.TRACKLINE_BENCH_QUICK === '1';
const SIZES = {
  seconds: QUICK ? 15 : 60,
  runs: QUICK ? 1_000 : 5_000,
  seriesRuns: 20,
  seriesPoints: 10_000,
  longPoints: QUICK ? 200_000 : 1_000_000,
  wideKeys: 100_000,
};
const PROBE_EVERY_MS = 50;

interface Seeded {
  experimentId: string;
  seriesRuns: string[];
  wideRun: string;
  longRun: string;
}

export const bench: Bench = {
  name: 'responsiveness',
  async run() {
    const dir = tempDir('responsiveness');
    try {
      const seeded = await seed(dir.file('t.db'));
      const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'responsiveness' });
      try {
        return await measure(server, seeded);
      } finally {
        await server.stop();
      }
    } finally {
      dir.remove();
    }
  },
};

/** The heaviest requests the limits allow, each of a kind a user or a script can send. */
function heavyRequests(s: Seeded): Array<{ name: string; send: (http: HttpClient) => Promise<{ status: number; text: string }> }> {
  const graphql = (query: string, variables: Record<string, unknown>) => (http: HttpClient) => http.post('/graphql', JSON.stringify({ query, variables }));
  return [
    {
      // 19 series x 10,000 points: 190,019 estimated rows, just under the ceiling of 200,000.
      name: 'GraphQL metricHistories, 19 runs x 10,000 points',
      send: graphql(`query($ids: [ID!]!) { metricHistories(runIds: $ids, key: "loss", maxPoints: 10000) { points { step value min max } } }`, {
        ids: s.seriesRuns.slice(0, 19),
      }),
    },
    {
      name: 'GraphQL runs, first 1,000 with params, tags and latest metrics',
      send: graphql(
        `query($e: [ID!]!) { runs(experimentIds: $e, first: 1000, orderBy: ["metrics.m1 DESC"]) { edges { node { id name params { key value } tags { key value } latestMetrics { key value step } } } } }`,
        { e: [s.experimentId] },
      ),
    },
    {
      name: 'GraphQL run with 100,000 params and 100,000 metrics',
      send: graphql(`query($id: ID!) { run(id: $id) { params { key value } latestMetrics { key value } } }`, { id: s.wideRun }),
    },
    {
      name: 'REST get-history without max_results (100,000-point page)',
      send: (http) => http.get(`/api/2.0/mlflow/metrics/get-history?run_id=${s.longRun}&metric_key=loss`),
    },
    {
      name: 'REST runs/search, max_results 50,000',
      send: (http) => http.post('/api/2.0/mlflow/runs/search', JSON.stringify({ experiment_ids: [s.experimentId], max_results: 50_000 })),
    },
    {
      name: 'REST get-history-bulk-interval, 20 runs x 2,500',
      send: (http) =>
        http.get(`/api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=loss&max_results=2500&${[...s.seriesRuns, s.longRun].map((id) => `run_ids=${id}`).join('&')}`),
    },
  ];
}

async function measure(server: Awaited<ReturnType<typeof startServerProcess>>, seeded: Seeded): Promise<BenchRow[]> {
  const heavy = heavyRequests(seeded);
  const heavyClient = new HttpClient(server.url, 1);
  // A server that has been running: every request once before measuring.
  for (const request of heavy) await request.send(heavyClient);
  const probeClient = new HttpClient(server.url, 64);
  const health: number[] = [];
  const small: number[] = [];
  const heavyTimes = new Map<string, number[]>(heavy.map((h) => [h.name, []]));
  let peakRss = 0;
  let stop = false;
  const deadline = performance.now() + SIZES.seconds * 1000;

  const smallQuery = JSON.stringify({ query: `query($id: ID!) { run(id: $id) { id name status } }`, variables: { id: seeded.wideRun } });
  const probes: Promise<void>[] = [];
  const probe = async (sample: number[], send: () => Promise<{ status: number }>) => {
    const t0 = performance.now();
    const { status } = await send();
    if (status !== 200) throw new Error(`a probe failed with HTTP ${status}`);
    sample.push(performance.now() - t0);
  };
  const prober = (async () => {
    for (let next = performance.now(); !stop; next += PROBE_EVERY_MS) {
      probes.push(probe(health, () => probeClient.get('/health')), probe(small, () => probeClient.post('/graphql', smallQuery)));
      peakRss = Math.max(peakRss, server.stats().rss);
      await sleep(Math.max(0, next + PROBE_EVERY_MS - performance.now()));
    }
  })();
  try {
    for (let i = 0; performance.now() < deadline; i++) {
      const request = heavy[i % heavy.length] as (typeof heavy)[number];
      const t0 = performance.now();
      const answer = await request.send(heavyClient);
      if (answer.status !== 200 || answer.text.includes('"errors"')) {
        throw new Error(`${request.name}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      heavyTimes.get(request.name)?.push(performance.now() - t0);
    }
  } finally {
    stop = true;
    await prober;
    await Promise.all(probes);
    heavyClient.close();
    probeClient.close();
  }
  const rows: BenchRow[] = [
    latencyRow('/health while the heaviest allowed requests run back to back', health),
    latencyRow('a small GraphQL query (one run by id) meanwhile', small),
    { name: 'server peak RSS meanwhile', value: round(Math.max(peakRss, server.stats().peakRss) / MB), unit: 'MB', target: '< 1024', pass: peakRss < 1024 * MB },
  ];
  for (const [name, times] of heavyTimes) {
    rows.push({ name: `heavy: ${name}, p50`, value: round(percentile(times, 50)), unit: 'ms', notes: `${times.length} sent` });
  }
  return rows;
}

function latencyRow(name: string, sample: number[]): BenchRow {
  const p99 = percentile(sample, 99);
  return {
    name: `${name}, p50 / p99 / max`,
    value: round(p99),
    unit: 'ms (p99)',
    target: 'p99 <= 500',
    pass: p99 <= 500,
    notes: `p50 ${round(percentile(sample, 50))} ms, max ${round(Math.max(...sample))} ms, ${sample.length} probes`,
  };
}

/** Written through the store on the file before the server starts (same rows as over HTTP, faster). */
async function seed(file: string): Promise<Seeded> {
  const store = await new TrackingStore(connect(file)).init();
  try {
    const experimentId = (await store.experiments.create({ name: 'responsiveness' })).id;
    let random = 1;
    const next = () => ((random = (Math.imul(random, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let r = 0; r < SIZES.runs; r++) {
      const run = await store.runs.create({ experimentId, startTime: 1_700_000_000_000 + r });
      await store.log.batch(run.id, {
        params: Array.from({ length: 20 }, (_, p) => ({ key: `p${p}`, value: `v${Math.floor(next() * 10)}` })),
        metrics: Array.from({ length: 10 }, (_, m) => ({ key: `m${m}`, value: next(), step: 1, timestamp: 1 })),
      });
    }
    const series = async (runId: string, points: number) => {
      for (let first = 0; first < points; first += 1000) {
        await store.log.batch(runId, {
          metrics: Array.from({ length: 1000 }, (_, i) => ({ key: 'loss', value: Math.sin(first + i), step: first + i, timestamp: 1_700_000_000_000 + first + i })),
        });
      }
    };
    const seriesRuns: string[] = [];
    for (let r = 0; r < SIZES.seriesRuns; r++) {
      const run = await store.runs.create({ experimentId: '0', name: `series-${r}` });
      await series(run.id, SIZES.seriesPoints);
      seriesRuns.push(run.id);
    }
    const longRun = (await store.runs.create({ experimentId: '0', name: 'long' })).id;
    await series(longRun, SIZES.longPoints);
    const wideRun = (await store.runs.create({ experimentId: '0', name: 'wide' })).id;
    const db = store.db.sqlite;
    db?.transaction(() => {
      const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
      const metric = db.prepare('INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan, min_step, point_count) VALUES (?, ?, 0, 0, ?, 0, 0, 1)');
      for (let i = 0; i < SIZES.wideKeys; i++) {
        param.run(wideRun, `param-${i}`, `value-${i}`);
        metric.run(wideRun, `metric-${i}`, i);
      }
    })();
    return { experimentId, seriesRuns, wideRun, longRun };
  } finally {
    await store.close();
  }
}
