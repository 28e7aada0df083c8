import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingStore } from '../../db/store/index.js';
import { SEARCH_LIMITS } from '../../db/search/limits.js';
import { Mlflow } from '../api/mlflow-support.js';
import { describeEachDialect, expectStoreError, openTestStore } from '../helpers/db.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { EventQueue, wsClient } from '../helpers/ws.js';

// Inputs that would reach a database limit (SQLite: 64 joined tables, expression depth 1,000, LIKE
// patterns of 50,000 bytes, 32,766 bound parameters) are refused up front, naming the limit, on both
// dialects and through both APIs; the search at each limit still works.

const and = (n: number, term: (i: number) => string) => Array.from({ length: n }, (_, i) => term(i)).join(' and ');
const L = SEARCH_LIMITS;

/** [name, search args over the limit, the message, the same search at the limit] */
const CASES: Array<[string, { filter?: string; orderBy?: string[]; ids?: number }, RegExp, { filter?: string; orderBy?: string[]; ids?: number }]> = [
  ['comparisons on one metric', { filter: and(L.comparisons + 1, (i) => `metrics.m > ${i}`) }, /at most 100 comparisons/, { filter: and(L.comparisons, (i) => `metrics.m > ${i}`) }],
  ['different keys in a filter', { filter: and(L.entityKeys + 1, (i) => `params.p${i} = 'a'`) }, /at most 40 different metric, param and tag keys, got 41/, { filter: and(L.entityKeys, (i) => `params.p${i} = 'a'`) }],
  [
    'different keys in filter and order_by together',
    { filter: and(30, (i) => `tags.t${i} = 'a'`), orderBy: Array.from({ length: 11 }, (_, i) => `metrics.o${i}`) },
    /got 41/,
    { filter: and(30, (i) => `tags.t${i} = 'a'`), orderBy: Array.from({ length: 10 }, (_, i) => `metrics.o${i}`) },
  ],
  ['order_by keys', { orderBy: Array.from({ length: L.orderKeys + 1 }, (_, i) => `params.o${i}`) }, /order_by: at most 20 keys/, { orderBy: Array.from({ length: L.orderKeys }, (_, i) => `params.o${i}`) }],
  [
    'items of an IN list',
    { filter: `attributes.run_id IN (${Array.from({ length: L.listItems + 1 }, (_, i) => `'r${i}'`).join(',')})` },
    /lists are limited to 10000 items/,
    { filter: `attributes.run_id IN (${Array.from({ length: L.listItems }, (_, i) => `'r${i}'`).join(',')})` },
  ],
  ['a LIKE pattern', { filter: `tags.t LIKE '%${'é'.repeat(L.valueLength)}'` }, /a quoted value may be at most 10000 characters, got 10001/, { filter: `tags.t LIKE '%${'é'.repeat(L.valueLength - 1)}'` }],
  ['experiment ids', { ids: L.experimentIds + 1 }, /experimentIds: a search covers at most 10000 experiments, got 10001/, { ids: L.experimentIds }],
];

describeEachDialect('search limits in the store', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  let experimentId: string;
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect));
    experimentId = (await store.experiments.create({ name: 'limits' })).id;
    const run = await store.runs.create({ experimentId, name: 'r' });
    await store.log.batch(run.id, { metrics: [{ key: 'm', value: 1000, timestamp: 1 }], tags: [{ key: 't', value: 'x' }] });
  });
  afterAll(() => drop());

  const search = (args: { filter?: string; orderBy?: string[]; ids?: number }) =>
    store.runs.search({
      experimentIds: args.ids ? Array.from({ length: args.ids }, (_, i) => (i === 0 ? experimentId : String(100_000 + i))) : [experimentId],
      filter: args.filter,
      orderBy: args.orderBy,
      view: 'ACTIVE_ONLY',
      first: 10,
    });

  it.each(CASES)('%s: over the limit refused, at the limit answered', async (_name, over, message, at) => {
    await expectStoreError(() => search(over), 'INVALID_ARGUMENT', undefined, message);
    const page = await search(at);
    expect(page.items.length).toBeLessThanOrEqual(1);
    await page.totalCount();
  });

  it('history: at most 1,000 run ids, each once', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `r${i}`);
    await expectStoreError(() => store.history.series(ids, 'm', {}), 'INVALID_ARGUMENT', 'runIds', /at most 1000 runs per request, got 1001/);
    await expectStoreError(() => store.history.series(['a', 'a'], 'm', {}), 'INVALID_ARGUMENT', 'runIds', /run a is listed more than once/);
  });
});

describe('search limits through the APIs', () => {
  let server: TestServer;
  let mlflow: Mlflow;
  let runId: string;
  beforeAll(async () => {
    server = await startTestServer();
    mlflow = new Mlflow(server.url);
    runId = (await server.store.runs.create({ experimentId: '0', name: 'r' })).id;
  });
  afterAll(() => server.stop());

  it.each(CASES)('%s: GraphQL INVALID_ARGUMENT, MLflow REST 400 INVALID_PARAMETER_VALUE', async (_name, over, message) => {
    const experimentIds = over.ids ? Array.from({ length: over.ids }, (_, i) => String(i)) : ['0'];
    const result = await server.gql(`query($e: [ID!]!, $f: String, $o: [String!]) { runs(experimentIds: $e, filter: $f, orderBy: $o) { totalCount } }`, {
      e: experimentIds,
      f: over.filter,
      o: over.orderBy,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(result.errors?.[0]?.message).toMatch(message);
    const rest = await mlflow.post('/runs/search', { experiment_ids: experimentIds, filter: over.filter, order_by: over.orderBy });
    expect(rest.status).toBe(400);
    expect(rest.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(rest.body.message).toMatch(message);
    // The server still answers.
    expect((await mlflow.post('/runs/search', { experiment_ids: ['0'] })).status).toBe(200);
  });

  it('a subscription to more than 1,000 runs is refused; the socket and the server go on', async () => {
    const client = wsClient(server.url);
    try {
      const ids = Array.from({ length: 1001 }, (_, i) => `r${i}`);
      const refused = new EventQueue(client, `subscription($ids: [ID!]!) { metricsLogged(runIds: $ids) { seq } }`, { ids });
      // Refused as one `next` with errors, or as the subscription's error: either way, naming the limit.
      const answer = await refused.next().catch((error: Error) => error.message);
      expect(JSON.stringify(answer)).toMatch(/runIds: at most 1000 runs per request, got 1001/);
      const live = new EventQueue(client, `subscription($ids: [ID!]!) { metricsLogged(runIds: $ids) { seq } }`, { ids: [runId] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.store.log.metric(runId, { key: 'm', value: 1 });
      expect((await live.next()).data?.metricsLogged.seq).toBe(1);
      live.close();
    } finally {
      await client.dispose();
    }
  });
});
