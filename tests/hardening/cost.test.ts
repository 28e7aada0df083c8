import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { EventQueue, wsClient } from '../helpers/ws.js';

// What one GraphQL operation may cost (schema/limits.ts before it runs, schema/budget.ts while it runs),
// as a class of shapes: sizes given by variable defaults, in fragments, nested, under aliases and
// directives, repeated ids, and lists that no argument bounds, each of its kind, at their real size.

let server: TestServer;
let seriesRun: string;
let bigRun: string;
let bigExperiment: string;
const BIG = 110_000;

beforeAll(async () => {
  server = await startTestServer();
  const { store } = server;
  seriesRun = (await store.runs.create({ experimentId: '0', name: 'series' })).id;
  for (let b = 0; b < 10; b++) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'x', value: i, step: b * 1000 + i, timestamp: 1 }));
    await store.log.batch(seriesRun, { metrics });
  }
  bigExperiment = (await store.experiments.create({ name: 'big' })).id;
  bigRun = (await store.runs.create({ experimentId: bigExperiment, name: 'big' })).id;
  // 110,000 params, tags, metric keys and child runs, written straight into the server's database.
  const db = store.db.sqlite;
  if (!db) throw new Error('these tests need the SQLite server');
  db.transaction(() => {
    const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
    const tag = db.prepare('INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)');
    const metric = db.prepare(
      'INSERT INTO latest_metrics (run_id, key, step, timestamp, value, is_nan, min_step, point_count) VALUES (?, ?, 0, 0, 1, 0, 0, 1)',
    );
    const child = db.prepare(
      `INSERT INTO runs (id, experiment_id, name, status, user_id, start_time, lifecycle_stage, artifact_uri, parent_run_id, metric_seq)
       VALUES (?, ?, 'child', 'RUNNING', '', 0, 'active', 'x', ?, 0)`,
    );
    for (let i = 0; i < BIG; i++) {
      param.run(bigRun, `p${i}`, 'v');
      tag.run(bigRun, `t${i}`, 'v');
      metric.run(bigRun, `m${i}`);
      child.run(randomUUID().replaceAll('-', ''), Number(bigExperiment), bigRun);
    }
  })();
}, 120_000);
afterAll(() => server.stop());

async function expectRefused(query: string, message: string | RegExp, variables?: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors, JSON.stringify(result).slice(0, 500)).toHaveLength(1);
  const [error] = result.errors as [{ message: string; extensions: { code: string } }];
  expect(error.extensions.code).toBe('INVALID_ARGUMENT');
  if (typeof message === 'string') expect(error.message).toContain(message);
  else expect(error.message).toMatch(message);
  expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
  // The server still answers.
  expect((await server.ok(`{ run(id: "${seriesRun}") { id } }`)).run.id).toBe(seriesRun);
}

const fakeIds = (n: number) => Array.from({ length: n }, (_, i) => `run${i}`);
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

describe('sizes are the values the operation runs with', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    [
      'a variable default',
      `query($ids: [ID!]!, $m: Int = 10000) { metricHistories(key: "x", runIds: $ids, maxPoints: $m) { points { step value } } }`,
      { ids: fakeIds(25) },
    ],
    [
      'a variable default inside a fragment',
      `query($ids: [ID!]!, $m: Int = 10000) { ...H } fragment H on Query { metricHistories(key: "x", runIds: $ids, maxPoints: $m) { points { step } } }`,
      { ids: fakeIds(25) },
    ],
    [
      'defaults of nested arguments',
      `query($f: Int = 1000, $m: Int = 10000) { runs(experimentIds: ["0"], first: $f) { edges { node { history(key: "x", maxPoints: $m) { points { step } } } } } }`,
      {},
    ],
    [
      'an inline fragment under @include with a defaulted condition',
      `query($ids: [ID!]!, $yes: Boolean = true, $m: Int = 10000) { ... on Query @include(if: $yes) { metricHistories(key: "x", runIds: $ids, maxPoints: $m) { totalPoints } } }`,
      { ids: fakeIds(25) },
    ],
    ['aliases of a defaulted size', `query($m: Int = 10000) { run(id: "r") { ${aliases(21, `history(key: "x", maxPoints: $m) { sampled }`)} } }`, {}],
    [
      'a connection page given as a default',
      `query($f: Int = 1000) { experiments(first: $f) { edges { node { runs(first: $f) { edges { node { id } } } } } } }`,
      {},
    ],
  ];
  it.each(cases)('%s', async (_name, query, variables) => {
    await expectRefused(query, /too costly, an estimated \d+ rows \(the limit is 200000\)/, variables);
  });

  it('a field skipped by a defaulted @skip costs nothing, and small defaults are allowed', async () => {
    const data = await server.ok(
      `query($skip: Boolean = true, $m: Int = 10000, $n: Int = 10) {
        big: metricHistories(key: "x", runIds: ${JSON.stringify(fakeIds(25))}, maxPoints: $m) @skip(if: $skip) { totalPoints }
        small: metricHistory(runId: "${seriesRun}", key: "x", maxPoints: $n) { points { step } }
      }`,
    );
    expect(data.big).toBeUndefined();
    expect(data.small.points).toHaveLength(10);
  });

  it('a mutation whose selection is too costly writes nothing', async () => {
    await expectRefused(
      `mutation($m: Int = 10000) { logMetric(runId: "${seriesRun}", key: "written", value: 1) { ${aliases(21, `history(key: "x", maxPoints: $m) { sampled }`)} } }`,
      'too costly',
    );
    const { run } = await server.ok(`{ run(id: "${seriesRun}") { metric(key: "written") { value } } }`);
    expect(run.metric).toBeNull();
  });

  it('refuses a run id listed twice, and maxPoints out of range, with the rule', async () => {
    await expectRefused(
      `query($ids: [ID!]!) { metricHistories(key: "x", runIds: $ids, maxPoints: 10) { totalPoints } }`,
      `runIds: run ${seriesRun} is listed more than once`,
      { ids: Array.from({ length: 1000 }, () => seriesRun) },
    );
    await expectRefused(
      `query($m: Int = 10001) { metricHistory(runId: "${seriesRun}", key: "x", maxPoints: $m) { totalPoints } }`,
      'maxPoints: must be between 1 and 10000, got 10001',
    );
  });
});

