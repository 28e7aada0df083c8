import { getNamedType, getNullableType, isListType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { estimateOperation } from '../../schema/limits.js';

// The cost model of schema/limits.ts: every list field says how long it is, beside its definition,
// so a list added later cannot slip through at a guessed size; and the walk reads real values.

describe('the schema declares a size for every list', () => {
  it('every list field of every object type has extensions.cost', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type)) && !(field.extensions as { cost?: unknown }).cost) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared, 'declare them with extensions: UNBOUNDED, INHERITED or sized(...) (schema/limits.ts)').toEqual([]);
  });

  it('every inherited list sits under a field that gives it a size', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const inner = getNamedType(field.type);
        if (!isObjectType(inner)) continue;
        const inherits = Object.values(inner.getFields()).some((f) => (f.extensions as { cost?: { items?: unknown } }).cost?.items === 'inherited');
        if (inherits) expect((field.extensions as { cost?: { childItems?: unknown } }).cost?.childItems, `${type.name}.${field.name}`).toBeTypeOf('function');
      }
    }
  });
});

describe('estimateOperation', () => {
  const estimate = (query: string, variables?: Record<string, unknown>) => estimateOperation(schema, parse(query), undefined, variables)?.rows;

  it('multiplies sizes along a path and adds every list', () => {
    // 10 runs (read by the page), each with params and tags at the typical 25.
    expect(estimate(`{ runs(experimentIds: ["0"], first: 10) { edges { node { params { key } tags { key } } } } }`)).toBe(10 + 10 * 25 * 2);
  });

  it('counts the points a history reads whether or not they are selected', () => {
    expect(estimate(`{ metricHistory(runId: "r", key: "k", maxPoints: 500) { totalPoints } }`)).toBe(500);
    expect(estimate(`{ metricHistory(runId: "r", key: "k", maxPoints: 500) { points { step } } }`)).toBe(500);
  });

  it('uses variable defaults, field defaults and the coerced values', () => {
    expect(estimate(`query($m: Int = 700) { metricHistory(runId: "r", key: "k", maxPoints: $m) { totalPoints } }`)).toBe(700);
    expect(estimate(`{ metricHistory(runId: "r", key: "k") { totalPoints } }`)).toBe(1000);
    expect(estimate(`query($ids: [ID!]!) { metricHistories(runIds: $ids, key: "k", maxPoints: 10) { totalPoints } }`, { ids: 'one' })).toBe(1 + 10);
  });

  it('leaves what does not coerce to graphql-js', () => {
    expect(estimate(`query($m: Int) { metricHistory(runId: "r", key: "k", maxPoints: $m) { totalPoints } }`, { m: 'many' })).toBeUndefined();
  });
});
