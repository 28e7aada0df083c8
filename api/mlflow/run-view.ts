import { LimitError } from '../../db/errors.js';
import { LIMITS, type Run, type TrackingStore } from '../../db/store/index.js';
import { type RunParts, runJson } from './proto-json.js';

// A page may hold up to 50,000 runs; their details are read this many runs at a time.
const CHUNK = 500;

/**
 * MLflow's Run messages for a page of runs, read a chunk at a time until the page's params, tags and
 * metrics reach `maxEntries` (at least one chunk is read): `runs` holds the messages of the first
 * `runs.length` runs, and the caller pages on from there. A page of 50,000 runs with 100 params each
 * would otherwise be one answer of 5,000,000 entries.
 */
export async function runsJsonWithin(
  store: TrackingStore,
  runs: readonly Run[],
  maxEntries = LIMITS.rowsPerRead,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let entries = 0;
  let chunk = CHUNK;
  for (let i = 0; i < runs.length && (i === 0 || entries < maxEntries); ) {
    let part: Awaited<ReturnType<typeof runsJsonChunk>>;
    try {
      part = await runsJsonChunk(store, runs.slice(i, i + chunk));
    } catch (error) {
      // Runs with very many params: one read of this chunk would pass the store's row cap. Fewer at a time.
      if (error instanceof LimitError && chunk > 1) {
        chunk = Math.ceil(chunk / 2);
        continue;
      }
      throw error;
    }
    out.push(...part.json);
    entries += part.entries;
    i += chunk;
  }
  return out;
}

async function runsJson(store: TrackingStore, runs: readonly Run[]): Promise<Record<string, unknown>[]> {
  return (await runsJsonChunk(store, runs)).json;
}

/** Loads what MLflow's Run message carries (latest metrics, params, tags, inputs, outputs) for many runs at once. */
async function runsJsonChunk(store: TrackingStore, runs: readonly Run[]): Promise<{ json: Record<string, unknown>[]; entries: number }> {
  const ids = runs.map((r) => r.id);
  const [params, tags, metrics, inputs, outputs] = await Promise.all([
    store.runs.paramsOf(ids),
    store.runs.tagsOf(ids),
    store.runs.latestMetricsOf(ids),
    store.inputs.of(ids),
    store.models.outputsOf(ids),
  ]);
  const parts = new Map<string, RunParts>(
    ids.map((id) => [id, { params: [], tags: [], metrics: [], inputs: inputs.get(id) ?? { datasetInputs: [], modelInputs: [] }, outputs: [] }]),
  );
  for (const { runId, key, value } of params) parts.get(runId)?.params.push({ key, value });
  for (const { runId, key, value } of tags) parts.get(runId)?.tags.push({ key, value });
  for (const { runId, ...metric } of metrics) parts.get(runId)?.metrics.push(metric);
  for (const { runId, modelId, step } of outputs) parts.get(runId)?.outputs.push({ modelId, step });
  return { json: runs.map((run) => runJson(run, parts.get(run.id) as RunParts)), entries: runs.length + params.length + tags.length + metrics.length };
}

export async function runJsonOf(store: TrackingStore, run: Run) {
  return (await runsJson(store, [run]))[0] as Record<string, unknown>;
}
