import { invalid } from '../errors.js';

/** A point's unique key in its series: where a page of the raw series continues. */
export interface PointCursor {
  step: number;
  timestamp: number;
  isNan: number;
  value: number;
}

/** metricPoints cursors: the point's unique key (step, timestamp, is_nan, value), opaque to clients. */
export function encodePointCursor(p: PointCursor): string {
  return Buffer.from(JSON.stringify([p.step, p.timestamp, p.isNan, encodeNumber(p.value)])).toString('base64url');
}

export function decodePointCursor(cursor: string): PointCursor {
  try {
    const [step, timestamp, isNan, value] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const decoded = decodeNumber(value);
    if (
      Number.isSafeInteger(step) &&
      Number.isSafeInteger(timestamp) &&
      (isNan === 0 || isNan === 1) &&
      decoded !== undefined
    ) {
      return { step: step as number, timestamp: timestamp as number, isNan: isNan as number, value: decoded };
    }
  } catch {
    // fall through
  }
  throw invalid('after: invalid cursor', 'after');
}

// Stored values are finite or ±Infinity (NaN is a flag), and JSON cannot carry infinities.
const encodeNumber = (v: number) => (Number.isFinite(v) ? v : String(v));
const decodeNumber = (v: unknown) =>
  typeof v === 'number' ? v : v === 'Infinity' ? Number.POSITIVE_INFINITY : v === '-Infinity' ? Number.NEGATIVE_INFINITY : undefined;
