import SchemaBuilder from '@pothos/core';
import type { EncodedMetricValue } from '../common/metric-value.js';
import type { Context } from './context.js';

/** Configuration only: every type file imports this, so it imports no type file. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    Long: { Input: number; Output: number };
    MetricValue: { Input: number; Output: number | EncodedMetricValue };
  };
}>({
  defaultFieldNullability: false,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
