/**
 * The MetricValue wire encoding: a JSON number, or "NaN" / "Infinity" / "-Infinity", because JSON
 * cannot carry those (JSON.stringify(NaN) is null). Used by GraphQL, the Redis bus and the SDK.
 */
export type EncodedMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeMetricValue(value: number): EncodedMetricValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Returns undefined for anything that is not a number or one of the three strings. */
export function decodeMetricValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}
