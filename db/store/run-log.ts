import { decodeMetricValue } from '../../common/metric-value.js';
import type { Queryable } from '../connect.js';
import { type KeyValue, type MetricPoint, type Run, type RunChange, SYSTEM_TAGS, type StoreEvent } from '../entities.js';
import { invalid, notFound } from '../errors.js';
import { isLater } from '../metric-order.js';
import type { NewPoint, SeriesRow } from '../repositories/metric-rows.js';
import * as metricWrites from '../repositories/metric-writes.js';
import * as kv from '../repositories/run-key-values.js';
import * as runs from '../repositories/runs.js';
import {
  LIMITS,
  type LongValuePolicy,
  checkKey,
  checkLong,
  checkString,
  checkTagList,
  checkTimestamp,
  checkValueLength,
} from '../validation.js';
import type { StoreCore } from './core.js';
import { activeRun } from './guards.js';
import { summarise } from './pyramid.js';

export interface MetricInput {
  key: unknown;
  /** a number (NaN and ±Infinity allowed) or one of "NaN", "Infinity", "-Infinity" */
  value: unknown;
  step?: unknown;
  timestamp?: unknown;
}

export interface BatchInput {
  metrics?: readonly MetricInput[];
  params?: readonly KeyValue[];
  tags?: readonly KeyValue[];
}

export interface BatchResult {
  run: Run;
  /** points that were new (exact duplicates of stored points are ignored) */
  inserted: number;
}

/**
 * What is logged to a run: metrics, params and tags, through one write path (a single metric or tag is
 * a batch of one). Everything is validated before anything is written; a param that would change, an
 * unknown or deleted run, or any bad value rejects the whole batch. Exact duplicate points are
 * ignored; a write with new points takes the run's next metric seq (docs/architecture.md follows one
 * such write from the request to its rows and to a subscriber).
 */
export class RunLog {
  constructor(private readonly core: StoreCore) {}

  /** Metrics, params and tags in one transaction: all of it is written, or none. */
  async batch(runId: unknown, batch: BatchInput, policy: LongValuePolicy = 'reject') {
    const now = this.core.now();
    const points = checkMetrics(batch.metrics ?? [], now);
    const params = checkParams(batch.params ?? [], policy);
    const tags = checkTagList(batch.tags ?? [], 'tags', policy);
    checkBatchSize(points.length, params.length, tags.length);

    return this.core.write<BatchResult>(async (trx, events) => {
      let run = await activeRun(this.core, trx, runId);
      const kinds: RunChange[] = [];
      if (params.length) {
        await writeParams(trx, run.id, params);
        kinds.push('PARAMS');
      }
      if (tags.length) {
        run = await writeTags(trx, run, tags, kinds);
      }
      let inserted = 0;
      const event: Extract<StoreEvent, { type: 'run' }> = { type: 'run', runId: run.id, experimentId: run.experimentId, kinds };
      if (points.length) {
        const write = await writeMetrics(this.core, trx, run.id, points);
        inserted = write?.points.length ?? 0;
        if (write) {
          run = { ...run, metricSeq: write.seq };
          kinds.push('METRICS');
          event.metricWrite = { runId: run.id, seq: write.seq, metrics: write.points.map(toMetricPoint) };
          event.latest = write.latest.map(toMetricPoint);
        }
      }
      if (kinds.length) events.push(event);
      return { run, inserted };
    });
  }

  param(runId: unknown, key: unknown, value: unknown, policy: LongValuePolicy = 'reject') {
    return this.batch(runId, { params: [{ key, value } as KeyValue] }, policy);
  }

  metric(runId: unknown, metric: MetricInput) {
    return this.batch(runId, { metrics: [metric] });
  }

  tag(runId: unknown, key: unknown, value: unknown, policy: LongValuePolicy = 'reject') {
    return this.batch(runId, { tags: [{ key, value } as KeyValue] }, policy);
  }

  async deleteTag(runId: string, key: unknown): Promise<Run> {
    const checked = checkString(key, 'key');
    return this.core.write(async (trx, events) => {
      const run = await activeRun(this.core, trx, runId);
      if (!(await kv.remove(trx, 'tags', run.id, checked))) {
        throw notFound(`key: no tag with name ${JSON.stringify(checked)} on run ${run.id}`, 'key');
      }
      events.push({ type: 'run', runId: run.id, experimentId: run.experimentId, kinds: ['TAGS'] });
      return run;
    });
  }
}

