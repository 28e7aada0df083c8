/**
 * The MetricValue wire encoding (design.md section 3): JSON has no NaN or Infinity, so the contract
 * carries them as the strings "NaN", "Infinity" and "-Infinity". The SDK speaks JS numbers only.
 */
export type WireMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export function toWire(value: number): WireMetricValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function fromWire(value: WireMetricValue): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  return value === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
