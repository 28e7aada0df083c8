import { For, Show, createMemo, createSignal } from 'solid-js';
import type { Column } from '../lib/columns.js';

/** Shows and hides columns, grouped as the table groups them (Attributes, Params, Metrics by prefix). */
export function ColumnPicker(props: { columns: Column[]; hidden: ReadonlySet<string>; onChange(hidden: Set<string>): void }) {
  const [open, setOpen] = createSignal(false);
  const groups = createMemo(() => {
    const map = new Map<string, Column[]>();
    for (const c of props.columns) map.set(c.group, [...(map.get(c.group) ?? []), c]);
    return [...map];
  });
  const set = (ids: string[], visible: boolean) => {
    const next = new Set(props.hidden);
    for (const id of ids) visible ? next.delete(id) : next.add(id);
    props.onChange(next);
  };
  return (
    <div class="column-picker">
      <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>
        Columns ({props.columns.length - props.hidden.size}/{props.columns.length})
      </button>
      <Show when={open()}>
        <div class="popover" role="dialog" aria-label="Columns">
          <For each={groups()}>
            {([group, columns]) => (
              <fieldset>
                <legend>
                  {group}
                  <button type="button" class="link" onClick={() => set(columns.map((c) => c.id), true)}>all</button>
                  <button type="button" class="link" onClick={() => set(columns.map((c) => c.id), false)}>none</button>
                </legend>
                <For each={columns}>
                  {(c) => (
                    <label>
                      <input type="checkbox" checked={!props.hidden.has(c.id)} onChange={(e) => set([c.id], e.currentTarget.checked)} />
                      {c.kind === 'attribute' ? c.label : c.key}
                    </label>
                  )}
                </For>
              </fieldset>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
