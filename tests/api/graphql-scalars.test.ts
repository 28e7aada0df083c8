import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

// The Long and MetricValue scalars (docs/architecture.md section 3): what they accept, what they refuse with
// INVALID_ARGUMENT (as variables and as literals), and that NaN and ±Infinity survive the round trip.

let server: TestServer;
let runId: string;
beforeAll(async () => {
  server = await startTestServer();
  runId = (await server.ok(`mutation { createRun(experimentId: "0", name: "scalars") { id } }`)).createRun.id;
});
afterAll(() => server.stop());

const pointCount = async () => (await server.ok(`{ metricPoints(runId: "${runId}", key: "s") { totalCount } }`)).metricPoints.totalCount as number;

async function expectInvalid(query: string, scalar: 'Long' | 'MetricValue', variables?: Record<string, unknown>) {
  const before = await pointCount();
  const result = await server.gql(query, variables);
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors as [{ message: string; extensions: { code: string } }];
  expect(error.extensions.code).toBe('INVALID_ARGUMENT');
  expect(error.message).toContain(`${scalar}: expected`);
  expect(result.data ?? null).toBeNull();
  expect(await pointCount()).toBe(before);
}

describe('Long', () => {
  const withStep = `mutation($step: Long) { logMetric(runId: "RUN", key: "s", value: 1, step: $step, timestamp: 1) { id } }`;

  it.each([
    ['a fraction', 1.5],
    ['2^53', 2 ** 53],
    ['-(2^53)', -(2 ** 53)],
    ['1e300', 1e300],
    ['a numeric string', '5'],
    ['a boolean', true],
    ['an object', { value: 1 }],
  ])('refuses %s as a variable', async (_what, step) => {
    await expectInvalid(withStep.replace('RUN', runId), 'Long', { step });
  });

  it.each([
    ['a fraction', '1.5'],
    ['2^53', '9007199254740992'],
    ['a string', '"5"'],
    ['a boolean', 'true'],
    ['a list', '[1]'],
  ])('refuses %s as a literal', async (_what, literal) => {
    await expectInvalid(`mutation { logMetric(runId: "${runId}", key: "s", value: 1, step: ${literal}) { id } }`, 'Long');
  });

  it('carries ±(2^53-1) exactly, in and out', async () => {
    const max = Number.MAX_SAFE_INTEGER;
    await server.ok(withStep.replace('RUN', runId), { step: max });
    await server.ok(`mutation { logMetric(runId: "${runId}", key: "s", value: 2, step: -9007199254740991, timestamp: 9007199254740991) { id } }`);
    const data = await server.ok(`{ metricPoints(runId: "${runId}", key: "s") { edges { node { step timestamp } } } }`);
    expect(data.metricPoints.edges.map((e: any) => e.node)).toEqual([
      { step: -max, timestamp: max },
      { step: max, timestamp: 1 },
    ]);
    const history = await server.ok(`{ metricHistory(runId: "${runId}", key: "s", maxPoints: 1) { bucketWidth points { step count } } }`);
    expect(history.metricHistory.bucketWidth).toBe(2 ** 53);
    expect(history.metricHistory.points.map((p: any) => p.count)).toEqual([1, 1]);
  });
});

