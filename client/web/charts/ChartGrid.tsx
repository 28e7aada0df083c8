import { For, Show, createMemo } from 'solid-js';
import { param, setParams } from '../lib/router.js';
import { type ChartSettings, MetricChart, colorOf } from './MetricChart.js';
import type { XAxis } from './series.js';

/**
 * A chart per metric key, in sections by key prefix (`train/`, `val/`), with the settings every chart
 * shares (x axis, log y, smoothing) kept in the URL. One run on the run page; several runs overlaid in
 * the compare view.
 */
export default function ChartGrid(props: { runIds: readonly string[]; names: ReadonlyMap<string, string>; metricKeys: readonly string[] }) {
  const x = param('x');
  const log = param('log');
  const smooth = param('smooth');
  const settings = createMemo<ChartSettings>(() => ({
    x: (x() === 'wall' || x() === 'relative' ? x() : 'step') as XAxis,
    log: log() === '1',
    smoothing: Math.min(0.99, Math.max(0, Number(smooth() ?? 0) || 0)),
  }));
  const sections = createMemo(() => {
    const map = new Map<string, string[]>();
    for (const key of [...props.metricKeys].sort()) {
      const slash = key.lastIndexOf('/');
      const section = slash > 0 ? key.slice(0, slash + 1) : '';
      map.set(section, [...(map.get(section) ?? []), key]);
    }
    return [...map].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  });
  return (
    <div class="chart-grid">
      <div class="chart-settings" role="group" aria-label="Chart settings">
        <label>
          x axis{' '}
          <select aria-label="x axis" value={settings().x} onChange={(e) => setParams({ x: e.currentTarget.value === 'step' ? null : e.currentTarget.value }, { replace: true })}>
            <option value="step">step</option>
            <option value="wall">wall time</option>
            <option value="relative">relative time</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={settings().log} onChange={(e) => setParams({ log: e.currentTarget.checked ? '1' : null }, { replace: true })} /> log y
        </label>
        <label>
          smoothing{' '}
          <input
            type="range"
            aria-label="smoothing"
            min="0"
            max="0.99"
            step="0.01"
            value={settings().smoothing}
            onInput={(e) => setParams({ smooth: e.currentTarget.value === '0' ? null : e.currentTarget.value }, { replace: true })}
          />
          <output>{settings().smoothing.toFixed(2)}</output>
        </label>
        <Show when={props.runIds.length > 1}>
          <span class="legend-runs">
            <For each={[...props.runIds]}>
              {(id, i) => (
                <span class="legend-run">
                  <span class="swatch" style={{ background: colorOf(i()) }} />
                  {props.names.get(id) ?? id.slice(0, 8)}
                </span>
              )}
            </For>
          </span>
        </Show>
      </div>
      <Show when={props.metricKeys.length > 0} fallback={<p class="muted">No metrics logged yet.</p>}>
        <For each={sections()}>
          {([section, keys]) => (
            <section class="chart-section">
              <Show when={section}>
                <h3>{section}</h3>
              </Show>
              <div class="charts">
                <For each={keys}>{(key) => <MetricChart metricKey={key} runIds={props.runIds} names={props.names} settings={settings()} />}</For>
              </div>
            </section>
          )}
        </For>
      </Show>
    </div>
  );
}
