import type { Run, TrackingStore } from '../../db/store/index.js';
import { type RunParts, runJson } from './proto-json.js';

// A page may hold up to 50,000 runs; each id is one bound parameter and SQLite allows 32,766.
const CHUNK = 10_000;

/** Loads what MLflow's Run message carries (latest metrics, params, tags, inputs, outputs) for many runs at once. */
export async function runsJson(store: TrackingStore, runs: readonly Run[]): Promise<Record<string, unknown>[]> {
  if (runs.length > CHUNK) {
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < runs.length; i += CHUNK) out.push(...(await runsJson(store, runs.slice(i, i + CHUNK))));
    return out;
  }
  const ids = runs.map((r) => r.id);
  const [params, tags, metrics, inputs, outputs] = await Promise.all([
    store.paramsOf(ids),
    store.tagsOf(ids),
    store.latestMetricsOf(ids),
    store.inputsOf(ids),
    store.outputsOf(ids),
  ]);
  const parts = new Map<string, RunParts>(
    ids.map((id) => [id, { params: [], tags: [], metrics: [], inputs: inputs.get(id) ?? { datasetInputs: [], modelInputs: [] }, outputs: [] }]),
  );
  for (const { runId, key, value } of params) parts.get(runId)?.params.push({ key, value });
  for (const { runId, key, value } of tags) parts.get(runId)?.tags.push({ key, value });
  for (const { runId, ...metric } of metrics) parts.get(runId)?.metrics.push(metric);
  for (const { runId, modelId, step } of outputs) parts.get(runId)?.outputs.push({ modelId, step });
  return runs.map((run) => runJson(run, parts.get(run.id) as RunParts));
}

export async function runJsonOf(store: TrackingStore, run: Run) {
  return (await runsJson(store, [run]))[0] as Record<string, unknown>;
}
