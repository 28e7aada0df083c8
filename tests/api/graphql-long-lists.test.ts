import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_ITEMS } from '../../api/fast-variables.js';
import { type TestServer, startTestServer } from '../helpers/server.js';

// logBatch's long metric lists take the fast variable coercion (api/fast-variables.ts): through a real
// server, what is stored must be exactly what was sent, and a bad item must get the same answer as in
// a short list (which graphql-js coerces itself) and store nothing.

const LOG = `mutation Log($runId: ID!, $metrics: [MetricInput!]) { logBatch(runId: $runId, metrics: $metrics) { id } }`;
const POINTS = `query($runId: ID!, $key: String!) { metricPoints(runId: $runId, key: $key, first: 2000) { totalCount edges { node { step timestamp value } } } }`;

let server: TestServer;
let runId: string;
beforeAll(async () => {
  server = await startTestServer();
  runId = (await server.ok(`mutation { createRun(experimentId: "0", name: "long-lists") { id } }`)).createRun.id;
});
afterAll(() => server.stop());

const special = ['NaN', 'Infinity', '-Infinity'] as const;

describe('long metric lists through GraphQL variables', () => {
  it('stores 1,000 points exactly as sent, special values and defaults included', async () => {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({
      key: 'long',
      value: i % 100 === 0 ? special[(i / 100) % 3] : i / 7,
      step: i,
      // Every tenth point leaves its timestamp to the server.
      ...(i % 10 === 0 ? {} : { timestamp: 1_700_000_000_000 + i }),
    }));
    expect(metrics.length).toBeGreaterThanOrEqual(MIN_ITEMS);
    const before = Date.now();
    await server.ok(LOG, { runId, metrics });
    const { metricPoints } = await server.ok(POINTS, { runId, key: 'long' });
    expect(metricPoints.totalCount).toBe(1000);
    for (const [i, { node }] of metricPoints.edges.entries()) {
      expect(node.step).toBe(i);
      expect(node.value).toEqual(metrics[i]?.value);
      if (i % 10 === 0) expect(node.timestamp).toBeGreaterThanOrEqual(before);
      else expect(node.timestamp).toBe(1_700_000_000_000 + i);
    }
  });

  it.each([
    ['a bad value', { value: 'abc' }],
    ['a fractional step', { step: 1.5 }],
    ['a negative timestamp', { timestamp: -1 }],
    ['a missing key', { key: undefined }],
    ['an unknown field', { color: 'red' }],
    ['null', null],
  ])('answers %s in a long list exactly as in a short one, storing nothing', async (_what, patch) => {
    const list = (length: number) => {
      const metrics: unknown[] = Array.from({ length }, (_, i) => ({ key: 'refused', value: i, step: i, timestamp: 1 }));
      metrics[2] = patch === null ? null : JSON.parse(JSON.stringify({ ...(metrics[2] as object), ...patch }));
      return metrics;
    };
    const short = await server.gql(LOG, { runId, metrics: list(3) });
    const long = await server.gql(LOG, { runId, metrics: list(1000) });
    expect(short.errors?.length).toBeGreaterThan(0);
    expect(long).toEqual(short);
    const { metricPoints } = await server.ok(POINTS, { runId, key: 'refused' });
    expect(metricPoints.totalCount).toBe(0);
  });
});
