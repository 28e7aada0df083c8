import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TracklineError, connect, type Trackline } from '../../client/sdk/index.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { FaultProxy } from './fault-proxy.js';
import { FAST_RETRY, storedPoints } from './support.js';

let server: TestServer;
let tl: Trackline;

beforeAll(async () => {
  server = await startTestServer();
  tl = connect({ url: server.url, exitHandlers: false, retry: FAST_RETRY, batch: { intervalMs: 3_600_000 } });
});
afterAll(() => server.stop());

async function rejection(work: Promise<unknown>): Promise<TracklineError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TracklineError);
  return error as TracklineError;
}

describe('server errors become TracklineError with code, message and operation', () => {
  it('changing a param: INVALID_ARGUMENT from logParam, naming the key', async () => {
    const run = await tl.startRun();
    await run.logParam('degree', 2);
    await run.logParam('degree', '2'); // the same value again is fine
    const error = await rejection(run.logParam('degree', 3));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', operation: 'logParam' });
    expect(error.message).toMatch(/^logParam: .*degree/);
    await run.end();
  });

  it('a deleted run: FAILED_PRECONDITION, and a batch that fails in the background surfaces on flush', async () => {
    const run = await tl.startRun();
    await server.ok('mutation ($id: ID!) { deleteRun(id: $id) { id } }', { id: run.id });
    await expect(run.setTag('k', 'v')).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', operation: 'setTag' });
    run.logMetric('loss', 1);
    const error = await rejection(run.flush());
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', operation: 'logMetric', field: 'runId' });
    await run.flush(); // reported once, not forever
    await expect(run.end()).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', operation: 'end' });
  });

  it('an unknown experiment or run: NOT_FOUND', async () => {
    await expect(tl.startRun({ experiment: '987654' })).rejects.toMatchObject({ code: 'NOT_FOUND', operation: 'startRun' });
    await expect(tl.startRun({ parent: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'parentRunId' });
    expect(await tl.getRun('0'.repeat(32))).toBeUndefined();
    await expect(tl.listArtifacts('0'.repeat(32))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a bad filter: INVALID_ARGUMENT from searchRuns with the parser message', async () => {
    const error = await rejection(tl.searchRuns('0', { filter: 'metrics.mse <<< 1' }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', operation: 'searchRuns', field: 'filter' });
  });
});

describe('input the SDK refuses before sending anything', () => {
  it('bad metric keys, values and steps throw at the call, naming the field', async () => {
    const run = await tl.startRun();
    expect(() => run.logMetric('a//b', 1)).toThrow(/logMetric: key: .*segments/);
    expect(() => run.logMetric('', 1)).toThrow(TracklineError);
    expect(() => run.logMetric('k', '1' as unknown as number)).toThrow(/value: a number is required/);
    expect(() => run.logMetric('k', 1, { step: 1.5 })).toThrow(/step: an integer/);
    expect(() => run.logMetric('k', 1, { step: 2 ** 53 })).toThrow(/step/);
    run.logMetric('k', 1);
    await run.end();
    expect(await storedPoints(server, run.id, 'k')).toBe(1);
  });

  it('bad connect options are refused with the option name', () => {
    expect(() => connect({ url: 'ftp://x' })).toThrow(/url must be an http/);
    expect(() => connect({ batch: { maxPoints: 0 } })).toThrow(/batch.maxPoints/);
  });
});

describe('transport failures', () => {
  it('an unreachable server: NETWORK after the bounded retries, with the reason', async () => {
    const port = await closedPort();
    const offline = connect({ url: `http://127.0.0.1:${port}`, exitHandlers: false, retry: FAST_RETRY });
    const error = await rejection(offline.getExperiment({ name: 'x' }));
    expect(error).toMatchObject({ code: 'NETWORK', operation: 'getExperiment' });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a non-GraphQL refusal (the origin guard\'s 403) keeps its status and message', async () => {
    const proxy = new FaultProxy(server.url, () => 'pass', (headers) => ({ ...headers, host: 'evil.example' }));
    const guarded = connect({ url: await proxy.start(), exitHandlers: false, retry: FAST_RETRY });
    const error = await rejection(guarded.getExperiment({ name: 'x' }));
    await proxy.stop();
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', status: 403, operation: 'getExperiment' });
    expect(error.message).toContain('evil.example');
  });

  it('sends TRACKLINE_TOKEN (or the token option) as a Bearer token', async () => {
    const proxy = new FaultProxy(server.url, () => 'pass');
    const url = await proxy.start();
    process.env.TRACKLINE_TOKEN = 'from-env';
    try {
      await connect({ url, exitHandlers: false }).getExperiment({ name: 'x' });
      await connect({ url, exitHandlers: false, token: 'from-option' }).getExperiment({ name: 'y' });
    } finally {
      delete process.env.TRACKLINE_TOKEN;
    }
    await connect({ url, exitHandlers: false }).getExperiment({ name: 'z' });
    await proxy.stop();
    expect(proxy.requests.map((r) => r.headers.authorization)).toEqual(['Bearer from-env', 'Bearer from-option', undefined]);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
