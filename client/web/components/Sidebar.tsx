import { createQuery } from '@urql/solid';
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { client, errorText, mutate, reconnects } from '../data/client.js';
import {
  CreateExperimentDoc,
  DeleteExperimentDoc,
  ExperimentChangedDoc,
  ExperimentsListDoc,
  RenameExperimentDoc,
  RestoreExperimentDoc,
} from '../data/operations.js';
import { formatAgo, now } from '../lib/format.js';
import { experimentPath, href, navigate } from '../lib/router.js';

/**
 * The experiments sidebar: every experiment with its run count and last activity, live
 * (experimentChanged), searchable by name; create, rename, delete, and restore from the deleted view.
 * Checking several experiments shows their runs in one table.
 */
export function Sidebar(props: { selected: string[]; onMessage(text: string): void }) {
  const [deletedView, setDeletedView] = createSignal(false);
  const [search, setSearch] = createSignal('');
  const [creating, setCreating] = createSignal(false);
  const [renaming, setRenaming] = createSignal<string | undefined>();
  const [list, refetch] = createQuery({
    query: ExperimentsListDoc,
    variables: () => ({ view: deletedView() ? ('DELETED_ONLY' as const) : ('ACTIVE_ONLY' as const) }),
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const sub = client.subscription(ExperimentChangedDoc, {}).subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(reload, 150);
  });
  onCleanup(() => {
    sub.unsubscribe();
    clearTimeout(timer);
  });
  createEffect(on(reconnects, reload, { defer: true }));

  // While the server cannot be reached the list keeps what it showed last (beside the error), rather
  // than emptying itself into "No experiments match".
  type Listed = NonNullable<typeof list.data>['experiments']['edges'];
  const [lastListed, setLastListed] = createSignal<Listed>([]);
  createEffect(() => {
    if (list.data) setLastListed(list.data.experiments.edges);
  });
  const experiments = createMemo(() => {
    const q = search().toLowerCase();
    return lastListed()
      .map((e) => e.node)
      .filter((e) => e.name.toLowerCase().includes(q));
  });

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      reload();
    } catch (error) {
      props.onMessage((error as Error).message);
    }
  };
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...new Set([...props.selected, id])] : props.selected.filter((x) => x !== id);
    if (next.length === 0) return;
    navigate(experimentPath(next[0] as string), next.length > 1 ? { experiments: next.join(',') } : {});
  };

  return (
    <nav class="sidebar" aria-label="Experiments">
      <div class="sidebar-head">
        <h2>Experiments</h2>
        <button type="button" class="icon" title="New experiment" aria-label="New experiment" onClick={() => setCreating(true)}>
          +
        </button>
      </div>
      <input type="search" class="sidebar-search" aria-label="Search experiments" placeholder="Search experiments" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
      <Show when={creating()}>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
            if (!name) return;
            void run(async () => {
              const created = await mutate(CreateExperimentDoc, { name });
              setCreating(false);
              navigate(experimentPath(created.createExperiment.id));
            });
          }}
        >
          <input name="name" aria-label="New experiment name" placeholder="name" autofocus />
          <button type="submit">Create</button>
          <button type="button" onClick={() => setCreating(false)}>Cancel</button>
        </form>
      </Show>
      <Show when={list.error}>
        <p class="error" role="alert">{errorText(list.error)}</p>
      </Show>
      <Show when={!list.fetching || list.data} fallback={<p class="muted">Loading…</p>}>
        <Show when={experiments().length > 0 || list.error} fallback={<p class="muted">{deletedView() ? 'No deleted experiments.' : 'No experiments match.'}</p>}>
          <ul class="experiment-list">
            <For each={experiments()}>
              {(e) => (
                <li classList={{ current: props.selected.includes(e.id) }} data-experiment-id={e.id}>
                  <Show when={!deletedView()}>
                    <input type="checkbox" aria-label={`show ${e.name} in the table`} checked={props.selected.includes(e.id)} onChange={(ev) => toggle(e.id, ev.currentTarget.checked)} />
                  </Show>
                  <Show
                    when={renaming() === e.id}
                    fallback={
                      <a href={href(experimentPath(e.id))} class="experiment-name" title={e.name}>
                        {e.name}
                      </a>
                    }
                  >
                    <form
                      class="inline-form"
                      onSubmit={(ev) => {
                        ev.preventDefault();
                        const name = String(new FormData(ev.currentTarget).get('name') ?? '').trim();
                        void run(async () => {
                          await mutate(RenameExperimentDoc, { id: e.id, name });
                          setRenaming(undefined);
                        });
                      }}
                    >
                      <input name="name" aria-label="Experiment name" value={e.name} autofocus />
                      <button type="submit">Save</button>
                    </form>
                  </Show>
                  <span class="experiment-meta" title={`${e.runCount} runs; last run started ${formatAgo(e.lastRunStartTime, now())}`}>
                    {e.runCount} · {formatAgo(e.lastRunStartTime ?? e.lastUpdateTime, now())}
                  </span>
                  <span class="row-actions">
                    <Show
                      when={!deletedView()}
                      fallback={
                        <button type="button" class="icon" title="Restore" aria-label={`restore ${e.name}`} onClick={() => void run(() => mutate(RestoreExperimentDoc, { id: e.id }))}>
                          ↺
                        </button>
                      }
                    >
                      <button type="button" class="icon" title="Rename" aria-label={`rename ${e.name}`} onClick={() => setRenaming(e.id)}>
                        ✎
                      </button>
                      <button
                        type="button"
                        class="icon"
                        title="Delete"
                        aria-label={`delete ${e.name}`}
                        onClick={() => {
                          if (confirm(`Delete the experiment "${e.name}" and its runs? (It can be restored from the deleted view.)`)) {
                            void run(() => mutate(DeleteExperimentDoc, { id: e.id }));
                          }
                        }}
                      >
                        ✕
                      </button>
                    </Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <label class="sidebar-foot">
        <input type="checkbox" checked={deletedView()} onChange={(e) => setDeletedView(e.currentTarget.checked)} /> show deleted experiments
      </label>
    </nav>
  );
}
