import { For, Show, Suspense, createEffect, createMemo, createResource, createSignal, lazy, on, onCleanup } from 'solid-js';
import { decodeMetricValue } from '../../../common/metric-value.js';
import { ArtifactBrowser } from '../components/ArtifactBrowser.js';
import { Markdown } from '../components/Markdown.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { client, fetchData, mutate, reconnects } from '../data/client.js';
import { DeleteRunsDoc, DeleteTagDoc, RestoreRunsDoc, RunDetailDoc, RunOwnChangedDoc, SetTagDoc, UpdateRunDoc } from '../data/operations.js';
import { formatDuration, formatTime, formatValue, now } from '../lib/format.js';
import { experimentPath, href, navigate, param, runPath, setParams } from '../lib/router.js';

const ChartGrid = lazy(() => import('../charts/ChartGrid.js'));

const NOTE_TAG = 'mlflow.note.content';
const TABS = ['overview', 'charts', 'artifacts'] as const;

/**
 * One run: overview (status, times, source and git commit from the system tags, parent and children,
 * tags, the note as sanitized markdown, params, latest metrics, logged models, datasets), a chart per
 * metric, and the artifacts. Live: the run is read again whenever runChanged says it changed.
 */
export default function RunPage(props: { runId: string; onMessage(text: string): void }) {
  const tab = param('tab');
  const current = () => (TABS as readonly string[]).includes(tab() ?? '') ? (tab() as (typeof TABS)[number]) : 'overview';
  const [run, { refetch }] = createResource(
    () => props.runId,
    async (id) => (await fetchData(RunDetailDoc, { id })).run,
  );
  createEffect(on(reconnects, () => void refetch(), { defer: true }));

  // Live: this run's runChanged events. A status, name or tag change reads the run again at once; new
  // metric values (the charts have their own stream) at most once a second, for the latest-values table.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let metricsOnly = false;
  createEffect(
    on(
      () => run()?.experimentId,
      (experimentId) => {
        if (!experimentId) return;
        const sub = client.subscription(RunOwnChangedDoc, { experimentId, runId: props.runId }).subscribe((result) => {
          const kinds = result.data?.runChanged.kinds;
          if (!kinds) return;
          const onlyMetrics = kinds.every((k) => k === 'METRICS');
          if (timer && onlyMetrics && metricsOnly) return; // a read is already due
          clearTimeout(timer);
          metricsOnly = onlyMetrics;
          timer = setTimeout(() => {
            timer = undefined;
            void refetch();
          }, onlyMetrics ? 1000 : 50);
        });
        onCleanup(() => sub.unsubscribe());
      },
    ),
  );
  onCleanup(() => clearTimeout(timer));

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await refetch();
    } catch (error) {
      props.onMessage((error as Error).message);
    }
  };
  const tags = createMemo(() => run()?.tags ?? []);
  const tag = (key: string) => tags().find((t) => t.key === key)?.value;
  const userTags = createMemo(() => tags().filter((t) => !t.key.startsWith('mlflow.')));
  const metricKeys = createMemo(() => (run()?.latestMetrics ?? []).map((m) => m.key));
  const names = createMemo(() => new Map([[props.runId, run()?.name ?? props.runId]]));

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      props.onMessage(`Copied ${what}`);
    } catch {
      prompt(`Copy ${what}:`, text);
    }
  };

  return (
    <section class="run-page">
      <Show when={!run.error} fallback={<div class="error-state" role="alert">Could not load the run: {String(run.error?.message ?? run.error)} <button type="button" onClick={() => void refetch()}>Retry</button></div>}>
        <Show when={run() !== undefined || !run.loading} fallback={<p class="muted">Loading the run…</p>}>
          <Show when={run()} fallback={<div class="error-state" role="alert">No run with id {props.runId}. <a href="#/">Back to the experiments</a></div>}>
            {(r) => (
              <>
                <nav class="breadcrumb" aria-label="Breadcrumb">
                  <a href={href(experimentPath(r().experimentId))}>{r().experiment.name}</a> ›{' '}
                  <Show when={r().parent}>{(p) => <><a href={href(runPath(r().experimentId, p().id))}>{p().name}</a> ›{' '}</>}</Show>
                </nav>
                <header class="page-head run-head">
                  <h1 data-testid="run-name">{r().name}</h1>
                  <StatusBadge status={r().status} />
                  <Show when={r().lifecycleStage === 'DELETED'}>
                    <span class="status status-deleted">DELETED</span>
                  </Show>
                  <span class="run-actions">
                    <button type="button" onClick={() => { const name = prompt('New name', r().name); if (name) void act(() => mutate(UpdateRunDoc, { id: r().id, name })); }}>
                      Rename
                    </button>
                    <Show when={r().status === 'RUNNING'}>
                      <button type="button" title="end a run stuck in RUNNING" onClick={() => void act(() => mutate(UpdateRunDoc, { id: r().id, status: 'KILLED', endTime: Date.now() }))}>
                        End as KILLED
                      </button>
                    </Show>
                    <Show
                      when={r().lifecycleStage === 'ACTIVE'}
                      fallback={<button type="button" onClick={() => void act(() => mutate(RestoreRunsDoc, { ids: [r().id] }))}>Restore</button>}
                    >
                      <button type="button" class="danger" onClick={() => confirm('Delete this run? (It can be restored.)') && void act(async () => { await mutate(DeleteRunsDoc, { ids: [r().id] }); navigate(experimentPath(r().experimentId)); })}>
                        Delete
                      </button>
                    </Show>
                    <button type="button" onClick={() => void copy(r().id, 'the run id')}>Copy id</button>
                    <button type="button" onClick={() => void copy(`runs:/${r().id}/model`, 'the model URI')}>Copy runs:/…/model</button>
                  </span>
                </header>
                <div class="tabs" role="tablist">
                  <For each={TABS}>
                    {(t) => (
                      <button type="button" role="tab" aria-selected={current() === t} onClick={() => setParams({ tab: t === 'overview' ? null : t }, { replace: true })}>
                        {t[0]?.toUpperCase()}{t.slice(1)}
                      </button>
                    )}
                  </For>
                </div>
                <Show when={current() === 'overview'}>
                  <div class="overview">
                    <dl class="details">
                      <dt>Run id</dt><dd><code>{r().id}</code></dd>
                      <dt>Status</dt><dd><StatusBadge status={r().status} /></dd>
                      <dt>Started</dt><dd>{formatTime(r().startTime)}</dd>
                      <dt>Ended</dt><dd>{formatTime(r().endTime)}</dd>
                      <dt>Duration</dt><dd>{formatDuration((r().endTime ?? (r().status === 'RUNNING' ? now() : r().startTime)) - r().startTime)}</dd>
                      <dt>User</dt><dd>{r().userId || '–'}</dd>
                      <dt>Source</dt><dd>{tag('mlflow.source.name') ?? '–'}</dd>
                      <Show when={tag('mlflow.source.git.commit')}>
                        {(commit) => <><dt>Git commit</dt><dd><code>{commit().slice(0, 12)}</code></dd></>}
                      </Show>
                      <dt>Artifact URI</dt><dd><code>{r().artifactUri}</code></dd>
                      <Show when={r().parent}>{(p) => <><dt>Parent run</dt><dd><a href={href(runPath(r().experimentId, p().id))}>{p().name}</a></dd></>}</Show>
                      <Show when={r().children.length > 0}>
                        <dt>Child runs</dt>
                        <dd>
                          <For each={r().children}>{(c) => <a class="chip" href={href(runPath(r().experimentId, c.id))}>{c.name} <StatusBadge status={c.status} /></a>}</For>
                        </dd>
                      </Show>
                      <Show when={r().loggedModels.length > 0}>
                        <dt>Logged models</dt>
                        <dd><For each={r().loggedModels}>{(m) => <span class="chip" title={m.artifactUri}>{m.name} ({m.modelType || 'model'}, {m.status})</span>}</For></dd>
                      </Show>
                      <Show when={tag('mlflow.log-model.history')}>
                        <dt>Models</dt><dd><a href={href(runPath(r().experimentId, r().id), { tab: 'artifacts' })}>see artifacts</a></dd>
                      </Show>
                      <Show when={r().inputs.datasetInputs.length > 0}>
                        <dt>Datasets</dt>
                        <dd>
                          <For each={r().inputs.datasetInputs}>
                            {(d) => <span class="chip" title={d.dataset.source}>{d.dataset.name} · {d.dataset.digest.slice(0, 8)} · {d.tags.find((t) => t.key === 'mlflow.data.context')?.value ?? d.dataset.sourceType}</span>}
                          </For>
                        </dd>
                      </Show>
                    </dl>
                    <Note
                      text={r().note ?? ''}
                      onSave={(text) => act(() => (text ? mutate(SetTagDoc, { runId: r().id, key: NOTE_TAG, value: text }) : mutate(DeleteTagDoc, { runId: r().id, key: NOTE_TAG })))}
                    />
                    <div class="tables">
                      <KeyValueTable title="Params" rows={r().params.map((p) => [p.key, p.value])} />
                      <KeyValueTable title="Metrics" rows={r().latestMetrics.map((m) => [m.key, `${formatValue(decodeMetricValue(m.value))}  (step ${m.step})`])} />
                    </div>
                    <Tags
                      tags={userTags()}
                      onSet={(key, value) => act(() => mutate(SetTagDoc, { runId: r().id, key, value }))}
                      onDelete={(key) => act(() => mutate(DeleteTagDoc, { runId: r().id, key }))}
                    />
                    <Show when={metricKeys().length > 0}>
                      <h2>Charts</h2>
                      <Suspense fallback={<p class="muted">Loading charts…</p>}>
                        <ChartGrid runIds={[props.runId]} names={names()} metricKeys={metricKeys()} />
                      </Suspense>
                    </Show>
                  </div>
                </Show>
                <Show when={current() === 'charts'}>
                  <Suspense fallback={<p class="muted">Loading charts…</p>}>
                    <ChartGrid runIds={[props.runId]} names={names()} metricKeys={metricKeys()} />
                  </Suspense>
                </Show>
                <Show when={current() === 'artifacts'}>
                  <ArtifactBrowser runId={props.runId} />
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </section>
  );
}

function KeyValueTable(props: { title: string; rows: [string, string][] }) {
  const [search, setSearch] = createSignal('');
  const rows = () => props.rows.filter(([k]) => k.toLowerCase().includes(search().toLowerCase()));
  return (
    <section class="kv">
      <h2>
        {props.title} <span class="muted">({props.rows.length})</span>
      </h2>
      <Show when={props.rows.length > 8}>
        <input type="search" aria-label={`search ${props.title}`} placeholder="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
      </Show>
      <Show when={props.rows.length > 0} fallback={<p class="muted">None.</p>}>
        <table>
          <tbody>
            <For each={rows()}>{([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>}</For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function Note(props: { text: string; onSave(text: string): Promise<void> }) {
  const [editing, setEditing] = createSignal(false);
  let area!: HTMLTextAreaElement;
  return (
    <section class="note" data-testid="note">
      <h2>
        Description{' '}
        <Show when={!editing()}>
          <button type="button" class="link" onClick={() => setEditing(true)}>edit</button>
        </Show>
      </h2>
      <Show
        when={editing()}
        fallback={<Show when={props.text} fallback={<p class="muted">No description. Notes are markdown (tag mlflow.note.content).</p>}><Markdown text={props.text} /></Show>}
      >
        <textarea ref={area} aria-label="Description (markdown)" rows="6" value={props.text} />
        <div>
          <button type="button" onClick={() => void props.onSave(area.value).then(() => setEditing(false))}>Save</button>
          <button type="button" onClick={() => setEditing(false)}>Cancel</button>
        </div>
      </Show>
    </section>
  );
}

function Tags(props: { tags: { key: string; value: string }[]; onSet(key: string, value: string): Promise<void>; onDelete(key: string): Promise<void> }) {
  return (
    <section class="kv tags">
      <h2>Tags</h2>
      <table>
        <tbody>
          <For each={props.tags}>
            {(t) => (
              <tr>
                <th scope="row">{t.key}</th>
                <td>{t.value}</td>
                <td>
                  <button type="button" class="link" aria-label={`edit tag ${t.key}`} onClick={() => { const v = prompt(`Value of ${t.key}`, t.value); if (v !== null) void props.onSet(t.key, v); }}>edit</button>
                  <button type="button" class="link" aria-label={`delete tag ${t.key}`} onClick={() => void props.onDelete(t.key)}>delete</button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const key = String(form.get('key') ?? '').trim();
          if (key) void props.onSet(key, String(form.get('value') ?? ''));
          e.currentTarget.reset();
        }}
      >
        <input name="key" aria-label="tag key" placeholder="key" />
        <input name="value" aria-label="tag value" placeholder="value" />
        <button type="submit">Add tag</button>
      </form>
    </section>
  );
}
