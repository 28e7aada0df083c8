import './locale-guard.js';
import { createEffect, on, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { decodeMetricValue } from '../../../common/metric-value.js';
import { fetchData } from '../data/client.js';
import { download } from '../data/export-csv.js';
import { watchMetrics } from '../data/live-metrics.js';
import { MetricHistoriesDoc } from '../data/operations.js';
import { theme } from '../lib/theme.js';
import { type RunSeries, type XAxis, appendPoints, seriesCsv, toChartData } from './series.js';

export interface ChartSettings {
  x: XAxis;
  log: boolean;
  smoothing: number;
}

interface Props {
  metricKey: string;
  runIds: readonly string[];
  names: ReadonlyMap<string, string>;
  settings: ChartSettings;
  height?: number;
}

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
export const colorOf = (i: number) => PALETTE[i % PALETTE.length] as string;

/**
 * One metric key's chart (uPlot) for one or more runs. The history is read downsampled at the chart's
 * pixel width with each bucket's min/max drawn as an envelope (no spike is ever hidden); a zoom (drag
 * across) re-reads that step window at full detail, a double-click zooms out; points logged while the
 * chart is open are appended in place (metricsLogged, resumed from the history's lastSeq). After every
 * draw the root carries data-series, data-points and data-last-step for tests and benches.
 */
export function MetricChart(props: Props) {
  let root!: HTMLDivElement;
  let plotEl!: HTMLDivElement;
  let plot: uPlot | undefined;
  let series: RunSeries[] = [];
  let window: { min: number; max: number } | undefined;
  let stopLive: (() => void) | undefined;
  let generation = 0;
  let drawn = { points: 0, lastStep: null as number | null };

  const width = () => Math.max(200, Math.floor(plotEl?.clientWidth || 600));

  async function load(zoom?: { min: number; max: number }) {
    const gen = ++generation;
    const maxPoints = Math.min(10_000, width());
    const data = await fetchData(MetricHistoriesDoc, {
      runIds: [...props.runIds],
      key: props.metricKey,
      maxPoints,
      minStep: zoom ? Math.floor(zoom.min) : null,
      maxStep: zoom ? Math.ceil(zoom.max) : null,
    });
    if (gen !== generation) return;
    window = zoom;
    series = data.metricHistories.map((h) => ({
      runId: h.runId,
      step: h.points.map((p) => p.step),
      timestamp: h.points.map((p) => p.timestamp),
      value: h.points.map((p) => decodeMetricValue(p.value)),
      min: h.points.map((p) => (p.min === null || p.min === undefined ? null : decodeMetricValue(p.min))),
      max: h.points.map((p) => (p.max === null || p.max === undefined ? null : decodeMetricValue(p.max))),
      sampled: h.sampled,
      totalPoints: h.totalPoints,
      lastSeq: h.lastSeq,
    }));
    draw(true);
    if (!zoom) follow();
  }

  /** Live points: appended to the full view; a zoomed view keeps its window (it re-reads on zoom out). */
  function follow() {
    stopLive?.();
    const cursors = new Map(series.map((s) => [s.runId, s.lastSeq]));
    stopLive = watchMetrics({
      runIds: props.runIds,
      keys: [props.metricKey],
      cursors,
      onWrite: (runId, _seq, points) => {
        const s = series.find((x) => x.runId === runId);
        if (!s) return;
        appendPoints(s, points);
        if (window) return;
        // Appended raw points on top of a downsampled history: re-read once they outnumber the pixels.
        if (s.step.length > 4 * width()) void load();
        else scheduleDraw();
      },
      onResync: () => void load(),
    });
  }

  let frame = 0;
  const scheduleDraw = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw(false);
    });
  };

  function options(): uPlot.Options {
    const dark = theme() === 'dark';
    const axis = { stroke: dark ? '#cbd5e1' : '#334155', grid: { stroke: dark ? '#334155' : '#e2e8f0', width: 1 }, ticks: { stroke: dark ? '#475569' : '#cbd5e1' } };
    const s: uPlot.Series[] = [{ label: props.settings.x === 'step' ? 'step' : props.settings.x === 'wall' ? 'time' : 'seconds' }];
    const bands: uPlot.Band[] = [];
    props.runIds.forEach((runId, i) => {
      const color = colorOf(i);
      const base = 1 + i * 3;
      // Points show by themselves where the line is sparse (uPlot's default), so a single step is visible.
      s.push({ label: props.names.get(runId) ?? runId.slice(0, 8), stroke: color, width: 1.5, spanGaps: true });
      // The envelope's edges: drawn only as the band between them, left out of the legend (styles.css).
      s.push({ label: `${props.names.get(runId) ?? runId.slice(0, 8)} min`, class: 'envelope', stroke: 'transparent', width: 0, spanGaps: true, points: { show: false } });
      s.push({ label: `${props.names.get(runId) ?? runId.slice(0, 8)} max`, class: 'envelope', stroke: 'transparent', width: 0, spanGaps: true, points: { show: false } });
      bands.push({ series: [base + 2, base + 1], fill: `${color}33` });
    });
    return {
      width: width(),
      height: props.height ?? 220,
      series: s,
      bands,
      scales: { x: { time: props.settings.x === 'wall' }, y: props.settings.log ? { distr: 3 } : {} },
      axes: [axis, { ...axis, size: 60 }],
      legend: { live: true },
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const min = u.posToVal(u.select.left, 'x');
            const max = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            if (props.settings.x === 'step') void load({ min, max });
            else u.setScale('x', { min, max });
          },
        ],
        draw: [
          () => {
            root.dataset.series = String(props.runIds.length);
            root.dataset.points = String(drawn.points);
            root.dataset.lastStep = drawn.lastStep === null ? '' : String(drawn.lastStep);
          },
        ],
      },
    };
  }

  function draw(rebuild: boolean) {
    const chart = toChartData(series, props.settings.x, props.settings.log, props.settings.smoothing);
    drawn = { points: chart.points, lastStep: chart.lastStep };
    root.dataset.total = String(series.reduce((n, s) => n + s.totalPoints, 0));
    root.dataset.sampled = String(series.some((s) => s.sampled));
    if (!plot || rebuild) {
      plot?.destroy();
      plot = new uPlot(options(), chart.data as uPlot.AlignedData, plotEl);
    } else {
      plot.setData(chart.data as uPlot.AlignedData, true);
    }
  }

  onMount(() => {
    void load().catch((error: Error) => {
      root.dataset.error = error.message;
      plotEl.textContent = `Could not load ${props.metricKey}: ${error.message}`;
    });
    plotEl.addEventListener('dblclick', () => void load());
    const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height: props.height ?? 220 }));
    resize.observe(plotEl);
    onCleanup(() => resize.disconnect());
  });
  createEffect(on(() => [props.settings.x, props.settings.log, props.settings.smoothing, theme()], () => plot && draw(true), { defer: true }));
  createEffect(on(() => props.runIds.join(), () => void load(), { defer: true }));
  onCleanup(() => {
    generation++;
    stopLive?.();
    cancelAnimationFrame(frame);
    plot?.destroy();
  });

  const exportPng = () => {
    if (!plot) return;
    const source = plot.ctx.canvas;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.fillStyle = theme() === 'dark' ? '#0f172a' : '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    canvas.toBlob((blob) => blob && download(blob, `${props.metricKey.replaceAll('/', '_')}.png`), 'image/png');
  };
  const exportCsv = () => download(new Blob([seriesCsv(series, props.names, props.metricKey)], { type: 'text/csv' }), `${props.metricKey.replaceAll('/', '_')}.csv`);

  return (
    <figure class="chart" ref={root} data-metric-key={props.metricKey}>
      <figcaption>
        <span class="chart-title">{props.metricKey}</span>
        <span class="chart-actions">
          <button type="button" class="link" title="zoom out (or double-click the chart)" onClick={() => void load()}>
            reset zoom
          </button>
          <button type="button" class="link" onClick={exportPng}>
            PNG
          </button>
          <button type="button" class="link" onClick={exportCsv}>
            CSV
          </button>
        </span>
      </figcaption>
      <div class="chart-plot" ref={plotEl} />
    </figure>
  );
}
