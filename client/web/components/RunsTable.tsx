import { type VirtualItem, createVirtualizer } from '@tanstack/solid-virtual';
import { For, Index, Show, createEffect, createMemo, createSignal, on } from 'solid-js';
import { type RunRow, type RunsModel, columnValue } from '../data/runs-model.js';
import type { Column } from '../lib/columns.js';
import { formatDuration, formatTime, formatValue, now } from '../lib/format.js';
import { href, runPath } from '../lib/router.js';
import { StatusBadge } from './StatusBadge.js';

const ROW_HEIGHT = 32;
/** More slots than rows can be in view at once (a 4K screen shows about 70, plus overscan). */
const ROW_POOL = 160;
/** the selection column's width: .rt-select in styles.css (a constant inline style would be blocked by the CSP) */
const SELECT_WIDTH = 36;

export interface MetricBest {
  min: number;
  max: number;
}

interface Props {
  model: RunsModel;
  columns: Column[];
  sort: { column: string; descending: boolean } | undefined;
  onSort(column: string, descending: boolean): void;
  selected: ReadonlySet<string>;
  onSelect(ids: string[], on: boolean): void;
  /** best value per metric column id, over the whole filtered set (from the server) */
  best: ReadonlyMap<string, MetricBest>;
  /** columns whose best is the highest value (default: lowest) */
  highest: ReadonlySet<string>;
  onFlipBest(column: string): void;
  onOpen(run: RunRow): void;
}

/**
 * The virtualized runs table (@tanstack/solid-virtual): only the rows in view exist in the DOM, rows
 * come from the model's windows, and each row's cells read the row store, so a live update repaints
 * one cell. Keyboard: arrows / PageUp / PageDown / Home / End move, Space selects, Enter opens.
 */
