import { Match, Show, Suspense, Switch, createEffect, createResource, createSignal, lazy } from 'solid-js';
import { ConnectionIndicator } from './components/ConnectionIndicator.js';
import { Sidebar } from './components/Sidebar.js';
import { ThemeToggle } from './components/ThemeToggle.js';
import { fetchData } from './data/client.js';
import { ExperimentsListDoc, RunDetailDoc } from './data/operations.js';
import { ExperimentPage } from './pages/ExperimentPage.js';
import { experimentPath, listParam, navigate, route, runPath } from './lib/router.js';

// The run page (markdown, sanitizer) and the charts (uPlot) load when first needed.
const RunPage = lazy(() => import('./pages/RunPage.js'));
const ComparePage = lazy(() => import('./pages/ComparePage.js'));

export function App() {
  const [message, setMessage] = createSignal<string | undefined>();
  let hide: ReturnType<typeof setTimeout> | undefined;
  const notify = (text: string) => {
    setMessage(text);
    clearTimeout(hide);
    hide = setTimeout(() => setMessage(undefined), 6000);
  };
  const extra = listParam('experiments');

  // `#/` opens the most recently active experiment; `#/runs/<id>` finds the run's experiment.
  const [home] = createResource(
    () => route().page === 'home',
    async (isHome) => {
      if (!isHome) return undefined;
      const data = await fetchData(ExperimentsListDoc, { view: 'ACTIVE_ONLY' });
      const list = data.experiments.edges.map((e) => e.node);
      const best = [...list].sort((a, b) => (b.lastRunStartTime ?? 0) - (a.lastRunStartTime ?? 0))[0];
      if (best) navigate(experimentPath(best.id), {}, { replace: true });
      return list.length;
    },
  );
  createEffect(() => {
    const r = route();
    if (r.page === 'run' && !r.experimentId) {
      void fetchData(RunDetailDoc, { id: r.runId }).then((data) => {
        if (data.run) navigate(runPath(data.run.experimentId, r.runId), {}, { replace: true });
      }, () => undefined);
    }
  });
  const selectedExperiments = () => {
    const r = route();
    const own = r.page === 'experiment' ? [r.experimentId] : r.page === 'run' && r.experimentId ? [r.experimentId] : [];
    return [...new Set([...own, ...(r.page === 'experiment' ? extra() : [])])];
  };

  return (
    <div class="app">
      <header class="topbar">
        <a class="brand" href="#/">trackline</a>
        <span class="spacer" />
        <ConnectionIndicator />
        <a class="topbar-link" href="/graphql" target="_blank" rel="noopener">GraphiQL</a>
        <ThemeToggle />
      </header>
      <div class="layout">
        <Sidebar selected={selectedExperiments()} onMessage={notify} />
        <main class="content">
          <Suspense fallback={<p class="muted">Loading…</p>}>
            <Switch>
              <Match when={route().page === 'home'}>
                <Show when={home.error}><div class="error-state" role="alert">Could not reach the server: {String(home.error?.message ?? home.error)}</div></Show>
                <Show when={home() === 0}><p class="muted">No experiments yet: create one with + in the sidebar.</p></Show>
              </Match>
              <Match when={(() => { const r = route(); return r.page === 'experiment' ? r : undefined; })()}>
                {(r) => (
                  <Show when={r().experimentId} keyed>
                    {(id) => <ExperimentPage experimentId={id} onMessage={notify} />}
                  </Show>
                )}
              </Match>
              <Match when={(() => { const r = route(); return r.page === 'run' ? r : undefined; })()}>
                {(r) => (
                  <Show when={r().runId} keyed>
                    {(id) => <RunPage runId={id} onMessage={notify} />}
                  </Show>
                )}
              </Match>
              <Match when={route().page === 'compare'}>
                <ComparePage />
              </Match>
              <Match when={route().page === 'not-found'}>
                <div class="error-state" role="alert">No page here. <a href="#/">Back to the experiments</a></div>
              </Match>
            </Switch>
          </Suspense>
        </main>
      </div>
      <Show when={message()}>
        <div class="toast" role="status" onClick={() => setMessage(undefined)}>{message()}</div>
      </Show>
    </div>
  );
}
