import { BUCKET_LAST_ORDER, compareBy } from '../metric-order.js';
import type { BucketSummary, SeriesRow } from '../repositories/metric-rows.js';

/**
 * The downsampling pyramid. Each series keeps, per level L, one summary row per non-empty aligned
 * bucket of 2^L steps: count, min/max over non-NaN values, and the bucket's last point by
 * (step, timestamp, seq, value). A history query for buckets of width w = 2^k reads nodes of the
 * largest level <= k, so it touches O(maxPoints) rows however long the series is.
 *
 * Levels every 2 bits keep a query within 4 nodes per output bucket and the write cost near
 * 1 + 1/16 + 1/64 ... extra rows per point (a 1,000-step batch updates about 90 bucket rows).
 * Below 2^4 steps, and at the ragged edges of a window, raw points are read instead.
 */
export const LEVELS: readonly number[] = [4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30];
export const MIN_LEVEL = 4;

/** Orders points as the "last point of a bucket" rule does (db/metric-order.ts). */
export function comparePoints(a: SeriesRow, b: SeriesRow): number {
  return compareBy(BUCKET_LAST_ORDER, a, b);
}

/** Folds new points of one write into per-(key, level, bucket) summaries, ready to be merged upstream. */
export function summarise(pointsByKey: Map<string, SeriesRow[]>): BucketSummary[] {
  const out: BucketSummary[] = [];
  for (const [key, points] of pointsByKey) {
    // Levels nest (floor(floor(s / 2^a) / 2^b) = floor(s / 2^(a+b))), so only the lowest level reads the
    // points and each higher one folds the level below: one pass over a write's points, not one per level.
    let below = summariseLowest(key, points);
    out.push(...below);
    for (let i = 1; i < LEVELS.length; i++) {
      const level = LEVELS[i] as number;
      below = foldLevel(below, level, 2 ** (level - (LEVELS[i - 1] as number)));
      out.push(...below);
    }
  }
  return out;
}

function summariseLowest(key: string, points: readonly SeriesRow[]): BucketSummary[] {
  const level = LEVELS[0] as number;
  const width = 2 ** level;
  const byBucket = new Map<number, BucketSummary>();
  let s: BucketSummary | undefined;
  for (const p of points) {
    const bucket = Math.floor(p.step / width);
    // Points mostly come in step order: the previous point's bucket is usually this one's.
    if (s === undefined || s.bucket !== bucket) {
      s = byBucket.get(bucket);
      if (!s) {
        s = { key, level, bucket, count: 0, min: null, max: null, last: p };
        byBucket.set(bucket, s);
      }
    }
    s.count++;
    if (!p.isNan) {
      if (s.min === null || p.value < s.min) s.min = p.value;
      if (s.max === null || p.value > s.max) s.max = p.value;
    }
    if (comparePoints(p, s.last) > 0) s.last = p;
  }
  return [...byBucket.values()];
}

/** Summaries of `level` from those of the level below, `ratio` of whose buckets make one of `level`. */
function foldLevel(below: readonly BucketSummary[], level: number, ratio: number): BucketSummary[] {
  const byBucket = new Map<number, BucketSummary>();
  for (const b of below) {
    const bucket = Math.floor(b.bucket / ratio);
    const s = byBucket.get(bucket);
    if (!s) {
      byBucket.set(bucket, { key: b.key, level, bucket, count: b.count, min: b.min, max: b.max, last: b.last });
      continue;
    }
    s.count += b.count;
    if (b.min !== null && (s.min === null || b.min < s.min)) s.min = b.min;
    if (b.max !== null && (s.max === null || b.max > s.max)) s.max = b.max;
    if (comparePoints(b.last, s.last) > 0) s.last = b.last;
  }
  return [...byBucket.values()];
}

/** floor(a / 2^level), also for negative steps. */
export const bucketOf = (step: number, level: number) => Math.floor(step / 2 ** level);

export type Piece =
  | { kind: 'nodes'; level: number; from: number; to: number } // bucket indexes, inclusive
  | { kind: 'raw'; from: number; to: number }; // steps, inclusive

/**
 * Splits the step window [a, b] into pyramid node ranges of levels <= maxLevel plus raw step ranges at
 * the edges, such that every piece lies inside one output bucket of width 2^maxLevel or wider.
 */
export function decompose(a: number, b: number, maxLevel: number): Piece[] {
  const levels = LEVELS.filter((l) => l <= maxLevel);
  const pieces: Piece[] = [];
  let p = a;
  while (p <= b) {
    let chosen = -1;
    for (const level of levels) {
      const width = 2 ** level;
      if (mod(p, width) === 0 && p + width - 1 <= b) chosen = level;
    }
    if (chosen < 0) {
      // Not aligned to the smallest level (or too close to b): read raw steps up to the next boundary.
      const edge = levels.length ? Math.min(b, alignUp(p + 1, 2 ** MIN_LEVEL) - 1) : b;
      push(pieces, { kind: 'raw', from: p, to: edge });
      p = edge + 1;
      continue;
    }
    const width = 2 ** chosen;
    const fit = Math.floor((b - p + 1) / width);
    const higher = levels.find((l) => l > chosen);
    let n = fit;
    if (higher !== undefined) {
      const toAlign = mod(2 ** higher - mod(p, 2 ** higher), 2 ** higher) / width;
      if (toAlign > 0) n = Math.min(fit, toAlign);
    }
    const first = p / width;
    push(pieces, { kind: 'nodes', level: chosen, from: first, to: first + n - 1 });
    p += n * width;
  }
  return pieces;
}

function push(pieces: Piece[], piece: Piece) {
  const prev = pieces[pieces.length - 1];
  if (prev && prev.kind === piece.kind && prev.to + 1 === piece.from) {
    if (prev.kind === 'raw' || (piece.kind === 'nodes' && prev.kind === 'nodes' && prev.level === piece.level)) {
      prev.to = piece.to;
      return;
    }
  }
  pieces.push(piece);
}

const mod = (x: number, m: number) => ((x % m) + m) % m;
const alignUp = (x: number, m: number) => Math.ceil(x / m) * m;
