import type { EncodedMetricValue } from '../../common/metric-value.js';

/** One encoded point, exactly as logBatch receives it: the SDK has already stamped its timestamp. */
export interface BufferedPoint {
  key: string;
  value: EncodedMetricValue;
  step: number;
  timestamp: number;
}

/**
 * Points kept as four parallel arrays instead of one object each: logMetric then allocates nothing
 * per call, and a million pending points are a few flat arrays for the garbage collector rather
 * than a million live objects. Objects are built only when a batch goes out.
 */
export class PointColumns {
  keys: string[] = [];
  values: EncodedMetricValue[] = [];
  steps: number[] = [];
  timestamps: number[] = [];

  get length(): number {
    return this.keys.length;
  }

  /** Returns the new length. */
  push(key: string, value: EncodedMetricValue, step: number, timestamp: number): number {
    this.values.push(value);
    this.steps.push(step);
    this.timestamps.push(timestamp);
    return this.keys.push(key);
  }

  /** Points [start, end) as logBatch inputs. */
  toPoints(start = 0, end = this.length): BufferedPoint[] {
    const points: BufferedPoint[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      points[i - start] = { key: this.keys[i] as string, value: this.values[i] as EncodedMetricValue, step: this.steps[i] as number, timestamp: this.timestamps[i] as number };
    }
    return points;
  }
}
