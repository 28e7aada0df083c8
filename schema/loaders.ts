import DataLoader from 'dataloader';
import type { Experiment, KeyValue, MetricPoint, Run, TrackingStore } from '../db/store/index.js';

type ExperimentStats = { runCount: number; lastRunStartTime: number | null };

/**
 * One DataLoader per relation, so a page of runs with params, tags and latest metrics costs one query
 * per relation whatever its size. Created per request; subscriptions `reset()` them per event so each
 * event reads fresh rows.
 */
export class Loaders {
  readonly run: DataLoader<string, Run | undefined>;
  readonly experiment: DataLoader<string, Experiment | undefined>;
  readonly params: DataLoader<string, KeyValue[]>;
  readonly tags: DataLoader<string, KeyValue[]>;
  readonly latestMetrics: DataLoader<string, MetricPoint[]>;
  readonly children: DataLoader<string, Run[]>;
  readonly experimentTags: DataLoader<string, KeyValue[]>;
  readonly experimentStats: DataLoader<string, ExperimentStats>;
  readonly paramKeys: DataLoader<string, string[]>;
  readonly metricKeys: DataLoader<string, string[]>;

  constructor(store: TrackingStore) {
    this.run = new DataLoader(async (ids) => byId(ids, await store.runs.byIds(ids), (r) => r.id));
    this.experiment = new DataLoader(async (ids) => byId(ids, await store.experiments.byIds(ids), (e) => e.id));
    this.params = new DataLoader(async (ids) => grouped(ids, await store.runs.paramsOf(ids), (p) => p.runId, strip));
    this.tags = new DataLoader(async (ids) => grouped(ids, await store.runs.tagsOf(ids), (t) => t.runId, strip));
    this.latestMetrics = new DataLoader(async (ids) =>
      grouped(ids, await store.runs.latestMetricsOf(ids), (m) => m.runId, ({ runId, ...m }) => m),
    );
    this.children = new DataLoader(async (ids) => grouped(ids, await store.runs.childrenOf(ids), (r) => r.parentRunId ?? '', (r) => r));
    this.experimentTags = new DataLoader(async (ids) =>
      grouped(ids, await store.experiments.tagsOf(ids), (t) => t.experimentId, ({ key, value }) => ({ key, value })),
    );
    this.experimentStats = new DataLoader(async (ids) => {
      const stats = await store.experiments.runStats(ids);
      return ids.map((id) => stats.get(id) ?? { runCount: 0, lastRunStartTime: null });
    });
    this.paramKeys = new DataLoader(async (ids) =>
      grouped(ids, await store.experiments.keysOf('params', ids), (k) => k.experimentId, (k) => k.key),
    );
    this.metricKeys = new DataLoader(async (ids) =>
      grouped(ids, await store.experiments.keysOf('metrics', ids), (k) => k.experimentId, (k) => k.key),
    );
  }

  /** Forgets everything loaded so far (subscriptions: each event reads the database anew). */
  reset(): void {
    for (const loader of Object.values(this)) if (loader instanceof DataLoader) loader.clearAll();
  }
}

const strip = ({ key, value }: KeyValue): KeyValue => ({ key, value });

function byId<T>(ids: readonly string[], rows: readonly T[], idOf: (row: T) => string): Array<T | undefined> {
  const map = new Map(rows.map((row) => [idOf(row), row]));
  return ids.map((id) => map.get(id));
}

function grouped<T, U>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string, map: (row: T) => U): U[][] {
  const groups = new Map<string, U[]>();
  for (const row of rows) {
    const key = keyOf(row);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(map(row));
  }
  return ids.map((id) => groups.get(id) ?? []);
}
