import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { ok } from '../helpers/graphql.js';
import { METRICS_LOGGED, createRun, logMetrics } from './ops.js';

const EVIL = 'http://evil.example';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with full control of its headers (fetch will not send a foreign Host). */
function send(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const createExperimentBody = (name: string) =>
  JSON.stringify({ query: 'mutation($n: String!) { createExperiment(name: $n) { id } }', variables: { n: name } });

async function experimentExists(server: TestServer, name: string): Promise<boolean> {
  const data = await ok(server.url, 'query($n: String) { experiment(name: $n) { id } }', { n: name });
  return data.experiment !== null;
}

/** Opens a raw WebSocket to /graphql; resolves with the upgrade's HTTP status (101 when accepted). */
function upgradeStatus(url: string, headers: { origin?: string; host?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      ...(headers.origin && { origin: headers.origin }),
      ...(headers.host && { headers: { host: headers.host } }),
    });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

let server: TestServer;
let port: string;

beforeAll(async () => {
  server = await startTestServer();
  port = new URL(server.url).port;
});

afterAll(async () => {
  await server?.stop();
});

describe('a foreign Origin', () => {
  test('is refused on POST /graphql with 403, and nothing is written', async () => {
    const response = await send(server.url, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', origin: EVIL },
      body: createExperimentBody('written-by-evil'),
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'PERMISSION_DENIED' });
    expect(JSON.parse(response.body).message).toMatch(/Origin "http:\/\/evil\.example" is not allowed.*--allow-origin/);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(await experimentExists(server, 'written-by-evil')).toBe(false);
  });

  test('is refused on GET /graphql, on a CORS preflight, on the MLflow REST API and on artifacts', async () => {
    const query = encodeURIComponent('{ experiments { totalCount } }');
    const attempts = [
      { method: 'GET', path: `/graphql?query=${query}` },
      { method: 'OPTIONS', path: '/graphql', headers: { 'access-control-request-method': 'POST' } },
      { method: 'POST', path: '/api/2.0/mlflow/experiments/create', body: JSON.stringify({ name: 'rest-by-evil' }) },
      { method: 'GET', path: '/api/2.0/mlflow/experiments/search?max_results=10' },
      { method: 'PUT', path: `/artifacts/${'a'.repeat(32)}/x.txt`, body: 'x' },
    ];
    for (const attempt of attempts) {
      const response = await send(server.url, { ...attempt, headers: { 'content-type': 'application/json', origin: EVIL, ...attempt.headers } });
      expect([attempt.method, attempt.path, response.status]).toEqual([attempt.method, attempt.path, 403]);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(await experimentExists(server, 'rest-by-evil')).toBe(false);
  });

  test('"null" (a sandboxed page or a file) is foreign too', async () => {
    const response = await send(server.url, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', origin: 'null' },
      body: createExperimentBody('written-by-null'),
    });
    expect(response.status).toBe(403);
    expect(await experimentExists(server, 'written-by-null')).toBe(false);
  });

  test('is refused on the WebSocket upgrade', async () => {
    expect(await upgradeStatus(server.url, { origin: EVIL })).toBe(403);
    // Through graphql-ws, the subscription fails instead of delivering anything.
    const client = wsClient(server.url, { origin: EVIL });
    const runId = await createRun(server.url);
    const queue = subscribe(client, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 });
    await expect(queue.ended()).rejects.toThrow(/subscription failed/);
    expect(queue.received).toHaveLength(0);
    await client.dispose();
  });

  test('does not matter for /health', async () => {
    const response = await send(server.url, { path: '/health', headers: { origin: EVIL } });
    expect(response.status).toBe(200);
  });
});

describe('the same origin and scripts', () => {
  test('the origin the server is reached at is served, over HTTP and WebSocket', async () => {
    for (const [host, name] of [
      [`127.0.0.1:${port}`, 'same-origin-ip'],
      [`localhost:${port}`, 'same-origin-localhost'],
    ] as const) {
      const response = await send(server.url, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', host, origin: `http://${host}` },
        body: createExperimentBody(name),
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).errors).toBeUndefined();
      expect(await experimentExists(server, name)).toBe(true);
    }
    expect(await upgradeStatus(server.url, { origin: `http://127.0.0.1:${port}` })).toBe(101);
    const client = wsClient(server.url, { origin: `http://127.0.0.1:${port}` });
    const runId = await createRun(server.url);
    const queue = subscribe(client, METRICS_LOGGED, { runIds: [runId], sinceSeq: 0 });
    await logMetrics(server.url, runId, [{ key: 'loss', value: 1 }]);
    expect((await queue.nextData()).metricsLogged.seq).toBe(1);
    await client.dispose();
  });

  test('the same host on another port is another origin', async () => {
    const response = await send(server.url, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:1' },
      body: createExperimentBody('other-port'),
    });
    expect(response.status).toBe(403);
  });

  test('a request without Origin (a script, the SDK, the MLflow client) is served', async () => {
    const response = await send(server.url, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: createExperimentBody('from-a-script'),
    });
    expect(response.status).toBe(200);
    expect(await upgradeStatus(server.url, {})).toBe(101);
  });
});

describe('a foreign Host (DNS rebinding)', () => {
  test('is refused on HTTP and on the WebSocket upgrade, naming --allow-host', async () => {
    const response = await send(server.url, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', host: `rebind.evil.example:${port}` },
      body: createExperimentBody('rebound'),
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).message).toMatch(/Host "rebind\.evil\.example:\d+" is not allowed.*--allow-host rebind\.evil\.example/);
    expect(await experimentExists(server, 'rebound')).toBe(false);
    // Even when the page's Origin matches that Host: the name itself is not this server's.
    expect(await upgradeStatus(server.url, { host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}` })).toBe(403);
  });
});

describe('--allow-origin and --allow-host', () => {
  test('admit exactly the origins and hosts given', async () => {
    const allowed = await startTestServer({ allowOrigins: ['http://dashboard.example:8080'], allowHosts: ['proxy.example'] });
    try {
      const admitted = await send(allowed.url, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', origin: 'http://dashboard.example:8080' },
        body: createExperimentBody('from-dashboard'),
      });
      expect(admitted.status).toBe(200);
      expect(await experimentExists(allowed, 'from-dashboard')).toBe(true);
      expect(await upgradeStatus(allowed.url, { origin: 'http://dashboard.example:8080' })).toBe(101);
      expect(await upgradeStatus(allowed.url, { origin: EVIL })).toBe(403);

      const viaProxy = await send(allowed.url, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', host: 'proxy.example', origin: 'http://proxy.example' },
        body: createExperimentBody('via-proxy'),
      });
      expect(viaProxy.status).toBe(200);
      expect(await experimentExists(allowed, 'via-proxy')).toBe(true);
      const otherOrigin = await send(allowed.url, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', origin: 'http://dashboard.example:9090' },
        body: createExperimentBody('other-dashboard'),
      });
      expect(otherOrigin.status).toBe(403);
    } finally {
      await allowed.stop();
    }
  });
});
