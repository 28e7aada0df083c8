import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mlflow } from '../api/mlflow-support.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { EventQueue, wsClient } from '../helpers/ws.js';

// Parent links form a tree through every API that sets them; reserved artifact names are refused when
// an experiment is created; subscriptions to unknown experiments answer NOT_FOUND; artifact errors
// name the path the client gave, not the store's key.

let server: TestServer;
let mlflow: Mlflow;
beforeAll(async () => {
  server = await startTestServer();
  mlflow = new Mlflow(server.url);
});
afterAll(() => server.stop());

const PARENT = 'mlflow.parentRunId';

async function chain(): Promise<{ a: string; b: string; c: string }> {
  const a = (await server.store.runs.create({ experimentId: '0', name: 'a' })).id;
  const b = (await server.store.runs.create({ experimentId: '0', name: 'b', parentRunId: a })).id;
  const c = (await server.store.runs.create({ experimentId: '0', name: 'c', parentRunId: b })).id;
  return { a, b, c };
}

const parentOf = async (id: string) => (await server.ok(`{ run(id: "${id}") { parentRunId } }`)).run.parentRunId;

describe('parent links cannot form a cycle', () => {
  type SetParent = (run: string, parent: string) => Promise<{ ok: boolean; message: string }>;
  const graphqlSetTag: SetParent = async (run, parent) => {
    const r = await server.gql(`mutation($r: ID!, $p: String!) { setTag(runId: $r, key: "${PARENT}", value: $p) { id } }`, { r: run, p: parent });
    return { ok: !r.errors, message: r.errors?.[0]?.message ?? '' };
  };
  const graphqlBatch: SetParent = async (run, parent) => {
    const r = await server.gql(`mutation($r: ID!, $t: [TagInput!]) { logBatch(runId: $r, tags: $t, metrics: [{ key: "m", value: 1 }]) { id } }`, {
      r: run,
      t: [{ key: PARENT, value: parent }],
    });
    return { ok: !r.errors, message: r.errors?.[0]?.message ?? '' };
  };
  const restSetTag: SetParent = async (run, parent) => {
    const r = await mlflow.post('/runs/set-tag', { run_id: run, key: PARENT, value: parent });
    return { ok: r.status === 200, message: r.body.message ?? '' };
  };
  const restBatch: SetParent = async (run, parent) => {
    const r = await mlflow.post('/runs/log-batch', { run_id: run, tags: [{ key: PARENT, value: parent }], metrics: [{ key: 'm', value: 1, timestamp: 1 }] });
    return { ok: r.status === 200, message: r.body.message ?? '' };
  };
  const apis: Array<[string, SetParent]> = [
    ['GraphQL setTag', graphqlSetTag],
    ['GraphQL logBatch', graphqlBatch],
    ['MLflow REST set-tag', restSetTag],
    ['MLflow REST log-batch', restBatch],
  ];

  it.each(apis)('%s: refuses the run itself and its descendants, writes nothing, allows a real move', async (_name, setParent) => {
    const { a, b, c } = await chain();
    const self = await setParent(a, a);
    expect(self.ok).toBe(false);
    expect(self.message).toContain(`run ${a} cannot be its own parent`);
    for (const descendant of [b, c]) {
      const cycle = await setParent(a, descendant);
      expect(cycle.ok).toBe(false);
      expect(cycle.message).toContain(`run ${descendant} descends from run ${a}`);
    }
    expect(await parentOf(a)).toBeNull();
    // The batch was refused as a whole: its metric is not there either.
    expect((await server.ok(`{ run(id: "${a}") { metric(key: "m") { value } } }`)).run.metric).toBeNull();
    const other = (await server.store.runs.create({ experimentId: '0', name: 'other' })).id;
    expect((await setParent(c, other)).ok).toBe(true);
    expect(await parentOf(c)).toBe(other);
  });
});

describe('reserved artifact names', () => {
  it.each(['mlflow-artifacts:/.trackline-upload-x', 'mlflow-artifacts:/team/.trackline-upload-1/runs'])(
    'an experiment at %s is refused through both APIs',
    async (location) => {
      const graphql = await server.gql(`mutation($l: String) { createExperiment(name: "reserved-gql", artifactLocation: $l) { id } }`, { l: location });
      expect(graphql.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
      expect(graphql.errors?.[0]?.message).toContain('reserved for uploads in progress');
      const rest = await mlflow.post('/experiments/create', { name: 'reserved-rest', artifact_location: location });
      expect(rest.status).toBe(400);
      expect((await server.ok(`{ a: experiment(name: "reserved-gql") { id } b: experiment(name: "reserved-rest") { id } }`)).a).toBeNull();
    },
  );
});

describe('subscriptions name what does not exist', () => {
  it.each(['abc', '999999'])('runChanged(experimentId: %s) answers NOT_FOUND', async (id) => {
    const client = wsClient(server.url);
    try {
      const answer = await new EventQueue(client, `subscription($e: ID!) { runChanged(experimentId: $e) { kinds } }`, { e: id })
        .next()
        .catch((error: Error) => error.message);
      expect(JSON.stringify(answer)).toContain('NOT_FOUND');
      expect(JSON.stringify(answer)).toContain(`no experiment with id=\\"${id}\\"`);
    } finally {
      await client.dispose();
    }
  });
});

describe('artifact errors', () => {
  it("name the client's path, never the store's key", async () => {
    const run = (await server.store.runs.create({ experimentId: '0', name: 'files' })).id;
    const put = await fetch(`${server.url}/artifacts/${run}/model/weights.bin`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(200);
    const answers = [
      await fetch(`${server.url}/artifacts/${run}/missing/file.txt`),
      await fetch(`${server.url}/artifacts/${run}/model/weights.bin/inside`, { method: 'PUT', body: 'y' }),
      await fetch(`${server.url}/artifacts/${run}/model`, { method: 'PUT', body: 'z' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const { message } = (await answer.json()) as { message: string };
      expect(message).not.toContain(`/${run}/artifacts`);
      expect(message).toMatch(/"(missing\/file\.txt|model\/weights\.bin\/inside|model)"/);
    }
  });
});