export function RunsTable(props: Props) {
  let scroller!: HTMLDivElement;
  const [active, setActive] = createSignal(0);
  const width = createMemo(() => SELECT_WIDTH + props.columns.reduce((w, c) => w + c.width, 0));
  const groups = createMemo(() => {
    const out: { group: string; width: number }[] = [];
    for (const c of props.columns) {
      const last = out.at(-1);
      if (last && last.group === c.group) last.width += c.width;
      else out.push({ group: c.group, width: c.width });
    }
    return out;
  });

  const virtualizer = createVirtualizer({
    get count() {
      return props.model.count();
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // Columns are virtualized too: a row renders the columns in view (plus three each side) after a spacer,
  // so a table with 40 columns costs per frame what one with a dozen does.
  const columnVirtualizer = createVirtualizer({
    horizontal: true,
    get count() {
      return props.columns.length;
    },
    getScrollElement: () => scroller,
    estimateSize: (i) => props.columns[i]?.width ?? 100,
    // the selection column sits before the first data column
    paddingStart: SELECT_WIDTH,
    // Measured (npm run bench -- dashboard): rendering 10 columns more each side doubles the frame time
    // of a scroll through a 40-column table.
    overscan: 3,
  });
  createEffect(on(() => props.columns.map((c) => `${c.id}:${c.width}`).join(), () => columnVirtualizer.measure(), { defer: true }));
  const shownColumns = createMemo(() => columnVirtualizer.getVirtualItems().map((v) => props.columns[v.index]).filter((c): c is Column => c !== undefined));
  const leftPad = createMemo(() => Math.max(0, (columnVirtualizer.getVirtualItems()[0]?.start ?? SELECT_WIDTH) - SELECT_WIDTH));

  const slots = createMemo(() => {
    const pool = new Array<VirtualItem | undefined>(ROW_POOL).fill(undefined);
    for (const item of virtualizer.getVirtualItems()) pool[item.index % ROW_POOL] = item;
    return pool;
  });

  // Read the windows the visible rows need: at once when the view settles, at most every 100 ms while
  // it scrolls. A scrollbar dragged from the top to row 70,000 reads the window there, not those passed.
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let lastRead = 0;
  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    const first = items[0]?.index ?? 0;
    const last = items.at(-1)?.index ?? 0;
    const read = () => {
      lastRead = performance.now();
      props.model.showing(first, last);
    };
    clearTimeout(trailing);
    if (!virtualizer.isScrolling) return read();
    const wait = 100 - (performance.now() - lastRead);
    if (wait <= 0) read();
    else trailing = setTimeout(read, wait);
  });
  createEffect(on(() => props.model.count(), () => virtualizer.measure(), { defer: true }));

  const move = (to: number) => {
    const n = props.model.count();
    if (n === 0) return;
    const index = Math.max(0, Math.min(n - 1, to));
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 2);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active() + 1),
      ArrowUp: () => move(active() - 1),
      PageDown: () => move(active() + page),
      PageUp: () => move(active() - page),
      Home: () => move(0),
      End: () => move(props.model.count() - 1),
      ' ': () => {
        const id = props.model.rowAt(active()).id;
        if (id) props.onSelect([id], !props.selected.has(id));
      },
      Enter: () => {
        const id = props.model.rowAt(active()).id;
        const run = id ? props.model.rows[id] : undefined;
        if (run) props.onOpen(run);
      },
    };
    const action = keys[e.key];
    if (action && e.target === scroller) {
      e.preventDefault();
      action();
    }
  };

  const ariaSort = (c: Column) => (props.sort?.column === c.id ? (props.sort.descending ? 'descending' : 'ascending') : 'none');
  const clickHeader = (c: Column) => {
    if (!c.sortable) return;
    const current = props.sort?.column === c.id ? props.sort : undefined;
    // metrics start ascending (lowest first: losses), everything else too; a second click flips.
    props.onSort(c.id, current ? !current.descending : false);
  };

  return (
    <div
      class="runs-table"
      ref={scroller}
      role="grid"
      aria-label="Runs"
      aria-rowcount={props.model.count()}
      tabindex="0"
      onKeyDown={onKeyDown}
      data-testid="runs-table"
    >
      <div class="rt-head" style={{ width: `${width()}px` }} role="rowgroup">
        <div class="rt-groups" aria-hidden="true">
          <div class="rt-group rt-select" />
          <For each={groups()}>{(g) => <div class="rt-group" style={{ width: `${g.width}px` }}>{g.group}</div>}</For>
        </div>
        <div class="rt-row rt-header" role="row">
          <div class="rt-cell rt-select" role="columnheader" />
          <For each={props.columns}>
            {(c) => (
              <div
                class="rt-cell rt-th"
                classList={{ sortable: c.sortable, sorted: props.sort?.column === c.id }}
                role="columnheader"
                data-column={c.id}
                aria-sort={c.sortable ? ariaSort(c) : undefined}
                style={{ width: `${c.width}px` }}
                title={c.sortable ? `${c.id}: click to sort` : c.id}
              >
                <Show when={c.sortable} fallback={<span class="rt-label">{c.label}</span>}>
                  <button type="button" class="rt-sort" onClick={() => clickHeader(c)}>
                    <span class="rt-label">{c.label}</span>
                    <span class="rt-arrow" aria-hidden="true">
                      {props.sort?.column === c.id ? (props.sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </Show>
                <Show when={c.kind === 'metric'}>
                  <button
                    type="button"
                    class="rt-best-dir"
                    title={props.highest.has(c.id) ? 'best = highest (click: lowest)' : 'best = lowest (click: highest)'}
                    aria-label={`best value of ${c.label}: ${props.highest.has(c.id) ? 'highest' : 'lowest'}`}
                    onClick={() => props.onFlipBest(c.id)}
                  >
                    {props.highest.has(c.id) ? '↑' : '↓'}
                  </button>
                </Show>
              </div>
            )}
          </For>
        </div>
      </div>
      <div class="rt-body" role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px`, width: `${width()}px` }}>
        {/* Rows are recycled: row index i lives in slot i % ROW_POOL, so scrolling by 15 rows rewrites the
            text of the 15 rows that came into view, and creates and drops no element. */}
        <Index each={slots()}>
          {(slot) => (
            <Show when={slot()}>
              {(item) => {
            const display = createMemo(() => props.model.rowAt(item().index));
            const run = createMemo(() => {
              const id = display().id;
              return id ? props.model.rows[id] : undefined;
            });
            const selected = () => {
              const r = run();
              return !!r && props.selected.has(r.id);
            };
            return (
              <div
                class="rt-row"
                classList={{ active: active() === item().index, selected: selected(), loading: !run() }}
                role="row"
                aria-rowindex={item().index + 1}
                aria-selected={selected()}
                data-run-id={run()?.id}
                style={{ transform: `translateY(${item().start}px)`, width: `${width()}px` }}
                onClick={() => setActive(item().index)}
              >
                <div class="rt-cell rt-select" role="gridcell">
                  <Show when={run()}>
                    <input
                      type="checkbox"
                      aria-label={`select ${run()?.name ?? ''}`}
                      checked={selected()}
                      onChange={(e) => {
                        const r = run();
                        if (r) props.onSelect([r.id], e.currentTarget.checked);
                      }}
                    />
                  </Show>
                </div>
                <div class="rt-spacer" style={{ width: `${leftPad()}px` }} />
                <For each={shownColumns()}>
                  {(c) => <Cell column={c} run={run()} depth={display().depth} childCount={display().childCount} table={props} />}
                </For>
              </div>
            );
              }}
            </Show>
          )}
        </Index>
      </div>
    </div>
  );
}

function Cell(props: { column: Column; run: RunRow | undefined; depth: number; childCount: number; table: Props }) {
  const c = () => props.column;
  const content = () => {
    const run = props.run;
    if (!run) return '';
    const value = columnValue(run, c(), c().key === 'duration' ? now() : 0);
    if (value === undefined) return '';
    if (c().kind === 'metric') return formatValue(value as number);
    if (c().kind === 'attribute' && c().key === 'startTime') return formatTime(value as number);
    if (c().kind === 'attribute' && c().key === 'duration') return formatDuration(value as number);
    return String(value);
  };
  const isBest = () => {
    if (c().kind !== 'metric' || !props.run) return false;
    const v = props.run.metrics[c().key];
    const best = props.table.best.get(c().id);
    if (v === undefined || !best) return false;
    return props.table.highest.has(c().id) ? v === best.max : v === best.min;
  };
  return (
    <div
      class="rt-cell"
      classList={{ best: isBest(), numeric: c().kind === 'metric' }}
      role="gridcell"
      data-column={c().id}
      style={{ width: `${c().width}px` }}
      title={c().kind === 'metric' && props.run ? String(props.run.metrics[c().key] ?? '') : undefined}
    >
      <Show when={props.run}>
        {(run) => <CellContent column={c()} run={run()} depth={props.depth} childCount={props.childCount} table={props.table} content={content()} />}
      </Show>
    </div>
  );
}

function CellContent(props: { column: Column; run: RunRow; depth: number; childCount: number; table: Props; content: string }) {
  const c = () => props.column;
  return (
    <>
      <Show when={c().key === 'name'} fallback={<Show when={c().key === 'status'} fallback={props.content}><StatusBadge status={props.run.status} /></Show>}>
        <span class="rt-indent" style={{ width: `${props.depth * 16}px` }} />
        <Show when={props.childCount > 0} fallback={<span class="rt-expander-space" />}>
          <button
            type="button"
            class="rt-expander"
            aria-expanded={props.table.model.expanded().has(props.run.id)}
            aria-label={`${props.table.model.expanded().has(props.run.id) ? 'collapse' : 'expand'} ${props.childCount} child runs`}
            onClick={(e) => {
              e.stopPropagation();
              props.table.model.toggle(props.run.id);
            }}
          >
            {props.table.model.expanded().has(props.run.id) ? '▾' : '▸'}
          </button>
        </Show>
        <a class="rt-name" href={href(runPath(props.run.experimentId, props.run.id))} title={props.run.name}>
          {props.run.name}
        </a>
        <Show when={props.childCount > 0}>
          <span class="rt-children">{props.childCount}</span>
        </Show>
      </Show>
    </>
  );
}
