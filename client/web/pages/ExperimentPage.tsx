import { Show, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { decodeMetricValue } from '../../../common/metric-value.js';
import { ColumnPicker } from '../components/ColumnPicker.js';
import { EmptyExperiment } from '../components/EmptyExperiment.js';
import { FilterBox } from '../components/FilterBox.js';
import { type MetricBest, RunsTable } from '../components/RunsTable.js';
import { client, fetchData, mutate, reconnects } from '../data/client.js';
import { exportRunsCsv } from '../data/export-csv.js';
import {
  DeleteRunsDoc,
  ExperimentMetaDoc,
  MetricRangesDoc,
  RestoreRunsDoc,
  RunChangedDoc,
  RunIdsPageDoc,
  SetRunsTagsDoc,
  UpdateRunDoc,
} from '../data/operations.js';
import { createRunsModel } from '../data/runs-model.js';
import type { RunIdsPageQuery, ViewType } from '../graphql/graphql.js';
import { HIDDEN_BY_DEFAULT, allColumns, metricColumn, orderEntry, parseSort } from '../lib/columns.js';
import { href, listParam, navigate, param, runPath, setParams } from '../lib/router.js';

/** Bulk mutations are sent in chunks of this many ids (the server takes at most 1,000 per call). */
const CHUNK = 500;

interface Meta {
  names: Map<string, string>;
  paramKeys: string[];
  metricKeys: string[];
  missing: string[];
}

/**
 * An experiment's runs (or several experiments' together): the filter, the column picker, bulk actions
 * and CSV export above the live, virtualized runs table. All of the view's state is in the URL.
 */
export function ExperimentPage(props: { experimentId: string; onMessage(text: string): void }) {
  const filter = param('filter');
  const order = param('order');
  const hiddenParam = param('hide');
  const selParam = listParam('sel');
  const highestParam = listParam('highest');
  const viewParam = param('view');
  const flat = param('flat');
  const extra = listParam('experiments');

  const experimentIds = createMemo(() => [...new Set([props.experimentId, ...extra()])], undefined, {
    equals: (a, b) => a.join() === b.join(),
  });
  const view = (): ViewType => (viewParam() === 'deleted' ? 'DELETED_ONLY' : 'ACTIVE_ONLY');
  const selected = createMemo(() => new Set(selParam()));
  // No `hide` in the URL: the default set; `hide=` (empty): every column shown.
  const hidden = createMemo(() => {
    const text = hiddenParam();
    return new Set(text === undefined ? HIDDEN_BY_DEFAULT : text.split(',').filter(Boolean));
  });
  const highest = createMemo(() => new Set(highestParam()));
  const [selectAll, setSelectAll] = createSignal(false);
  const [tableError, setTableError] = createSignal<string | undefined>();
  const [meta, setMeta] = createSignal<Meta | undefined>();
  const [best, setBest] = createSignal(new Map<string, MetricBest>());
  const [busy, setBusy] = createSignal<string | undefined>();

  const query = createMemo(
    () => ({ experimentIds: experimentIds(), filter: filter(), orderBy: order(), view: view(), nested: flat() !== '1' }),
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  const model = createRunsModel(query, setTableError);

  const loadMeta = async () => {
    const ids = experimentIds();
    const results = await Promise.all(ids.map((id) => fetchData(ExperimentMetaDoc, { id }).catch(() => undefined)));
    const names = new Map<string, string>();
    const params = new Set<string>();
    const metrics = new Set<string>();
    const missing: string[] = [];
    results.forEach((r, i) => {
      const e = r?.experiment;
      if (!e) return missing.push(ids[i] as string);
      names.set(e.id, e.name);
      for (const k of e.paramKeys) params.add(k);
      for (const k of e.metricKeys) metrics.add(k);
    });
    setMeta({ names, paramKeys: [...params], metricKeys: [...metrics], missing });
  };

  const columns = createMemo(() => allColumns(meta()?.paramKeys ?? [], meta()?.metricKeys ?? []));
  const visibleColumns = createMemo(() => columns().filter((c) => !hidden().has(c.id)));
  const metricKeysShown = createMemo(() => visibleColumns().filter((c) => c.kind === 'metric').map((c) => c.key));

  const loadBest = async () => {
    const keys = metricKeysShown();
    if (keys.length === 0) return setBest(new Map());
    try {
      const data = await fetchData(MetricRangesDoc, { experimentIds: experimentIds(), filter: filter() || null, view: view(), keys });
      setBest(new Map(data.metricRanges.map((r) => [metricColumn(r.key).id, { min: decodeMetricValue(r.min), max: decodeMetricValue(r.max) }])));
    } catch {
      setBest(new Map());
    }
  };

  // A new search: start over. The subscription follows the experiments shown.
  createEffect(on(query, () => model.reset()));
  createEffect(on(experimentIds, (ids) => {
    void loadMeta();
    model.subscribe(ids);
  }));
  createEffect(on([query, metricKeysShown], () => void loadBest()));
  createEffect(on(reconnects, () => {
    void loadMeta();
    void loadBest();
  }, { defer: true }));

  // New keys and new values: the column list and the best values follow the live events too.
  let metaTimer: ReturnType<typeof setTimeout> | undefined;
  let bestTimer: ReturnType<typeof setTimeout> | undefined;
  const subs = createMemo(() =>
    experimentIds().map((experimentId) =>
      client.subscription(RunChangedDoc, { experimentId }).subscribe((result) => {
        const event = result.data?.runChanged;
        if (!event) return;
        const m = meta();
        const newKey =
          m && (event.run.params.some((p) => !m.paramKeys.includes(p.key)) || event.run.latestMetrics.some((x) => !m.metricKeys.includes(x.key)));
        if (newKey || event.kinds.includes('CREATED') || event.kinds.includes('DELETED')) {
          clearTimeout(metaTimer);
          metaTimer = setTimeout(() => void loadMeta(), 300);
        }
        if (event.kinds.includes('METRICS') || event.kinds.includes('DELETED') || event.kinds.includes('RESTORED')) {
          clearTimeout(bestTimer);
          bestTimer = setTimeout(() => void loadBest(), 400);
        }
      }),
    ),
  );
  createEffect((previous: { unsubscribe(): void }[] | undefined) => {
    for (const s of previous ?? []) s.unsubscribe();
    return subs();
  });
  onCleanup(() => {
    for (const s of subs()) s.unsubscribe();
    clearTimeout(metaTimer);
    clearTimeout(bestTimer);
  });

  const sort = () => parseSort(order());
  const setSelected = (ids: string[], on: boolean) => {
    const next = new Set(selected());
    for (const id of ids) on ? next.add(id) : next.delete(id);
    if (!on) setSelectAll(false);
    setParams({ sel: [...next].join(',') || null }, { replace: true });
  };

  /** The ids a bulk action applies to: the selection, or every run the filter matches. */
  async function targetIds(): Promise<string[]> {
    if (!selectAll()) return [...selected()];
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: RunIdsPageQuery = await fetchData(RunIdsPageDoc, { experimentIds: experimentIds(), filter: filter() || null, view: view(), after });
      ids.push(...data.runs.edges.map((e) => e.node.id));
      if (!data.runs.pageInfo.hasNextPage) return ids;
      after = data.runs.pageInfo.endCursor ?? null;
    }
  }

  async function bulk(label: string, action: (ids: string[]) => Promise<unknown>) {
    try {
      const ids = await targetIds();
      for (let i = 0; i < ids.length; i += CHUNK) {
        setBusy(`${label} ${Math.min(i + CHUNK, ids.length)} / ${ids.length}…`);
        await action(ids.slice(i, i + CHUNK));
      }
      setParams({ sel: null }, { replace: true });
      setSelectAll(false);
      void model.refresh();
    } catch (error) {
      props.onMessage((error as Error).message);
    } finally {
      setBusy(undefined);
    }
  }

  const addTag = () => {
    const text = prompt('Tag to set on the selected runs, as key=value');
    if (!text) return;
    const at = text.indexOf('=');
    if (at <= 0) return props.onMessage('write the tag as key=value');
    const tags = [{ key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() }];
    void bulk('Tagging', (ids) => mutate(SetRunsTagsDoc, { ids, tags }));
  };
  const killStuck = () =>
    void bulk('Ending', async (ids) => {
      for (const id of ids) {
        const run = model.rows[id];
        if (!run || run.status === 'RUNNING') await mutate(UpdateRunDoc, { id, status: 'KILLED', endTime: Date.now() }).catch(() => undefined);
      }
    });

  const exportCsv = async () => {
    try {
      setBusy('Exporting…');
      await exportRunsCsv(
        { experimentIds: experimentIds(), filter: filter() || null, orderBy: order() ? [order() as string] : null, view: view() },
        visibleColumns(),
        (n) => setBusy(`Exporting ${n} runs…`),
        `${[...(meta()?.names.values() ?? [])].join('+') || 'runs'}.csv`,
      );
    } catch (error) {
      props.onMessage((error as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  const title = () => [...(meta()?.names.values() ?? [])].join(' + ');
  const filterError = () => (tableError() && filter() ? tableError() : undefined);
  const count = () => model.total();

  return (
    <section class="experiment-page">
      <Show when={meta()?.missing.length} >
        <div class="error-state" role="alert">
          No experiment with id {meta()?.missing.join(', ')}. <a href="#/">Back to the experiments</a>
        </div>
      </Show>
      <header class="page-head">
        <h1 data-testid="experiment-title">{title() || '…'}</h1>
        <span class="muted" data-testid="run-count">
          <Show when={count() !== undefined} fallback={tableError() ? '' : 'loading…'}>
            {count()} {query().nested ? 'top-level ' : ''}run{count() === 1 ? '' : 's'}
            {filter() ? ' matching' : ''}
          </Show>
        </span>
      </header>
      <div class="toolbar">
        <FilterBox value={filter() ?? ''} error={filterError()} paramKeys={meta()?.paramKeys ?? []} metricKeys={meta()?.metricKeys ?? []} onApply={(f) => setParams({ filter: f || null })} />
        <div class="toolbar-row">
          <label>
            <input type="checkbox" checked={view() === 'DELETED_ONLY'} onChange={(e) => setParams({ view: e.currentTarget.checked ? 'deleted' : null, sel: null })} /> deleted runs
          </label>
          <label title="show child runs under their parent (mlflow.parentRunId)">
            <input type="checkbox" checked={flat() !== '1'} onChange={(e) => setParams({ flat: e.currentTarget.checked ? null : '1' })} /> nested
          </label>
          <ColumnPicker columns={columns()} hidden={hidden()} onChange={(next) => setParams({ hide: [...next].join(',') }, { keepEmpty: true })} />
          <button type="button" onClick={() => void exportCsv()} disabled={!!busy()}>
            Export CSV
          </button>
          <Show when={busy()}>
            <span class="muted" role="status">{busy()}</span>
          </Show>
        </div>
      </div>
      <Show when={selected().size > 0 || selectAll()}>
        <div class="bulk-bar" role="region" aria-label="Selected runs">
          <strong>{selectAll() ? `all ${count() ?? ''} matching runs` : `${selected().size} selected`}</strong>
          <Show when={!selectAll() && count() !== undefined && (count() as number) > selected().size}>
            <button type="button" class="link" onClick={() => setSelectAll(true)}>
              select all {count()} matching
            </button>
          </Show>
          <Show when={!selectAll()}>
            <a class="button" href={href('/compare-runs', { runs: [...selected()].join(','), experiments: experimentIds().join(',') })}>
              Compare
            </a>
          </Show>
          <Show when={view() === 'ACTIVE_ONLY'} fallback={<button type="button" onClick={() => void bulk('Restoring', (ids) => mutate(RestoreRunsDoc, { ids }))}>Restore</button>}>
            <button type="button" onClick={addTag}>Add tag</button>
            <button type="button" onClick={killStuck} title="end RUNNING runs as KILLED">End as KILLED</button>
            <button type="button" class="danger" onClick={() => confirm('Delete the selected runs? (They can be restored from the deleted view.)') && void bulk('Deleting', (ids) => mutate(DeleteRunsDoc, { ids }))}>
              Delete
            </button>
          </Show>
          <button type="button" class="link" onClick={() => { setSelectAll(false); setParams({ sel: null }, { replace: true }); }}>
            clear
          </button>
        </div>
      </Show>
      <Show when={tableError() && !filterError()}>
        <div class="error-state" role="alert">
          Could not load the runs: {tableError()} <button type="button" onClick={() => model.reset()}>Retry</button>
        </div>
      </Show>
      <Show
        when={!(count() === 0 && !filter() && view() === 'ACTIVE_ONLY')}
        fallback={<EmptyExperiment experimentName={title()} />}
      >
        <Show when={count() === 0}>
          <p class="muted empty-note">{filter() ? 'No run matches the filter.' : 'No deleted runs.'}</p>
        </Show>
        <div class="table-wrap">
          {/* Over the table, not above it: appearing must not move the rows the user is reading. */}
          <Show when={model.pending() > 0}>
            <button type="button" class="resort-banner" data-testid="resort" onClick={() => void model.refresh()}>
              {model.pending()} updated, click to re-sort
            </button>
          </Show>
        <RunsTable
          model={model}
          columns={visibleColumns()}
          sort={sort()}
          onSort={(column, descending) => setParams({ order: orderEntry(column, descending) })}
          selected={selected()}
          onSelect={setSelected}
          best={best()}
          highest={highest()}
          onFlipBest={(column) => {
            const next = new Set(highest());
            next.has(column) ? next.delete(column) : next.add(column);
            setParams({ highest: [...next].join(',') || null }, { replace: true });
          }}
          onOpen={(run) => navigate(runPath(run.experimentId, run.id))}
        />
        </div>
      </Show>
    </section>
  );
}