function toMetricPoint(p: NewPoint): MetricPoint {
  return { key: p.key, value: p.isNan ? Number.NaN : p.value, step: p.step, timestamp: p.timestamp };
}

async function writeParams(trx: Queryable, runId: string, params: readonly KeyValue[]) {
  const existing = await kv.find(trx, 'params', runId, params.map((p) => p.key));
  const before = new Map(existing.map((p) => [p.key, p.value]));
  const changed = params.filter((p) => before.has(p.key) && before.get(p.key) !== p.value);
  if (changed.length) {
    const list = changed.map((p) => `${p.key} (logged ${JSON.stringify(before.get(p.key))}, new ${JSON.stringify(p.value)})`);
    throw invalid(
      `params: changing param values is not allowed; params are immutable once logged to run ${runId}: ${list.join(', ')}`,
      'params',
    );
  }
  await kv.insertNew(trx, 'params', runId, params.filter((p) => !before.has(p.key)));
}

/** Tags overwrite; the run's name follows mlflow.runName, its parent follows mlflow.parentRunId. */
export async function writeTags(trx: Queryable, run: Run, tags: readonly KeyValue[], kinds: RunChange[]): Promise<Run> {
  // Last value wins inside one request.
  const last = new Map(tags.map((t) => [t.key, t.value]));
  // An empty mlflow.runName is ignored, as in MLflow (and updateRun): name and tag stay in sync.
  if (last.get(SYSTEM_TAGS.runName) === '') last.delete(SYSTEM_TAGS.runName);
  await kv.upsert(trx, 'tags', run.id, [...last].map(([key, value]) => ({ key, value })));
  kinds.push('TAGS');
  const name = last.get(SYSTEM_TAGS.runName);
  const parent = last.get(SYSTEM_TAGS.parentRunId);
  const patch: { name?: string; parentRunId?: string } = {};
  if (name && name !== run.name) patch.name = name;
  if (parent !== undefined && parent !== run.parentRunId) {
    await checkParent(trx, run.id, parent);
    patch.parentRunId = parent;
  }
  if (Object.keys(patch).length === 0) return run;
  await runs.update(trx, run.id, patch);
  if (patch.name) kinds.push('UPDATED');
  return { ...run, ...patch };
}

/** Parent links make a tree: a run cannot be its own parent, nor an ancestor of its parent. */
const MAX_NESTING = 10_000;
async function checkParent(trx: Queryable, runId: string, parent: string) {
  const field = `tags.${SYSTEM_TAGS.parentRunId}`;
  if (parent === runId) throw invalid(`${field}: run ${runId} cannot be its own parent`, field);
  if (parent !== '' && (await runs.parentChainReaches(trx, parent, runId, MAX_NESTING))) {
    throw invalid(`${field}: run ${parent} descends from run ${runId}, so it cannot be its parent (parent links may not form a cycle)`, field);
  }
}

interface MetricWriteResult {
  seq: number;
  points: NewPoint[];
  latest: NewPoint[];
}

async function writeMetrics(core: StoreCore, trx: Queryable, runId: string, points: readonly NewPoint[]) {
  const seq = await runs.nextMetricSeq(trx, runId);
  const fresh = await metricWrites.insertPoints(core.db, trx, runId, seq, points);
  if (fresh.length === 0) {
    // Every point was an exact duplicate (a replayed batch): no seq, no event.
    await runs.releaseMetricSeq(trx, runId);
    return undefined;
  }
  const byKey = groupByKey(fresh, seq);
  const latest = latestCandidates(byKey);
  const changed = await metricWrites.upsertLatest(core.db, trx, runId, latest);
  await metricWrites.upsertBuckets(core.db, trx, runId, summarise(byKey));
  return { seq, points: fresh, latest: latest.filter((c) => changed.has(c.key)) } satisfies MetricWriteResult;
}

function groupByKey(points: readonly NewPoint[], seq: number): Map<string, SeriesRow[]> {
  const byKey = new Map<string, SeriesRow[]>();
  for (const p of points) {
    let list = byKey.get(p.key);
    if (!list) byKey.set(p.key, (list = []));
    list.push({ step: p.step, timestamp: p.timestamp, seq, value: p.value, isNan: p.isNan });
  }
  return byKey;
}

