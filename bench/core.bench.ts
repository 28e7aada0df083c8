import { history } from './core/history.js';
import { type IngestResult, ingest } from './core/ingest.js';
import { liveLatency } from './core/live-latency.js';
import { runsQuery } from './core/runs-query.js';
import { type BatchShape, DEFAULT_SHAPE } from './lib/metric-batches.js';
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
  /** batches per client in each of the 4 measured ingest rounds (and per run in each raw insert round) */
  batchesPerRound: QUICK ? 12 : 125,
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

async function ingestRows(): Promise<BenchRow[]> {
  const rounds = { clients: SIZES.clients, rounds: 4, batchesPerRound: SIZES.batchesPerRound };
  const run = await ingest({ ...rounds, totalPoints: SIZES.totalPoints, shape: DEFAULT_SHAPE, settleSeconds: 10 });
  // The same with one key per batch (1,000 consecutive steps): about 90 pyramid rows per batch, not 230.
  const oneKey = await ingest({ ...rounds, totalPoints: 0, shape: ONE_KEY });
  return [
    ...ingestFigures(run, DEFAULT_SHAPE),
    ...ingestFigures(oneKey, ONE_KEY),
    {
      name: `(f) server RSS after ingesting ${SIZES.totalPoints.toLocaleString('en-US')} points`,
      value: run.server.rss / MB,
      unit: 'MB',
      target: '<= 300',
      pass: run.server.rss / MB <= 300,
      notes: `idle before ingest ${(run.idleRss / MB).toFixed(0)} MB`,
    },
    { name: '(f) server peak RSS during that ingest', value: run.server.peakRss / MB, unit: 'MB' },
    { name: '(f) server RSS 10 s after that ingest ended', value: run.settledRss / MB, unit: 'MB' },
    {
      name: `(f) sustained ingest over all ${SIZES.totalPoints.toLocaleString('en-US')} points`,
      value: run.total.points / run.total.seconds,
      unit: 'points/s',
      notes: `${run.total.seconds.toFixed(0)} s`,
    },
  ];
}

const ONE_KEY: BatchShape = { keys: 1, pointsPerBatch: 1000 };

function ingestFigures(run: IngestResult, shape: BatchShape): BenchRow[] {
  const shapeName = `${shape.keys} key${shape.keys > 1 ? 's' : ''} x ${shape.pointsPerBatch / shape.keys} steps`;
  const raw = run.raw.points / run.raw.seconds;
  const m = run.measured;
  const rate = m.points / m.seconds;
  const ratio = rate / raw;
  const rawCpu = (run.raw.cpuSeconds * 1e6) / run.raw.points;
  const serverCpu = (m.cpuSeconds * 1e6) / m.points;
  return [
    {
      name: `(a) raw insert limit [${shapeName}]: better-sqlite3, metrics table DDL + indexes, 1,000-row transactions`,
      value: raw,
      unit: 'rows/s',
      notes: `${run.raw.points} rows in ${run.raw.seconds.toFixed(1)} s, the same rows as (b), in 4 rounds alternating with (b)`,
    },
    {
      name: `(b) ingest [${shapeName}]: GraphQL logBatch over HTTP, 1,000-point batches, 4 clients, one run each`,
      value: rate,
      unit: 'points/s',
      notes: `${m.points} points in ${m.seconds.toFixed(1)} s; load clients used ${m.clientCpuSeconds.toFixed(1)} s CPU; MLflow 2.12.2 here: 17,576 points/s`,
    },
    { name: `(b) ingest / raw insert limit [${shapeName}]`, value: ratio, unit: 'x', target: '>= 0.5', pass: ratio >= 0.5 },
    {
      name: `(b) CPU per point: raw insert / server [${shapeName}]`,
      value: rawCpu / serverCpu,
      unit: 'x',
      notes: `raw ${rawCpu.toFixed(2)} us/row, server ${serverCpu.toFixed(2)} us/point: the same ratio on CPU time, which other load on the machine disturbs less`,
    },
    { name: `(b) ingest batch latency p50 [${shapeName}]`, value: p50(m.latencies), unit: 'ms', notes: 'MLflow 2.12.2 here: 156 ms' },
    { name: `(b) ingest batch latency p99 [${shapeName}]`, value: p99(m.latencies), unit: 'ms', notes: 'MLflow 2.12.2 here: 1,034 ms' },
  ];
}

async function runsRows(): Promise<BenchRow[]> {
  const { latencies, idsOnly, seedSeconds } = await runsQuery({ runs: SIZES.runs, params: 20, metrics: 10, requests: SIZES.requests });
  const what = `${SIZES.runs.toLocaleString('en-US')} runs x 20 params x 10 metrics, param + metric filter, ordered by a metric, first 100 with params and latest metrics`;
  return [
    { name: `(c) runs query p50: ${what}`, value: p50(latencies), unit: 'ms', target: '<= 20', pass: p50(latencies) <= 20, notes: `seeded in ${seedSeconds.toFixed(0)} s; MLflow 2.12.2 here: p50 431 ms` },
    { name: '(c) runs query p99', value: p99(latencies), unit: 'ms' },
    { name: '(c) the same search asking only id and name per run, p50', value: p50(idsOnly), unit: 'ms', notes: 'the rest of (c) is reading and serialising 2,000 params and 1,000 metrics' },
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
  const { latencies, responses, firstArrivals } = await liveLatency({ subscribers: SIZES.subscribers, writes: SIZES.liveWrites, gapMs: 10 });
  const what = `${SIZES.subscribers} graphql-ws subscriptions on one run, single-point logBatch`;
  return [
    { name: `(e) log-to-subscriber latency p50: ${what}`, value: p50(latencies), unit: 'ms', target: '<= 5', pass: p50(latencies) <= 5, notes: `${latencies.length} deliveries` },
    { name: '(e) log-to-subscriber latency p99', value: p99(latencies), unit: 'ms', target: '<= 25', pass: p99(latencies) <= 25 },
    { name: '(e) first of the 50 subscribers to receive, p50', value: p50(firstArrivals), unit: 'ms' },
    {
      name: '(e) the logBatch HTTP response, p50',
      value: p50(responses),
      unit: 'ms',
      notes: 'events go out after commit and before the response, so it includes the fan-out to the 50 subscriptions',
    },
  ];
}
