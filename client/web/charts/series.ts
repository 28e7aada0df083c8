/**
 * A run's series as the chart holds it: parallel arrays in step order. `min`/`max` are the bucket's
 * envelope when the server downsampled (null for exact points: the value itself is the envelope).
 */
export interface RunSeries {
  runId: string;
  step: number[];
  timestamp: number[];
  value: number[];
  min: (number | null)[];
  max: (number | null)[];
  sampled: boolean;
  totalPoints: number;
  lastSeq: number;
}

export type XAxis = 'step' | 'wall' | 'relative';

/** Appends live points (any order) keeping step order; a point at a step already present replaces it. */
export function appendPoints(series: RunSeries, points: readonly { step: number; timestamp: number; value: number }[]): void {
  for (const p of points) {
    const n = series.step.length;
    if (n === 0 || p.step > (series.step[n - 1] as number)) {
      series.step.push(p.step);
      series.timestamp.push(p.timestamp);
      series.value.push(p.value);
      series.min.push(null);
      series.max.push(null);
      continue;
    }
    // Rare: an older step logged late. Binary search its place.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((series.step[mid] as number) < p.step) lo = mid + 1;
      else hi = mid;
    }
    if (series.step[lo] === p.step && (series.timestamp[lo] as number) <= p.timestamp) {
      series.timestamp[lo] = p.timestamp;
      series.value[lo] = p.value;
    } else if (series.step[lo] !== p.step) {
      series.step.splice(lo, 0, p.step);
      series.timestamp.splice(lo, 0, p.timestamp);
      series.value.splice(lo, 0, p.value);
      series.min.splice(lo, 0, null);
      series.max.splice(lo, 0, null);
    }
  }
}

/** TensorBoard's smoothing: an exponential moving average with debiasing; NaN and ±Inf pass through. */
function ema(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  const out: number[] = [];
  let last = 0;
  let count = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      out.push(v);
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count++;
    out.push(last / (1 - weight ** count));
  }
  return out;
}

const drawable = (v: number | null | undefined, log: boolean): number | null =>
  v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0) ? null : v;

export interface ChartData {
  /** uPlot's aligned data: x, then per run: line, [min, max] */
  data: (number | null)[][];
  /** raw points drawn (after downsampling), over all runs */
  points: number;
  lastStep: number | null;
}

/**
 * The runs' series on one x axis (uPlot wants every series aligned on the same x values): the union
 * of their x values, each series null where it has no point. Per run three series: the line (smoothed
 * when asked), then the envelope's lower and upper edge.
 */
export function toChartData(runs: readonly RunSeries[], x: XAxis, log: boolean, smoothing: number): ChartData {
  const xsOf = (s: RunSeries) =>
    x === 'step' ? s.step : x === 'wall' ? s.timestamp.map((t) => t / 1000) : s.timestamp.map((t) => (t - (s.timestamp[0] ?? 0)) / 1000);
  const perRun = runs.map((s) => ({ s, xs: xsOf(s) }));
  const all = new Set<number>();
  for (const r of perRun) for (const v of r.xs) all.add(v);
  const xs = [...all].sort((a, b) => a - b);
  const index = new Map(xs.map((v, i) => [v, i]));
  const data: (number | null)[][] = [xs];
  let points = 0;
  let lastStep: number | null = null;
  for (const { s, xs: own } of perRun) {
    const line = new Array<number | null>(xs.length).fill(null);
    const lo = new Array<number | null>(xs.length).fill(null);
    const hi = new Array<number | null>(xs.length).fill(null);
    const values = ema(s.value, smoothing);
    own.forEach((v, i) => {
      const at = index.get(v) as number;
      line[at] = drawable(values[i], log);
      lo[at] = drawable(s.min[i] ?? s.value[i], log);
      hi[at] = drawable(s.max[i] ?? s.value[i], log);
    });
    data.push(line, lo, hi);
    points += s.step.length;
    const last = s.step.at(-1);
    if (last !== undefined) lastStep = lastStep === null ? last : Math.max(lastStep, last);
  }
  return { data, points, lastStep };
}

export function seriesCsv(runs: readonly RunSeries[], names: ReadonlyMap<string, string>, key: string): string {
  const lines = ['run_id,run_name,key,step,timestamp,value,min,max'];
  for (const s of runs) {
    const name = (names.get(s.runId) ?? '').replaceAll('"', '""');
    s.step.forEach((step, i) => {
      lines.push([s.runId, `"${name}"`, key, step, s.timestamp[i], s.value[i], s.min[i] ?? '', s.max[i] ?? ''].join(','));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