/** Per key, the write's candidate for latest_metrics: its max by (step, timestamp, value), NaN as 0. */
function latestCandidates(byKey: Map<string, SeriesRow[]>): metricWrites.LatestCandidate[] {
  const out: metricWrites.LatestCandidate[] = [];
  for (const [key, list] of byKey) {
    let best = list[0] as SeriesRow;
    let minStep = best.step;
    for (const p of list) {
      if (p.step < minStep) minStep = p.step;
      if (isLater(p, best)) best = p;
    }
    out.push({ key, step: best.step, timestamp: best.timestamp, value: best.value, isNan: best.isNan, minStep, count: list.length });
  }
  return out;
}

function checkMetrics(list: readonly MetricInput[], now: number): NewPoint[] {
  if (!Array.isArray(list)) throw invalid('metrics: a list is required', 'metrics');
  // A batch repeats a few keys many times: each distinct key is checked once. Field names are built
  // only for an error message (this loop runs for every point logged).
  const goodKeys = new Set<string>();
  return list.map((m, i) => {
    if (m === null || typeof m !== 'object') throw invalid(`${at(i)}: an object is required`, at(i));
    const key = typeof m.key === 'string' && goodKeys.has(m.key) ? m.key : checkKey(m.key, at(i, 'key'));
    goodKeys.add(key);
    const value = decodeMetricValue(m.value);
    if (value === undefined) {
      throw invalid(`${at(i, 'value')}: a number or one of "NaN", "Infinity", "-Infinity" is required, got ${JSON.stringify(m.value)}`, at(i, 'value'));
    }
    const step = m.step === undefined || m.step === null ? 0 : isLong(m.step) ? m.step : checkLong(m.step, at(i, 'step'));
    const timestamp =
      m.timestamp === undefined || m.timestamp === null
        ? now
        : isLong(m.timestamp) && m.timestamp >= 0
          ? m.timestamp
          : checkTimestamp(m.timestamp, at(i, 'timestamp'));
    const isNan = Number.isNaN(value) ? 1 : 0;
    return { key, step, timestamp, value: isNan ? 0 : value, isNan };
  });
}

const at = (i: number, name?: string) => (name ? `metrics[${i}].${name}` : `metrics[${i}]`);
/** checkLong's test without its field name, so the usual valid value builds no string. */
const isLong = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

function checkParams(list: readonly KeyValue[], policy: LongValuePolicy): KeyValue[] {
  if (!Array.isArray(list)) throw invalid('params: a list is required', 'params');
  const params = list.map((p, i) => {
    const field = `params[${i}]`;
    if (p === null || typeof p !== 'object') throw invalid(`${field}: an object is required`, field);
    const key = checkKey(p.key, `${field}.key`);
    const value = checkValueLength(checkString(p.value, `${field}.value`), LIMITS.paramValueLength, `${field}.value`, policy);
    return { key, value };
  });
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const p of params) (seen.has(p.key) ? duplicates : seen).add(p.key);
  if (duplicates.size) {
    throw invalid(
      `params: duplicate param keys in one request: ${[...duplicates].map((k) => JSON.stringify(k)).join(', ')}; send one value per key`,
      'params',
    );
  }
  return params;
}

function checkBatchSize(metricCount: number, paramCount: number, tagCount: number) {
  if (metricCount > LIMITS.metricsPerBatch) {
    throw invalid(`metrics: a batch can contain at most ${LIMITS.metricsPerBatch} metrics, got ${metricCount}; split it across requests`, 'metrics');
  }
  if (paramCount > LIMITS.paramsPerBatch) {
    throw invalid(`params: a batch can contain at most ${LIMITS.paramsPerBatch} params, got ${paramCount}; split it across requests`, 'params');
  }
  if (tagCount > LIMITS.tagsPerBatch) {
    throw invalid(`tags: a batch can contain at most ${LIMITS.tagsPerBatch} tags, got ${tagCount}; split it across requests`, 'tags');
  }
  const total = metricCount + paramCount + tagCount;
  if (total > LIMITS.entitiesPerBatch) {
    throw invalid(`a batch can contain at most ${LIMITS.entitiesPerBatch} metrics, params and tags together, got ${total}`, 'metrics');
  }
}

