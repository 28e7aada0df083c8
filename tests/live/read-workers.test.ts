import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphqlHandler } from '../../api/graphql.js';
import { InProcessBus } from '../../schema/live/bus.js';
import { Mlflow } from '../api/mlflow-support.js';
import { postGraphql } from '../helpers/graphql.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { wsClient } from '../helpers/ws.js';

// Reads run on worker threads with connections of their own (api/reads). They must answer exactly what
// the same handler answers on the event loop, see every write acknowledged before them, mask errors
// the same way, and stop a read over its time or memory limit without harming the server.

let server: TestServer;
let runId: string;
beforeAll(async () => {
  server = await startTestServer();
  runId = (await server.store.runs.create({ experimentId: '0', name: 'worker', tags: [{ key: 'mlflow.note.content', value: 'n' }] })).id;
  await server.store.log.batch(runId, {
    params: [{ key: 'lr', value: '0.1' }],
    metrics: [
      { key: 'loss', value: Number.NaN, step: 0, timestamp: 1 },
      { key: 'loss', value: Number.POSITIVE_INFINITY, step: 1, timestamp: 2 },
      { key: 'loss', value: 0.5, step: 2, timestamp: 3 },
    ],
  });
});
afterAll(() => server.stop());

/** The same operation answered by the event loop's handler, in this process, on the server's store. */
async function onEventLoop(query: string, variables?: Record<string, unknown>) {
  const yoga = createGraphqlHandler({ store: server.store, bus: new InProcessBus() });
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

async function onWorker(query: string, variables?: Record<string, unknown>) {
  const { status, ...body } = await postGraphql(server.url, query, variables);
  return { status, body };
}

describe('a read on a worker answers what the event loop answers', () => {
  const queries: Array<[string, string]> = [
    ['a run with everything', `query($id: ID!) { run(id: $id) { id name status note params { key value } tags { key value } latestMetrics { key value step } experiment { name } } }`],
    ['NaN and infinities in a history', `query($id: ID!) { metricHistory(runId: $id, key: "loss") { totalPoints points { step value } } }`],
    ['a search with a filter and an order', `{ runs(experimentIds: ["0"], filter: "params.lr = '0.1'", orderBy: ["metrics.loss DESC"]) { totalCount edges { node { id } } } }`],
    ['an expected error', `{ runs(experimentIds: ["0"], filter: "metrics.loss <") { totalCount } }`],
    ['a partial result', `query($id: ID!) { ok: run(id: $id) { name } bad: metricHistory(runId: "nope", key: "x") { totalPoints } }`],
    ['a variable that does not coerce', `query($n: Int) { runs(experimentIds: ["0"], first: $n) { totalCount } }`],
  ];
  it.each(queries)('%s', async (_name, query) => {
    const variables = query.includes('$id') ? { id: runId } : query.includes('$n') ? { n: 'ten' } : undefined;
    expect(await onWorker(query, variables)).toEqual(await onEventLoop(query, variables));
  });
});

describe('reads and writes', () => {
  it('a read right after an acknowledged write sees it, over GraphQL and the MLflow REST API', async () => {
    const mlflow = new Mlflow(server.url);
    for (let i = 0; i < 20; i++) {
      const { data } = await server.gql(`mutation { setTag(runId: "${runId}", key: "i", value: "${i}") { id } }`);
      expect(data).toBeDefined();
      const read = await server.ok(`{ run(id: "${runId}") { tags { key value } } }`);
      expect(read.run.tags.find((t: { key: string }) => t.key === 'i').value).toBe(String(i));
      await mlflow.ok('/runs/log-metric', { run_id: runId, key: 'rest', value: i, timestamp: i, step: i });
      const history = await mlflow.get('/metrics/get-history', { run_id: runId, metric_key: 'rest' });
      expect(history.body.metrics).toHaveLength(i + 1);
    }
  });
});

describe('limits of a read', () => {
  /** A server with its limits, and a run with `count` params of `valueLength` characters. */
  async function serverWithWideRun(overrides: Parameters<typeof startTestServer>[0], count: number, valueLength: number) {
    const limited = await startTestServer(overrides);
    const wide = (await limited.store.runs.create({ experimentId: '0', name: 'wide' })).id;
    const db = limited.store.db.sqlite;
    db?.transaction(() => {
      const insert = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
      for (let i = 0; i < count; i++) insert.run(wide, `param-${i}`, 'x'.repeat(valueLength));
    })();
    return { limited, wide };
  }

  /** The server answers reads again once a fresh worker has replaced the stopped one. */
  async function answersAgain(limited: TestServer, wide: string) {
    expect((await fetch(`${limited.url}/health`)).status).toBe(200);
    for (let attempt = 0; ; attempt++) {
      const result = await limited.gql(`{ run(id: "${wide}") { name } }`);
      if (!result.errors) return expect(result.data?.run.name).toBe('wide');
      if (attempt > 50) throw new Error(`no answer after the read was stopped: ${JSON.stringify(result.errors)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('a read that takes too long is stopped with an error naming the limit; the server goes on', async () => {
    const { limited, wide } = await serverWithWideRun({ readTimeoutMs: 150 }, 150_000, 10);
    try {
      const result = await limited.gql(`{ run(id: "${wide}") { params { key value } } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(result.errors?.[0]?.message).toContain('operation: took longer than 0.15 s');
      await answersAgain(limited, wide);
    } finally {
      await limited.stop();
    }
  });

  it('a read that needs more memory than a worker may use ends that worker, not the server', async () => {
    // 80,000 params of 1,000 characters: 80 MB of strings read at once, in a worker of 48 MB.
    const { limited, wide } = await serverWithWideRun({ readHeapMb: 48 }, 80_000, 1000);
    try {
      const result = await limited.gql(`{ run(id: "${wide}") { params { key value } } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(result.errors?.[0]?.message).toContain('operation: needed more than the 48 MB a read may use');
      await answersAgain(limited, wide);
      const rest = await new Mlflow(limited.url).get('/experiments/get', { experiment_id: '0' });
      expect(rest.status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('a query over graphql-ws', () => {
  it('is answered by a read worker like one over HTTP', async () => {
    const client = wsClient(server.url);
    try {
      const query = `query($id: ID!) { run(id: $id) { name params { key value } latestMetrics { key value } } }`;
      const result = await new Promise((resolve, reject) => {
        client.subscribe({ query, variables: { id: runId } }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(result).toEqual((await onWorker(query, { id: runId })).body);
    } finally {
      await client.dispose();
    }
  });
});
