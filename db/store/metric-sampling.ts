import { invalid } from '../errors.js';

/**
 * MLflow's own sampling for get-history-bulk-interval (docs/mlflow-compat.md section 3; handlers.py
 * get_metric_history_bulk_interval_handler): the charts of MLflow's UI expect exactly these points, so
 * this keeps MLflow's algorithm rather than trackline's aligned buckets.
 */

const BULK_INTERVAL_MAX_RUNS = 100;
export const BULK_INTERVAL_MAX_RESULTS = 2500;
export const MAX_POINTS_PER_RUN = 25_000;

export interface BulkIntervalArgs {
  runIds: readonly string[];
  key: string;
  maxResults: number;
  startStep?: number;
  endStep?: number;
}

export function checkBulkIntervalArgs(args: BulkIntervalArgs) {
  if (args.runIds.length === 0) throw invalid('run_ids: at least one run id is required', 'run_ids');
  if (args.runIds.length > BULK_INTERVAL_MAX_RUNS) {
    throw invalid(`run_ids: at most ${BULK_INTERVAL_MAX_RUNS} run ids are allowed, got ${args.runIds.length}`, 'run_ids');
  }
  if (!Number.isInteger(args.maxResults) || args.maxResults < 1 || args.maxResults > BULK_INTERVAL_MAX_RESULTS) {
    throw invalid(`max_results: must be between 1 and ${BULK_INTERVAL_MAX_RESULTS}, got ${args.maxResults}`, 'max_results');
  }
  if ((args.startStep === undefined) !== (args.endStep === undefined)) {
    throw invalid('start_step: if either start_step or end_step is given, both must be given', 'start_step');
  }
  if (args.startStep !== undefined && args.endStep !== undefined && args.startStep > args.endStep) {
    throw invalid(`end_step: must be greater than start_step (start_step=${args.startStep}, end_step=${args.endStep})`, 'end_step');
  }
}

/**
 * The union of all runs' steps, sampled to about maxResults inside [start, end] (default [0, last step]),
 * plus every run's own first and last step inside the window, so each line keeps its ends.
 */
export function sampledSteps(perRun: readonly number[][], maxResults: number, start?: number, end?: number): number[] {
  const all = [...new Set(perRun.flat())].sort((a, b) => a - b);
  const from = start ?? 0;
  const to = end ?? all.at(-1) ?? 0;
  const ends = new Set<number>();
  for (const steps of perRun) {
    if (steps.length === 0) continue;
    for (const s of [steps[0] as number, steps[steps.length - 1] as number]) if (s >= from && s <= to) ends.add(s);
  }
  const sampled = sampleFromSteps(from, to, maxResults, all);
  return [...new Set([...sampled, ...ends])].sort((a, b) => a - b);
}

/** MLflow's _get_sampled_steps_from_steps, including its comparison of an absolute index with a count. */
function sampleFromSteps(start: number, end: number, maxResults: number, all: readonly number[]): number[] {
  const startIdx = lowerBound(all, start);
  const endIdx = upperBound(all, end);
  if (endIdx - startIdx <= maxResults) return all.slice(startIdx, endIdx);
  const count = endIdx - startIdx;
  const interval = count / maxResults;
  const sampled: number[] = [];
  for (let i = 0; i < maxResults; i++) {
    const idx = startIdx + Math.floor(i * interval);
    if (idx < count) sampled.push(all[idx] as number);
  }
  sampled.push(all[endIdx - 1] as number);
  return sampled;
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
