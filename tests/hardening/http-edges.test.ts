import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { type RawResponse, rawRequest } from '../helpers/raw-http.js';
import { EventQueue, wsClient } from '../helpers/ws.js';

// What reaches the server before any handler: request targets and Host headers, content types a
// foreign page can send, GETs sent on another site's behalf, server-sent events, documents too deep
// or too long for graphql-js's parser. Every refusal is a clear 4xx JSON error and writes nothing.

let server: TestServer;
let port: number;
let runId: string;
const bodies: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  port = server.port;
  runId = (await server.store.runs.create({ experimentId: '0', name: 'edges' })).id;
});
afterAll(() => server.stop());

async function send(options: Parameters<typeof rawRequest>[1]): Promise<RawResponse> {
  const response = await rawRequest(port, options);
  if (response.status >= 400) bodies.push(response.body);
  return response;
}

const createExperiment = (name: string) =>
  JSON.stringify({ query: `mutation { createExperiment(name: "${name}") { id } }` });
const exists = async (name: string) => (await server.ok(`{ experiment(name: "${name}") { id } }`)).experiment !== null;
const stillAnswers = async () => expect((await send({ target: '/health' })).status).toBe(200);

describe('request targets and Host headers are validated before any handler', () => {
  const malformed: Array<[string, Parameters<typeof rawRequest>[1]]> = [
    ['a Host with a port that is not a number', { target: '/graphql', headers: { host: '127.0.0.1:evil' } }],
    ['a bracketed Host with trailing junk', { target: '/graphql', headers: { host: '[::1]evil' } }],
    ['a Host that is two values', { method: 'POST', target: '/graphql', headers: { host: 'localhost:5000, x', 'content-type': 'application/json' }, body: createExperiment('host-list'), chunked: true }],
    ['a Host with a path', { target: '/health', headers: { host: 'localhost/x' } }],
    ['a port over 65535', { target: '/api/2.0/mlflow/experiments/search?max_results=1', headers: { host: 'localhost:70000' } }],
    ['an asterisk target', { method: 'OPTIONS', target: '*' }],
    ['an absolute target with a bad authority', { target: 'http://127.0.0.1:evil/graphql' }],
  ];
  it.each(malformed)('%s: 400 JSON, no stack trace', async (_name, request) => {
    const response = await send(request);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(JSON.parse(response.body).message).toBeTypeOf('string');
    await stillAnswers();
  });

  it("an absolute-form target's authority is checked like a Host", async () => {
    const foreign = await send({ target: 'http://evil.example/graphql?query=%7B__typename%7D' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toContain('evil.example');
    const own = await send({ target: `http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`, headers: { host: 'evil.example' } });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).data.__typename).toBe('Query');
    expect(await exists('host-list')).toBe(false);
  });
});

describe('writes only from JSON bodies', () => {
  const types = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/graphql', undefined];
  it.each(types)('POST /graphql with %s: 415, nothing written', async (type) => {
    const name = `form-${type ?? 'none'}`;
    const body = type === 'application/graphql' ? `mutation { createExperiment(name: "${name}") { id } }` : createExperiment(name);
    const response = await send({ method: 'POST', target: '/graphql', headers: type ? { 'content-type': type } : {}, body });
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('INVALID_ARGUMENT');
    expect(await exists(name)).toBe(false);
  });
});