describe('lists no argument bounds are counted at their real size as they are returned', () => {
  const cases: Array<[string, string]> = [
    ['params', `params { key value }`],
    ['tags', `tags { key }`],
    ['latest metrics', `latestMetrics { key value }`],
    ['children', `children { id }`],
  ];
  it.each(cases)('%s: one list of 110,000 is fine, two go over the budget', async (_name, selection) => {
    const one = await server.gql(`{ run(id: "${bigRun}") { ${selection} } }`);
    expect(one.errors).toBeUndefined();
    expect((Object.values(one.data?.run as object)[0] as unknown[]).length).toBeGreaterThanOrEqual(BIG);
    await expectRefused(`{ run(id: "${bigRun}") { a: ${selection} b: ${selection} } }`, /produces more than 200000 rows \(reached at Run\.\w+\)/);
    // Under many aliases, the lists after the first one over the budget read nothing: still one error.
    await expectRefused(`{ ${aliases(20, `run(id: "${bigRun}") { ${selection} }`)} }`, 'produces more than 200000 rows');
  });

  it('scalar lists: an experiment\'s param and metric keys', async () => {
    await expectRefused(`{ experiment(id: "${bigExperiment}") { paramKeys metricKeys } }`, /produces more than 200000 rows \(reached at Experiment\.\w+Keys\)/);
  });

  it('one read returns at most 200,000 rows: a page whose runs hold more together is refused', async () => {
    const other = (await server.store.runs.create({ experimentId: bigExperiment, name: 'other' })).id;
    server.store.db.sqlite?.transaction(() => {
      const param = server.store.db.sqlite?.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
      for (let i = 0; i < 100_000; i++) param?.run(other, `p${i}`, 'v');
    })();
    await expectRefused(`{ a: run(id: "${bigRun}") { params { key } } b: run(id: "${other}") { params { key } } }`, 'params: more than 200000 rows in one read');
  });
});

describe('subscription events are resolved on the event loop, each under a smaller budget', () => {
  it('a selection too costly per event is refused at subscribe; an event over its budget answers an error and the subscription goes on', async () => {
    const client = wsClient(server.url);
    try {
      const nested = `subscription($e: ID!) { runChanged(experimentId: $e) { run { children { children { params { key } tags { key } latestMetrics { key } } } } } }`;
      const refused = await new EventQueue(client, nested, { e: bigExperiment }).next().catch((error: Error) => error.message);
      expect(JSON.stringify(refused)).toMatch(/too costly, an estimated \d+ rows per event \(the limit is 20000\)/);

      const events = new EventQueue(client, `subscription($e: ID!) { runChanged(experimentId: $e) { kinds run { id params { key } } } }`, { e: bigExperiment });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.store.log.tag(bigRun, 'ping', '1');
      const first = await events.next();
      expect(first.errors?.[0]?.message).toContain('produces more than 20000 rows (reached at Run.params)');
      const small = (await server.store.runs.create({ experimentId: bigExperiment, name: 'small' })).id;
      const second = await events.next();
      expect(second.data?.runChanged.run.id).toBe(small);
      events.close();
    } finally {
      await client.dispose();
    }
  });
});
