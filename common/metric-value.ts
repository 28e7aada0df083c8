/**
 * The MetricValue wire encoding: a JSON number, or "NaN" / "Infinity" / "-Infinity", because JSON
 * cannot carry those (JSON.stringify(NaN) is null). One codec for everything that speaks the contract:
 * the server's GraphQL scalar and Redis bus, the MLflow REST layer, the SDK and the dashboard.
 * Dependency-free on purpose: the browser bundle imports this file as it is.
 */
export type EncodedMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeMetricValue(value: number): EncodedMetricValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** An encoded value always decodes; anything else (not a number nor one of the strings) is undefined. */
export function decodeMetricValue(value: EncodedMetricValue): number;
export function decodeMetricValue(value: unknown): number | undefined;
export function decodeMetricValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}
