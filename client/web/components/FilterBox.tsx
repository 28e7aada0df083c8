import { For, Show, createEffect, createMemo, createSignal } from 'solid-js';
import { quoteKey } from '../lib/columns.js';

const ATTRIBUTES = ['run_name', 'status', 'start_time', 'end_time', 'user_id', 'run_id', 'artifact_uri'];
const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', 'IN'];

interface Props {
  value: string;
  onApply(filter: string): void;
  /** the server's message for the applied filter, shown beside the box */
  error: string | undefined;
  paramKeys: readonly string[];
  metricKeys: readonly string[];
}

/**
 * The filter box: MLflow's search syntax (`metrics.mse < 5 and params.degree = '2'`), applied on
 * Enter, with suggestions for the word being typed (entities, then that entity's keys, then operators).
 */
export function FilterBox(props: Props) {
  const [text, setText] = createSignal(props.value);
  const [open, setOpen] = createSignal(false);
  const [highlight, setHighlight] = createSignal(0);
  // Where the caret is: suggestions are for the word before it.
  const [caret, setCaret] = createSignal(props.value.length);
  let input!: HTMLInputElement;
  createEffect(() => {
    setText(props.value);
    setCaret(props.value.length);
  });

  const suggestions = createMemo(() => {
    const value = text().slice(0, caret());
    const words = value.split(/\s+/);
    const word = words.at(-1) ?? '';
    const previous = words.at(-2) ?? '';
    // After an identifier and a space: the operators.
    if (word === '' && /^(metrics|params|tags|attributes)\.\S+$/.test(previous)) return OPERATORS.map((op) => ({ label: op, insert: `${op} ` }));
    const dot = word.indexOf('.');
    if (dot < 0) {
      if (word === '' && words.length > 1 && !/^(and)$/i.test(previous) && previous !== '') return [{ label: 'and', insert: 'and ' }];
      return ['metrics.', 'params.', 'tags.', 'attributes.']
        .filter((e) => e.startsWith(word.toLowerCase()) && e !== word)
        .map((e) => ({ label: e, insert: e }));
    }
    const entity = word.slice(0, dot);
    const partial = word.slice(dot + 1).replace(/^`/, '');
    const keys = entity === 'metrics' ? props.metricKeys : entity === 'params' ? props.paramKeys : entity === 'attributes' ? ATTRIBUTES : [];
    return keys
      .filter((k) => k.startsWith(partial) && k !== partial)
      .slice(0, 12)
      .map((k) => ({ label: `${entity}.${k}`, insert: `${entity}.${quoteKey(k)} ` }));
  });

  const accept = (insert: string) => {
    const before = text().slice(0, caret()).replace(/\S*$/, '');
    const next = `${before}${insert}${text().slice(caret())}`;
    const at = before.length + insert.length;
    setText(next);
    setCaret(at);
    input.focus();
    queueMicrotask(() => input.setSelectionRange(at, at));
    setHighlight(0);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const list = suggestions();
    if (open() && list.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setHighlight((h) => (h + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length);
    } else if (open() && list.length && e.key === 'Tab') {
      e.preventDefault();
      accept((list[highlight()] ?? list[0])!.insert);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setOpen(false);
      props.onApply(text().trim());
    } else if (e.key === 'Escape') setOpen(false);
  };

  return (
    <div class="filter">
      <div class="filter-input">
        <input
          ref={input}
          type="text"
          aria-label="Filter"
          placeholder="metrics.mse < 5 and params.degree = '2'   (Enter to apply)"
          spellcheck={false}
          autocomplete="off"
          aria-autocomplete="list"
          aria-controls="filter-suggestions"
          aria-invalid={props.error ? 'true' : undefined}
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
            setOpen(true);
            setHighlight(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? text().length)}
          onClick={(e) => setCaret(e.currentTarget.selectionStart ?? text().length)}
        />
        <Show when={text() !== ''}>
          <button type="button" class="filter-clear" aria-label="clear the filter" onClick={() => { setText(''); props.onApply(''); }}>
            ×
          </button>
        </Show>
        <Show when={open() && suggestions().length > 0}>
          <ul class="suggestions" id="filter-suggestions" role="listbox" aria-label="suggestions">
            <For each={suggestions()}>
              {(s, i) => (
                <li role="option" aria-selected={i() === highlight()} classList={{ highlighted: i() === highlight() }} onMouseDown={(e) => { e.preventDefault(); accept(s.insert); }}>
                  {s.label}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <Show when={props.error}>
        <div class="filter-error" role="alert">
          {props.error}
        </div>
      </Show>
    </div>
  );
}
