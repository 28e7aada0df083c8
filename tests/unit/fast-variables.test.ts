import { getVariableValues } from '@graphql-tools/executor';
import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MIN_ITEMS, SchemaHelpers } from '../../api/fast-variables.js';
import { schema } from '../../schema/index.js';

// The fast coercion of long list variables must agree with graphql-js exactly: where graphql-js
// coerces a value, the fast path gives the same result or declines; where graphql-js reports an
// error, the fast path declines (so the error comes from graphql-js, unchanged).

const LOG = parse(`mutation Log($runId: ID!, $metrics: [MetricInput!], $params: [ParamInput!], $tags: [TagInput]) {
  logBatch(runId: $runId, metrics: $metrics, params: $params, tags: $tags) { id }
}`);
const definitions = (LOG.definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
const helpers = new SchemaHelpers(schema);

/** What graphql-tools' executor (yoga's) makes of the variables: values, or errors. */
function standard(variables: Record<string, unknown>) {
  return coerced(getVariableValues(schema, definitions, variables));
}

/** graphql-tools returns { coerced, sources }; the coerced values are what resolvers see. */
function coerced(result: ReturnType<typeof getVariableValues>) {
  const values = result.variableValues as unknown as { coerced: Record<string, unknown> } | undefined;
  return { errors: result.errors, variableValues: values?.coerced };
}

let seed = 12345;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
const MISSING = Symbol('missing');

// Mostly valid values, sometimes each kind of invalid one graphql-js must refuse.
const keys = ['loss', 'train/acc', '', 7, null, MISSING, true];
const values = [0.5, -3, 1e300, 'NaN', 'Infinity', '-Infinity', 'nan', null, MISSING, false, '1', { v: 1 }];
const longs = [0, 12, -5, 2 ** 53 - 1, 1.5, 2 ** 53, null, MISSING, '5', true];

function randomMetric(invalidRate: number): unknown {
  const roll = random();
  if (roll < invalidRate * 0.05) return pick([null, [], 'x', 3]);
  const valid = random() > invalidRate;
  const field = (valid: readonly unknown[], all: readonly unknown[]) => pick(random() > invalidRate ? valid : all);
  const item: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => value !== MISSING && (item[name] = value);
  set('key', valid ? pick(['loss', 'train/acc']) : field(['loss'], keys));
  set('value', valid ? pick([0.5, -3, 'NaN', 'Infinity', '-Infinity']) : field([0.5], values));
  set('step', valid ? pick([0, 12, -5, null, MISSING]) : field([1], longs));
  set('timestamp', valid ? pick([0, 2 ** 53 - 1, null, MISSING]) : field([1], longs));
  if (!valid && random() < 0.1) item.extra = 1;
  return item;
}

function randomVariables(invalidRate: number): Record<string, unknown> {
  const count = MIN_ITEMS + Math.floor(random() * 200);
  const variables: Record<string, unknown> = { runId: 'r', metrics: Array.from({ length: count }, () => randomMetric(invalidRate)) };
  if (random() < 0.3) variables.params = [{ key: 'p', value: 'v' }];
  if (random() < 0.2) variables.tags = [null, { key: 't', value: 'v' }];
  if (random() < 0.05) variables.tags = null;
  return variables;
}

describe('fast list variable coercion', () => {
  it('gives exactly what graphql-js gives for valid long lists', () => {
    for (let i = 0; i < 200; i++) {
      const variables = randomVariables(0);
      const expected = standard(variables);
      expect(expected.errors, JSON.stringify(expected.errors)).toBeUndefined();
      const fast = helpers.coerce(LOG, 'Log', variables);
      expect(fast).toBeDefined();
      expect(fast?.variableValues).toStrictEqual(expected.variableValues);
      // And the executor, through the pass-through types, keeps those values as they are.
      const again = coerced(getVariableValues(fast?.schema as typeof schema, definitions, fast?.variableValues as Record<string, unknown>));
      expect(again.variableValues).toStrictEqual(expected.variableValues);
    }
  });

  it('declines wherever graphql-js reports an error, and never disagrees with it', () => {
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      const variables = randomVariables(0.01);
      const expected = standard(variables);
      const fast = helpers.coerce(LOG, 'Log', variables);
      if (expected.errors) {
        refused++;
        expect(fast).toBeUndefined();
      } else if (fast) {
        expect(fast.variableValues).toStrictEqual(expected.variableValues);
      }
    }
    expect(refused).toBeGreaterThan(100); // the generator does produce errors
  });

  it('leaves short lists, defaults and introspection to graphql-js', () => {
    const few = { runId: 'r', metrics: [{ key: 'a', value: 1 }] };
    expect(helpers.coerce(LOG, 'Log', few)).toBeUndefined();
    const many = { runId: 'r', metrics: Array.from({ length: MIN_ITEMS }, (_, step) => ({ key: 'a', value: 1, step })) };
    expect(helpers.coerce(LOG, 'Log', many)).toBeDefined();
    const withDefault = parse('mutation($m: [MetricInput!] = [{ key: "a", value: 1 }]) { logBatch(runId: "r", metrics: $m) { id } }');
    expect(helpers.coerce(withDefault, undefined, { m: many.metrics })).toBeUndefined();
    const introspecting = parse('mutation($m: [MetricInput!]) { logBatch(runId: "r", metrics: $m) { id __type(name: "MetricInput") { kind } } }');
    expect(helpers.coerce(introspecting, undefined, { m: many.metrics })).toBeUndefined();
  });
});
