import { batch, createSignal, onCleanup } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { decodeMetricValue } from '../../../common/metric-value.js';
import type { RunRowFieldsFragment, ViewType } from '../graphql/graphql.js';
import { type Column, SOURCE_TAG, parseSort } from '../lib/columns.js';
import { client, fetchData, onSocket } from './client.js';
import { RunChangedDoc, RunWindowDoc } from './operations.js';

/**
 * The runs table's data: the rows of a search read in windows of WINDOW rows at their position (a
 * scrollbar dragged to row 70,000 reads only the window there), the nested tree (top-level runs
 * windowed, the children of an expanded run loaded under it), and live updates from runChanged.
 *
 * Live updates patch the row in place (status, duration, metric cells) without moving anything. A
 * change that can move a run elsewhere in the order, or in or out of the filter (a new run, a deleted
 * one, a new value of the sorted metric), re-sorts at once while the user looks at the top of the
 * table, where the best runs are; scrolled deeper, the table keeps its rows still under the user's eyes
 * and counts "N updated, click to re-sort" instead.
 */

const WINDOW = 100;
/** A user whose first visible row is above this is "at the top": live changes re-sort at once. */
const TOP_ROWS = 20;

export interface RunRow {
  id: string;
  name: string;
  status: string;
  startTime: number;
  endTime: number | null;
  userId: string;
  lifecycleStage: string;
  parentRunId: string | null;
  experimentId: string;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  source: string;
  datasets: string[];
}

export function toRow(run: RunRowFieldsFragment): RunRow {
  const tags = Object.fromEntries(run.tags.map((t) => [t.key, t.value]));
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    startTime: run.startTime,
    endTime: run.endTime ?? null,
    userId: run.userId,
    lifecycleStage: run.lifecycleStage,
    parentRunId: run.parentRunId ?? null,
    experimentId: run.experimentId,
    params: Object.fromEntries(run.params.map((p) => [p.key, p.value])),
    metrics: Object.fromEntries(run.latestMetrics.map((m) => [m.key, decodeMetricValue(m.value)])),
    tags,
    source: (tags[SOURCE_TAG] ?? '').split('/').pop() ?? '',
    datasets: run.inputs.datasetInputs.map((d) => `${d.dataset.name} (${d.dataset.digest.slice(0, 8)})`),
  };
}

/**
 * A column's value for a run, as the table and the CSV export both read it: a metric as its number, a
 * duration in ms (a RUNNING run's up to `now`), everything else as text; undefined when the run has none.
 */
export function columnValue(run: RunRow, column: Column, now: number): string | number | undefined {
  switch (column.kind) {
    case 'param':
      return run.params[column.key];
    case 'metric':
      return run.metrics[column.key];
    default:
      switch (column.key) {
        case 'name':
          return run.name;
        case 'status':
          return run.status;
        case 'startTime':
          return run.startTime;
        case 'duration':
          return run.endTime !== null ? run.endTime - run.startTime : run.status === 'RUNNING' ? Math.max(0, now - run.startTime) : undefined;
        case 'userId':
          return run.userId;
        case 'source':
          return run.source;
        case 'datasets':
          return run.datasets.length ? run.datasets.join(', ') : undefined;
        default:
          return undefined;
      }
  }
}

export interface RunsQuery {
  experimentIds: string[];
  filter: string | undefined;
  orderBy: string | undefined;
  view: ViewType;
  nested: boolean;
}

/** One display row: a run (or a placeholder while its window loads) at a depth of the tree. */
export interface DisplayRow {
  id: string | undefined;
  depth: number;
  childCount: number;
}

