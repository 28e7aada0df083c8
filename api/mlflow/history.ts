import { BULK_INTERVAL_MAX_RESULTS, type TrackingStore, decodePointCursor, encodePointCursor } from '../../db/store/index.js';
import { mlflowError } from './errors.js';
import { invalidParam } from './fields.js';
import { metricJson } from './proto-json.js';
import type { Call, Endpoint } from './router.js';

/**
 * Metric history. get-history pages the exact series with the store's keyset cursor and returns a
 * token only while more points follow (clients loop while they get one). MLflow answers a request
 * without max_results with the whole series at once; trackline answers at most HISTORY_MAX_RESULTS
 * points per response, with a next_page_token for the rest (the MLflow client asks for 25,000 at a
 * time and follows tokens), so that one request for a long series cannot hold the server's memory.
 * get-history-bulk-interval keeps MLflow's sampling.
 */

const HISTORY_PAGE = 25_000;
const HISTORY_MAX_RESULTS = 100_000;
const BULK_MAX_RUNS = 100;

async function history(store: TrackingStore, runId: string, key: string, limit: number, token: string | undefined) {
  if (!(await store.runs.get(runId))) throw mlflowError('RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
  let after = token ? decodePointCursor(token) : undefined;
  const points: { step: number; timestamp: number; value: number; isNan: number }[] = [];
  for (;;) {
    const want = Math.min(limit - points.length, HISTORY_PAGE);
    const page = await store.history.points(runId, key, want, after);
    points.push(...page.points);
    const last = page.points.at(-1);
    if (!page.hasNextPage || !last) return { points, next: undefined };
    after = { step: last.step, timestamp: last.timestamp, isNan: last.isNan, value: last.value };
    if (points.length >= limit) return { points, next: encodePointCursor(after) };
  }
}

async function getHistory({ fields, store }: Call) {
  const runId = fields.runId();
  const key = fields.requiredString('metric_key');
  const maxResults = fields.int64('max_results');
  if (maxResults !== undefined && maxResults < 0) throw invalidParam('max_results', maxResults, 'It must be a positive integer.');
  const limit = Math.min(maxResults || HISTORY_MAX_RESULTS, HISTORY_MAX_RESULTS);
  const { points, next } = await history(store, runId, key, limit, fields.string('page_token') || undefined);
  return {
    ...(points.length && {
      metrics: points.map((p) => metricJson({ key, step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value })),
    }),
    ...(next && { next_page_token: next }),
  };
}

async function getHistoryBulkInterval({ fields, store }: Call) {
  const runIds = fields.strings('run_ids');
  if (runIds.length === 0) throw mlflowError('INVALID_PARAMETER_VALUE', "Missing value for required parameter 'run_ids'.");
  if (runIds.length > BULK_MAX_RUNS) {
    throw invalidParam('run_ids', runIds.length, `GetMetricHistoryBulkInterval request must specify at most ${BULK_MAX_RUNS} run_ids. Received ${runIds.length} run_ids.`);
  }
  const maxResults = fields.int64('max_results') ?? BULK_INTERVAL_MAX_RESULTS;
  if (maxResults < 1 || maxResults > BULK_INTERVAL_MAX_RESULTS) {
    throw invalidParam('max_results', maxResults, `max_results must be between 1 and ${BULK_INTERVAL_MAX_RESULTS}.`);
  }
  const metrics = await store.history.bulkInterval({
    runIds,
    key: fields.requiredString('metric_key'),
    maxResults,
    startStep: fields.int64('start_step'),
    endStep: fields.int64('end_step'),
  });
  return { ...(metrics.length && { metrics: metrics.map(({ runId, ...m }) => metricJson(m, { run_id: runId })) }) };
}

/**
 * The UI's unsampled bulk read (ajax only): the runs' series, by run then (timestamp, step, value), at
 * most max_results (25,000) points in all, as MLflow's SQL store answers it.
 */
async function getHistoryBulk({ fields, store }: Call) {
  const runIds = fields.strings('run_id');
  const key = fields.requiredString('metric_key');
  if (runIds.length === 0) throw mlflowError('INVALID_PARAMETER_VALUE', 'GetMetricHistoryBulk request must specify at least one run_id.');
  if (runIds.length > BULK_MAX_RUNS) throw invalidParam('run_id', runIds.length, `at most ${BULK_MAX_RUNS} run ids are allowed.`);
  const maxResults = Math.min(fields.int64('max_results') ?? HISTORY_PAGE, HISTORY_PAGE);
  const out: Record<string, unknown>[] = [];
  for (const runId of [...new Set(runIds)].sort()) {
    if (out.length >= maxResults) break;
    const { points } = await history(store, runId, key, maxResults - out.length, undefined);
    points.sort((a, b) => a.timestamp - b.timestamp || a.step - b.step || a.value - b.value);
    for (const p of points) out.push(metricJson({ key, step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value }, { run_id: runId }));
  }
  return { ...(out.length && { metrics: out }) };
}

export const historyEndpoints: Endpoint[] = [
  { method: 'GET', path: '/metrics/get-history', handler: getHistory, read: true },
  { method: 'GET', path: '/metrics/get-history-bulk-interval', handler: getHistoryBulkInterval, read: true },
];

export const ajaxOnlyHistoryEndpoints: Endpoint[] = [{ method: 'GET', path: '/metrics/get-history-bulk', handler: getHistoryBulk, read: true }];