describe('GETs sent on behalf of another site', () => {
  const reads = [
    `/graphql?query=${encodeURIComponent('{ experiments { totalCount } }')}`,
    '/api/2.0/mlflow/experiments/search?max_results=10',
    `/api/2.0/mlflow/runs/get?run_id=${'RUN'}`,
    `/artifacts/${'RUN'}/model.json`,
  ];
  it.each(reads)('GET %s: refused when cross-site or same-site, served when same-origin, none or absent', async (path) => {
    const target = path.replace('RUN', runId);
    for (const site of ['cross-site', 'same-site']) {
      const refused = await send({ target, headers: { 'sec-fetch-site': site } });
      expect(refused.status, site).toBe(403);
      expect(JSON.parse(refused.body).message).toContain(site);
    }
    for (const site of ['same-origin', 'none', undefined]) {
      const served = await send({ target, headers: site ? { 'sec-fetch-site': site } : {} });
      expect([200, 404], `${site}: ${served.body}`).toContain(served.status);
    }
  });

  it("GraphiQL's page still loads from a link on another site (it executes nothing)", async () => {
    const page = await send({ target: '/graphql', headers: { 'sec-fetch-site': 'cross-site', accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});

describe('subscriptions only over graphql-ws', () => {
  it('a client that only accepts server-sent events is refused', async () => {
    const query = encodeURIComponent(`subscription { metricsLogged(runIds: ["${runId}"]) { seq } }`);
    const response = await send({ target: `/graphql?query=${query}`, headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(406);
  });

  it('a subscription POSTed over HTTP is answered with an error and starts nothing', async () => {
    const bus = server.bus as unknown as { subscriberCount: number };
    const before = bus.subscriberCount;
    const body = JSON.stringify({ query: `subscription { metricsLogged(runIds: ["${runId}"]) { seq } }` });
    const response = await send({
      method: 'POST',
      target: '/graphql',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body,
    });
    expect(response.body).toContain('subscriptions are served over WebSocket');
    expect(bus.subscriberCount).toBe(before);
  });
});

describe('documents are sized before graphql-js parses them', () => {
  const deep = (n: number) => `{ run(id: "${runId}") ${'{ parent '.repeat(n)}{ id }${' }'.repeat(n)} }`;
  const shapes: Array<[string, string, RegExp]> = [
    ['selections nested 5,000 deep', deep(5000), /nested at most 32 deep/],
    ['a list literal nested 5,000 deep', `{ runs(experimentIds: ${'['.repeat(5000)}"0"${']'.repeat(5000)}) { totalCount } }`, /nested at most 32 deep/],
    ['60,000 tokens', `{ ${Array.from({ length: 30_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`, /at most 50000 tokens/],
  ];
  it.each(shapes)('%s: refused over HTTP and WebSocket', async (_name, query, message) => {
    const result = await server.gql(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    expect(result.errors?.[0]?.message).toMatch(message);
    const client = wsClient(server.url);
    try {
      const answer = await new EventQueue(client, query.replace(/^\{/, 'subscription {')).next().catch((error: Error) => error.message);
      expect(JSON.stringify(answer)).toMatch(message);
    } finally {
      await client.dispose();
    }
    await stillAnswers();
  });

  it('depth 12 with its brackets still gets the depth rule, not the nesting one', async () => {
    const result = await server.gql(deep(11));
    expect(result.errors?.[0]?.message).toContain('the maximum depth is 12, got 13');
  });
});

describe('error bodies', () => {
  it('carry no stack frame, source path or internal store key', async () => {
    // A few more failures of other kinds, on top of everything the tests above collected.
    for (const target of [`/artifacts/${runId}/missing.txt`, '/api/2.0/mlflow/runs/get?run_id=nope', '/nowhere']) {
      await send({ target });
    }
    await send({ method: 'POST', target: '/api/2.0/mlflow/runs/log-batch', headers: { 'content-type': 'application/json' }, body: '{"run_id": 5' });
    const gql = await server.gql(`{ run(id: "${runId}") { artifacts(path: "../x") { name } } }`);
    bodies.push(JSON.stringify(gql));
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(body).not.toMatch(/\bat .*\(?[\w/.-]+:\d+:\d+\)?/);
      expect(body).not.toMatch(/node_modules|\/work\/|\.ts:\d|file:\/\//);
      // Artifact keys look like <experiment>/<run>/artifacts/<path>.
      expect(body).not.toContain(`0/${runId}/artifacts`);
    }
  });
});