export function createRunsModel(query: () => RunsQuery, onError: (message: string | undefined) => void) {
  const [rows, setRows] = createStore<Record<string, RunRow>>({});
  const [total, setTotal] = createSignal<number | undefined>(undefined);
  // Top-level windows: index -> run ids; a window being read is `null`.
  const [windows, setWindows] = createSignal(new Map<number, string[] | null>(), { equals: false });
  const [childCounts, setChildCounts] = createStore<Record<string, number>>({});
  const [children, setChildren] = createSignal(new Map<string, string[]>(), { equals: false });
  const [expanded, setExpanded] = createSignal(new Set<string>(), { equals: false });
  const [pending, setPending] = createSignal(0);
  const [loading, setLoading] = createSignal(true);
  let generation = 0;
  let firstVisible = 0;

  const variables = (offset: number, first: number, parentRunId: string | null = null) => {
    const q = query();
    return {
      experimentIds: q.experimentIds,
      filter: q.filter || null,
      orderBy: q.orderBy ? [q.orderBy] : null,
      view: q.view,
      offset,
      first,
      nested: q.nested,
      parentRunId,
    };
  };

  function store(list: { run: RunRowFieldsFragment; childCount?: number | null }[]) {
    setRows(
      produce((all) => {
        for (const { run } of list) all[run.id] = toRow(run);
      }),
    );
    setChildCounts(
      produce((all) => {
        for (const { run, childCount } of list) all[run.id] = childCount ?? 0;
      }),
    );
  }

  async function readWindow(index: number, gen: number): Promise<string[] | undefined> {
    try {
      const data = await fetchData(RunWindowDoc, variables(index * WINDOW, WINDOW));
      if (gen !== generation) return undefined;
      store(data.runWindow.rows);
      setTotal(data.runWindow.totalCount);
      onError(undefined);
      return data.runWindow.rows.map((r) => r.run.id);
    } catch (error) {
      if (gen === generation) onError((error as Error).message);
      return undefined;
    }
  }

  async function loadWindow(index: number) {
    const gen = generation;
    if (windows().has(index)) return;
    windows().set(index, null);
    const ids = await readWindow(index, gen);
    if (gen !== generation) return;
    if (ids) windows().set(index, ids);
    else windows().delete(index);
    setWindows(windows());
    setLoading(false);
  }

  async function loadChildren(parentId: string) {
    const gen = generation;
    try {
      const data = await fetchData(RunWindowDoc, variables(0, 1000, parentId));
      if (gen !== generation) return;
      store(data.runWindow.rows);
      children().set(parentId, data.runWindow.rows.map((r) => r.run.id));
      setChildren(children());
    } catch (error) {
      onError((error as Error).message);
    }
  }

  /** Starts over: a new search (filter, sort, view, experiments). */
  function reset() {
    generation++;
    batch(() => {
      setWindows(new Map());
      setChildren(new Map());
      setPending(0);
      setLoading(true);
      setTotal(undefined);
    });
    void loadWindow(0);
    for (const id of expanded()) void loadChildren(id);
  }

  /** Re-reads the windows in view (and expanded children), then swaps them in at once: no flicker. */
  async function refresh() {
    const gen = ++generation;
    const visible = [...windows().keys()].filter((w) => Math.abs(w * WINDOW - firstVisible) <= 2 * WINDOW);
    if (!visible.includes(Math.floor(firstVisible / WINDOW))) visible.push(Math.floor(firstVisible / WINDOW));
    setPending(0);
    const read = await Promise.all(visible.map(async (w) => [w, await readWindow(w, gen)] as const));
    if (gen !== generation) return;
    const next = new Map<number, string[] | null>();
    for (const [w, ids] of read) if (ids) next.set(w, ids);
    setWindows(next);
    for (const id of expanded()) void loadChildren(id);
  }

  // ---- the display list: top-level rows with expanded subtrees spliced in ----

  /** Rows an expanded run adds below itself (its loaded children and their expanded subtrees). */
  function extraRows(id: string): number {
    if (!expanded().has(id)) return 0;
    const list = children().get(id) ?? [];
    return list.reduce((n, child) => n + 1 + extraRows(child), 0);
  }

  /** Expanded top-level runs with their top-level index (known while their window is loaded). */
  function expandedTop(): { index: number; id: string; extra: number }[] {
    const out: { index: number; id: string; extra: number }[] = [];
    if (expanded().size === 0) return out;
    for (const [w, ids] of windows()) {
      ids?.forEach((id, i) => {
        if (expanded().has(id)) out.push({ index: w * WINDOW + i, id, extra: extraRows(id) });
      });
    }
    return out.sort((a, b) => a.index - b.index);
  }

  const count = () => (total() ?? 0) + expandedTop().reduce((n, e) => n + e.extra, 0);

  function topLevelId(index: number): string | undefined {
    const ids = windows().get(Math.floor(index / WINDOW));
    return ids?.[index % WINDOW];
  }

  function subtreeRow(id: string, position: number, depth: number): DisplayRow | undefined {
    // position 0 is `id` itself; then its children, each followed by its own expanded subtree.
    if (position === 0) return { id, depth, childCount: childCounts[id] ?? 0 };
    let at = 1;
    for (const child of children().get(id) ?? []) {
      const size = 1 + extraRows(child);
      if (position < at + size) return subtreeRow(child, position - at, depth + 1);
      at += size;
    }
    return undefined;
  }

  function rowAt(display: number): DisplayRow {
    let shift = 0;
    for (const e of expandedTop()) {
      const start = e.index + shift;
      if (display < start) break;
      if (display <= start + e.extra) return subtreeRow(e.id, display - start, 0) ?? { id: undefined, depth: 0, childCount: 0 };
      shift += e.extra;
    }
    const index = display - shift;
    const id = topLevelId(index);
    return { id, depth: 0, childCount: id ? (childCounts[id] ?? 0) : 0 };
  }

  /** The display rows [start, end] came into view: read the windows they need (not the ones passed). */
  function showing(start: number, end: number) {
    const down = start >= firstVisible;
    firstVisible = start;
    let shift = 0;
    for (const e of expandedTop()) if (e.index + shift < start) shift += e.extra;
    // One window ahead in the direction of the scroll: it lands while its rows are still off screen,
    // where storing them re-renders nothing, instead of in the frame that first shows them.
    const from = Math.max(0, start - shift - (down ? 0 : WINDOW));
    const to = Math.max(from, end - shift + (down ? WINDOW : 0));
    for (let w = Math.floor(from / WINDOW); w <= Math.floor(to / WINDOW); w++) {
      if (w * WINDOW < (total() ?? WINDOW)) void loadWindow(w);
    }
  }

  function toggle(id: string) {
    const set = expanded();
    if (set.has(id)) set.delete(id);
    else {
      set.add(id);
      if (!children().has(id)) void loadChildren(id);
    }
    setExpanded(set);
  }

  // ---- live updates ----

  function affectsOrder(kinds: readonly string[], metricKeys: readonly string[]): boolean {
    if (kinds.some((k) => k === 'CREATED' || k === 'DELETED' || k === 'RESTORED')) return true;
    const q = query();
    if (q.filter) return kinds.some((k) => k !== 'ARTIFACTS');
    const sort = parseSort(q.orderBy);
    if (!sort) return false;
    const column = sort.column;
    if (column.startsWith('metrics.')) return kinds.includes('METRICS') && metricKeys.some((k) => column === `metrics.${k}` || column === `metrics.\`${k}\``);
    if (column.startsWith('params.')) return kinds.includes('PARAMS');
    if (column.startsWith('tags.')) return kinds.includes('TAGS');
    if (column === 'derived.duration') return kinds.includes('UPDATED');
    return kinds.includes('UPDATED') || kinds.includes('TAGS');
  }

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh(), 120);
  };

  function applyEvent(event: { kinds: string[]; metrics?: { key: string; value: number | string; step: number; timestamp: number }[] | null; run: RunRowFieldsFragment }) {
    const known = rows[event.run.id];
    if (known) setRows(event.run.id, toRow(event.run));
    const keys = (event.metrics ?? []).map((m) => m.key);
    const q = query();
    if (event.run.parentRunId && q.nested && event.kinds.includes('CREATED') && expanded().has(event.run.parentRunId)) {
      void loadChildren(event.run.parentRunId);
    }
    if (!affectsOrder(event.kinds, keys)) return;
    if (firstVisible < TOP_ROWS) scheduleRefresh();
    else setPending((n) => n + 1);
  }

  // One runChanged subscription per experiment shown; a reconnect refetches what is in view.
  let subscriptions: { unsubscribe(): void }[] = [];
  function subscribe(experimentIds: readonly string[]) {
    for (const s of subscriptions) s.unsubscribe();
    subscriptions = experimentIds.map((experimentId) =>
      client.subscription(RunChangedDoc, { experimentId }).subscribe((result) => {
        if (result.data) applyEvent(result.data.runChanged as never);
      }),
    );
  }
  onCleanup(() => {
    clearTimeout(refreshTimer);
    for (const s of subscriptions) s.unsubscribe();
  });
  onCleanup(onSocket('reconnected', () => void refresh()));

  return {
    rows,
    total,
    count,
    rowAt,
    showing,
    toggle,
    expanded,
    pending,
    loading,
    reset,
    refresh,
    subscribe,
    /** every loaded window's ids in display order (keyboard navigation, CSV of the loaded rows) */
    loadedIds: () => [...windows().entries()].sort((a, b) => a[0] - b[0]).flatMap(([, ids]) => ids ?? []),
  };
}

export type RunsModel = ReturnType<typeof createRunsModel>;
