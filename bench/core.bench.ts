import { history } from './core/history.js';
import { ingest } from './core/ingest.js';
import { liveLatency } from './core/live-latency.js';
import { rawInsertRate } from './core/raw-insert.js';
import { runsQuery } from './core/runs-query.js';
import { DEFAULT_SHAPE } from './lib/metric-batches.js';
import { MB } from './lib/proc-stats.js';
import { percentile } from './lib/stats.js';
import type { Bench, BenchRow } from './types.js';

/**
 * The tracking core on SQLite: (a) the raw insert limit of the metrics layout, (b) HTTP ingest and its
 * ratio to (a), (c) the runs table query, (d) downsampled history, (e) log-to-subscriber latency,
 * (f) server memory after a long ingest. TRACKLINE_BENCH_QUICK=1 shrinks every size for a smoke run.
 */
const QUICK = process.env.TRACKLINE_BENCH_QUICK === '1';
const SIZES = {
  clients: 4,
  /** batches per client in the measured ingest phase (and per run in the raw insert) */
  measuredBatches: QUICK ? 50 : 500,
  totalPoints: QUICK ? 1_000_000 : 10_000_000,
  runs: QUICK ? 1_000 : 10_000,
  historyPoints: QUICK ? 100_000 : 1_000_000,
  requests: QUICK ? 50 : 200,
  subscribers: 50,
  liveWrites: QUICK ? 50 : 300,
};

export const bench: Bench = {
  name: 'core',
  async run() {
    const rows: BenchRow[] = [];
    rows.push(...(await ingestRows()));
    rows.push(...(await runsRows()));
    rows.push(...(await historyRows()));
    rows.push(...(await liveRows()));
    return rows;
  },
};

const p50 = (sample: number[]) => percentile(sample, 50);
const p99 = (sample: number[]) => percentile(sample, 99);
const shapeNote = `${DEFAULT_SHAPE.keys} keys x ${DEFAULT_SHAPE.pointsPerBatch / DEFAULT_SHAPE.keys} steps per batch, one run per client`;

async function ingestRows(): Promise<BenchRow[]> {
  const raw = await rawInsertRate({ runs: SIZES.clients, batchesPerRun: SIZES.measuredBatches, shape: DEFAULT_SHAPE });
  const run = await ingest({ clients: SIZES.clients, measuredBatches: SIZES.measuredBatches, totalPoints: SIZES.totalPoints, shape: DEFAULT_SHAPE });
  const m = run.measured;
  const rate = m.points / m.seconds;
  const ratio = rate / raw.rowsPerSecond;
  const sustained = run.total.points / run.total.seconds;
  return [
    {
      name: '(a) raw insert limit: better-sqlite3, metrics table DDL + indexes, 1,000-row transactions',
      value: raw.rowsPerSecond,
      unit: 'rows/s',
      notes: `${raw.rows} rows in ${raw.seconds.toFixed(1)} s, the same rows as (b)`,
    },
    {
      name: '(b) ingest: GraphQL logBatch over HTTP, 1,000-point batches, 4 clients',
      value: rate,
      unit: 'points/s',
      notes: `${m.points} points in ${m.seconds.toFixed(1)} s; ${shapeNote}; server CPU ${m.serverCpuSeconds.toFixed(1)} s, load clients ${m.clientCpuSeconds.toFixed(1)} s; MLflow 2.12.2 here: 17,576 points/s`,
    },
    { name: '(b) ingest / raw insert limit', value: ratio, unit: 'x', target: '>= 0.5', pass: ratio >= 0.5 },
    { name: '(b) ingest batch latency p50', value: p50(m.latencies), unit: 'ms', notes: 'MLflow 2.12.2 here: 156 ms' },
    { name: '(b) ingest batch latency p99', value: p99(m.latencies), unit: 'ms', notes: 'MLflow 2.12.2 here: 1,034 ms' },
    {
      name: `(f) server RSS after ingesting ${SIZES.totalPoints.toLocaleString('en-US')} points`,
      value: run.server.rss / MB,
      unit: 'MB',
      target: '<= 300',
      pass: run.server.rss / MB <= 300,
      notes: `idle before ingest ${(run.idleRss / MB).toFixed(0)} MB`,
    },
    { name: '(f) server peak RSS during that ingest', value: run.server.peakRss / MB, unit: 'MB' },
    {
      name: `(f) sustained ingest over all ${SIZES.totalPoints.toLocaleString('en-US')} points`,
      value: sustained,
      unit: 'points/s',
      notes: `${run.total.seconds.toFixed(0)} s`,
    },
  ];
}

async function runsRows(): Promise<BenchRow[]> {
  const { latencies, seedSeconds } = await runsQuery({ runs: SIZES.runs, params: 20, metrics: 10, requests: SIZES.requests });
  const what = `${SIZES.runs.toLocaleString('en-US')} runs x 20 params x 10 metrics, param + metric filter, ordered by a metric, first 100 with params and latest metrics`;
  return [
    { name: `(c) runs query p50: ${what}`, value: p50(latencies), unit: 'ms', target: '<= 20', pass: p50(latencies) <= 20, notes: `seeded in ${seedSeconds.toFixed(0)} s; MLflow 2.12.2 here: p50 431 ms` },
    { name: '(c) runs query p99', value: p99(latencies), unit: 'ms' },
  ];
}

async function historyRows(): Promise<BenchRow[]> {
  const { full, zoom, seedSeconds } = await history({ points: SIZES.historyPoints, maxPoints: 1000, requests: SIZES.requests });
  const what = `${SIZES.historyPoints.toLocaleString('en-US')}-point series -> 1,000 buckets`;
  return [
    { name: `(d) metricHistory p50: ${what}`, value: p50(full), unit: 'ms', target: '<= 30', pass: p50(full) <= 30, notes: `seeded in ${seedSeconds.toFixed(0)} s; MLflow 2.12.2 get-history-bulk-interval here: p50 22.7 s` },
    { name: '(d) metricHistory p99', value: p99(full), unit: 'ms' },
    { name: '(d) metricHistory zoom (random 5-50% window) p50', value: p50(zoom), unit: 'ms' },
    { name: '(d) metricHistory zoom p99', value: p99(zoom), unit: 'ms' },
  ];
}

async function liveRows(): Promise<BenchRow[]> {
  const { latencies } = await liveLatency({ subscribers: SIZES.subscribers, writes: SIZES.liveWrites, gapMs: 10 });
  const what = `${SIZES.subscribers} graphql-ws subscriptions on one run, single-point logBatch`;
  return [
    { name: `(e) log-to-subscriber latency p50: ${what}`, value: p50(latencies), unit: 'ms', target: '<= 5', pass: p50(latencies) <= 5, notes: `${latencies.length} deliveries` },
    { name: '(e) log-to-subscriber latency p99', value: p99(latencies), unit: 'ms', target: '<= 25', pass: p99(latencies) <= 25 },
  ];
}
