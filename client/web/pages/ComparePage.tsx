import { Show, Suspense, createMemo, createResource, lazy } from 'solid-js';
import { fetchData } from '../data/client.js';
import { RunNamesDoc } from '../data/operations.js';
import { experimentPath, href, listParam } from '../lib/router.js';

const ChartGrid = lazy(() => import('../charts/ChartGrid.js'));

/** The runs selected in the table, one chart per metric key with every run overlaid. */
export default function ComparePage() {
  const runIds = listParam('runs');
  const experimentIds = listParam('experiments');
  const [runs] = createResource(
    () => ({ runs: runIds(), experiments: experimentIds() }),
    async ({ runs, experiments }) => {
      if (runs.length === 0) return [];
      const filter = `attributes.run_id IN (${runs.map((id) => `'${id.replaceAll("'", '')}'`).join(', ')})`;
      const data = await fetchData(RunNamesDoc, { experimentIds: experiments, filter });
      const byId = new Map(data.runs.edges.map((e) => [e.node.id, e.node]));
      return runs.map((id) => byId.get(id)).filter((r) => r !== undefined);
    },
  );
  const names = createMemo(() => new Map((runs() ?? []).map((r) => [r.id, r.name])));
  const keys = createMemo(() => [...new Set((runs() ?? []).flatMap((r) => r.latestMetrics.map((m) => m.key)))]);
  return (
    <section class="compare-page">
      <header class="page-head">
        <h1>Comparing {runIds().length} runs</h1>
        <Show when={experimentIds()[0]}>{(id) => <a href={href(experimentPath(id()))}>back to the runs</a>}</Show>
      </header>
      <Show when={!runs.error} fallback={<div class="error-state" role="alert">{String(runs.error?.message ?? runs.error)}</div>}>
        <Show when={runs()} fallback={<p class="muted">Loading…</p>}>
          <Show when={(runs() ?? []).length > 0} fallback={<p class="muted">Select runs in the table, then Compare.</p>}>
            <Suspense fallback={<p class="muted">Loading charts…</p>}>
              <ChartGrid runIds={(runs() ?? []).map((r) => r.id)} names={names()} metricKeys={keys()} />
            </Suspense>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
