import type SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

// "A page of 100 runs with params, tags and latest metrics costs a constant number of SQL queries
// (dataloaders), whatever the page size." The server runs in this process with its reads on the event
// loop (no read workers: the workers run this same handler), so every statement its SQLite connection
// executes is counted at better-sqlite3's Statement, below Kysely and any cache.

let server: TestServer;
let experimentId: string;

/** Counts the statements executed while `work` runs. */
async function countStatements(work: () => Promise<unknown>): Promise<{ count: number; sql: string[] }> {
  const raw = server.store.db.sqlite as SQLite.Database;
  const proto = Object.getPrototypeOf(raw.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
  const methods = ['all', 'get', 'run', 'iterate'] as const;
  const originals = methods.map((m) => proto[m] as (...args: unknown[]) => unknown);
  const sql: string[] = [];
  methods.forEach((m, i) => {
    const original = originals[i] as (...args: unknown[]) => unknown;
    proto[m] = function (this: SQLite.Statement, ...args: unknown[]) {
      sql.push(this.source);
      return original.apply(this, args);
    };
  });
  try {
    await work();
  } finally {
    methods.forEach((m, i) => {
      proto[m] = originals[i] as (...args: unknown[]) => unknown;
    });
  }
  return { count: sql.length, sql };
}

beforeAll(async () => {
  server = await startTestServer({ readWorkers: 0 });
  const { store } = server;
  experimentId = (await store.experiments.create({ name: 'loaders' })).id;
  const parent = await store.runs.create({ experimentId, name: 'parent', startTime: 0 });
  for (let i = 0; i < 120; i++) {
    const run = await store.runs.create({ experimentId, name: `run-${i}`, startTime: i + 1, parentRunId: i % 2 ? parent.id : null });
    await store.log.batch(run.id, {
      params: [
        { key: 'lr', value: String(i) },
        { key: 'depth', value: '3' },
        { key: 'opt', value: 'adam' },
      ],
      tags: [{ key: 'mlflow.note.content', value: `note ${i}` }],
      metrics: [
        { key: 'loss', value: 1 / (i + 1), step: 0, timestamp: 1 },
        { key: 'acc', value: i / 120, step: 0, timestamp: 1 },
      ],
    });
  }
});
afterAll(() => server.stop());

const PAGE = `query($first: Int) {
  runs(experimentIds: ["EXP"], first: $first, orderBy: ["metrics.loss ASC"]) {
    totalCount pageInfo { hasNextPage }
    edges { node {
      id name note
      params { key value } tags { key value } latestMetrics { key value step timestamp } metric(key: "acc") { value }
      experiment { name runCount lastRunStartTime paramKeys metricKeys tags { key } }
      parent { id name } children { id }
    } }
  }
}`;

describe('a page of runs with params, tags, latest metrics, experiment and parent', () => {
  it('costs the same number of SQL statements for 10 and for 100 runs', async () => {
    const query = PAGE.replace('EXP', experimentId);
    const measure = async (first: number) => {
      let data: any;
      const counted = await countStatements(async () => {
        data = await server.ok(query, { first });
      });
      expect(data.runs.edges).toHaveLength(first);
      return { ...counted, data };
    };
    // Warm up once so that one-off work (statement preparation) does not blur the comparison.
    await measure(10);
    const small = await measure(10);
    const large = await measure(100);

    expect(large.count, `page of 10:\n${small.sql.join('\n')}\n\npage of 100:\n${large.sql.join('\n')}`).toBe(small.count);
    // One query per relation, not one per run: the page, the count, and a handful of loaders.
    expect(small.count).toBeGreaterThanOrEqual(5);
    expect(large.count).toBeLessThanOrEqual(15);
    if (process.env.TRACKLINE_TEST_VERBOSE) console.log(`SQL statements: page of 10: ${small.count}, page of 100: ${large.count}\n${large.sql.join("\n")}`);

    // And the answers are right: every run carries its own params, tags and metrics.
    const nodes = large.data.runs.edges.map((e: any) => e.node);
    expect(large.data.runs.totalCount).toBe(121);
    for (const node of nodes) {
      if (node.name === 'parent') continue;
      const i = Number(node.name.slice(4));
      expect(node.params).toEqual([
        { key: 'depth', value: '3' },
        { key: 'lr', value: String(i) },
        { key: 'opt', value: 'adam' },
      ]);
      expect(node.note).toBe(`note ${i}`);
      expect(node.latestMetrics.map((m: any) => m.key)).toEqual(['acc', 'loss']);
      expect(node.metric.value).toBe(i / 120);
      expect(node.parent === null).toBe(i % 2 === 0);
      expect(node.experiment).toMatchObject({ name: 'loaders', runCount: 121, lastRunStartTime: 120, paramKeys: ['depth', 'lr', 'opt'], metricKeys: ['acc', 'loss'] });
    }
    // Sorted by loss ascending: the highest i first.
    expect(nodes[0].name).toBe('run-119');
  });
});
