/**
 * The shapes metric rows take between the store and the metric repositories: a point to write, a
 * stored point with its write's seq, and a pyramid bucket's summary.
 */

export interface NewPoint {
  key: string;
  step: number;
  timestamp: number;
  value: number; // 0 when NaN
  isNan: number;
}

export interface StoredPoint extends NewPoint {
  seq: number;
}

/** A point of one series (the key is known), as the pyramid and the history read it. */
export interface SeriesRow {
  step: number;
  timestamp: number;
  seq: number;
  value: number; // 0 when NaN
  isNan: number;
}

/** One aligned bucket of 2^level steps of a series: count, min/max over non-NaN values, its last point. */
export interface BucketSummary {
  key: string;
  level: number;
  bucket: number;
  count: number;
  min: number | null;
  max: number | null;
  last: SeriesRow;
}
