import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { decodeMetricValue, encodeMetricValue } from '../common/metric-value.js';
import { builder } from './builder.js';

const invalidScalar = (message: string) => new GraphQLError(message, { extensions: { code: 'INVALID_ARGUMENT' } });

function parseLong(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidScalar(`Long: expected an integer between -(2^53-1) and 2^53-1, got ${JSON.stringify(value)}`);
  }
  return value;
}

builder.scalarType('Long', {
  description: 'A 64-bit integer carried as a JSON number: integral, |x| <= 2^53-1 (epoch ms, steps, sizes, seqs).',
  serialize: (value) => value,
  parseValue: parseLong,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.INT) throw invalidScalar(`Long: expected an integer literal, got ${ast.kind}`);
    return parseLong(Number(ast.value));
  },
});

function parseMetricValue(value: unknown): number {
  const decoded = decodeMetricValue(value);
  if (decoded === undefined) {
    throw invalidScalar(`MetricValue: expected a number or one of "NaN", "Infinity", "-Infinity", got ${JSON.stringify(value)}`);
  }
  return decoded;
}

builder.scalarType('MetricValue', {
  description: 'A metric value: a JSON number, or one of the strings "NaN", "Infinity", "-Infinity".',
  serialize: (value) => (typeof value === 'number' ? encodeMetricValue(value) : value),
  parseValue: parseMetricValue,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
    if (ast.kind === Kind.STRING) return parseMetricValue(ast.value);
    throw invalidScalar(`MetricValue: expected a number or "NaN", "Infinity", "-Infinity", got ${ast.kind}`);
  },
});