describe('MetricValue', () => {
  const withValue = `mutation($v: MetricValue!) { logMetric(runId: "RUN", key: "s", value: $v, step: 7, timestamp: 7) { id } }`;

  it.each([
    ['a numeric string', '3.5'],
    ['a lower-case nan', 'nan'],
    ['"inf"', 'inf'],
    ['a boolean', true],
    ['an object', { value: 1 }],
    ['a list', [1]],
  ])('refuses %s as a variable', async (_what, v) => {
    await expectInvalid(withValue.replace('RUN', runId), 'MetricValue', { v });
  });

  it.each([
    ['a boolean', 'true'],
    ['a numeric string', '"3.5"'],
    ['an enum-like name', 'NaN'],
  ])('refuses %s as a literal', async (_what, literal) => {
    await expectInvalid(`mutation { logMetric(runId: "${runId}", key: "s", value: ${literal}) { id } }`, 'MetricValue');
  });

  it('round-trips NaN, ±Infinity and extreme doubles through every read, as variables and as literals', async () => {
    const id = (await server.ok(`mutation { createRun(experimentId: "0", name: "values") { id } }`)).createRun.id;
    const sent = ['NaN', 'Infinity', '-Infinity', 1.7976931348623157e308, -5e-324, 0.1];
    await server.ok(`mutation($m: [MetricInput!]) { logBatch(runId: "${id}", metrics: $m) { id } }`, {
      m: sent.map((value, step) => ({ key: 'v', value, step, timestamp: 1 })),
    });
    await server.ok(`mutation { a: logMetric(runId: "${id}", key: "lit", value: "NaN", step: 0, timestamp: 1) { id }
      b: logMetric(runId: "${id}", key: "lit", value: "-Infinity", step: 1, timestamp: 1) { id }
      c: logMetric(runId: "${id}", key: "lit", value: 2.5e-3, step: 2, timestamp: 1) { id } }`);
    const data = await server.ok(`{
      run(id: "${id}") { latestMetrics { key value } }
      metricPoints(runId: "${id}", key: "v") { edges { node { value } } }
      exact: metricHistory(runId: "${id}", key: "v") { points { value } }
      sampled: metricHistory(runId: "${id}", key: "v", maxPoints: 2) { points { value min max count } }
      literals: metricPoints(runId: "${id}", key: "lit") { edges { node { value } } } }`);
    expect(data.metricPoints.edges.map((e: any) => e.node.value)).toEqual(sent);
    expect(data.exact.points.map((p: any) => p.value)).toEqual(sent);
    expect(data.literals.edges.map((e: any) => e.node.value)).toEqual(['NaN', '-Infinity', 0.0025]);
    expect(data.run.latestMetrics).toEqual([
      { key: 'lit', value: 0.0025 },
      { key: 'v', value: 0.1 },
    ]);
    // Steps 0-3 and 4-5 with buckets of 4: min/max skip the NaN and keep the infinities.
    expect(data.sampled.points).toEqual([
      { value: 1.7976931348623157e308, min: '-Infinity', max: 'Infinity', count: 4 },
      { value: 0.1, min: -5e-324, max: 0.1, count: 2 },
    ]);
    // A bucket of NaN only has no min or max.
    const nanOnly = await server.ok(`{ metricHistory(runId: "${id}", key: "lit", maxPoints: 1) { points { value min max count } } }`);
    expect(nanOnly.metricHistory.points).toEqual([{ value: 0.0025, min: '-Infinity', max: 0.0025, count: 3 }]);
    const onlyNan = (await server.ok(`mutation { createRun(experimentId: "0") { id } }`)).createRun.id;
    await server.ok(`mutation { logBatch(runId: "${onlyNan}", metrics: [{ key: "n", value: "NaN", step: 0, timestamp: 1 }, { key: "n", value: "NaN", step: 1, timestamp: 1 }]) { id } }`);
    const allNan = await server.ok(`{ metricHistory(runId: "${onlyNan}", key: "n", maxPoints: 1) { sampled points { value min max count } } }`);
    expect(allNan.metricHistory).toEqual({ sampled: true, points: [{ value: 'NaN', min: null, max: null, count: 2 }] });
  });
});

describe('input objects', () => {
  it.each([
    ['a required field missing', { key: 'k' }, /"value"/],
    ['an unknown field', { key: 'k', value: 1, colour: 'red' }, /"colour"/],
    ['a wrong type', { key: 7, value: 1 }, /String/],
  ])('refuses %s in a MetricInput with INVALID_ARGUMENT, names it, and writes nothing', async (_what, metric, named) => {
    const before = await pointCount();
    const result = await server.gql('mutation($r: ID!, $m: [MetricInput!]) { logBatch(runId: $r, metrics: $m) { id } }', {
      r: runId,
      m: [metric],
    });
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('INVALID_ARGUMENT');
    expect(result.errors?.[0]?.message).toMatch(named);
    expect(await pointCount()).toBe(before);
  });
});
