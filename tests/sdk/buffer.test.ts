import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../client/sdk/index.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { FaultProxy } from './fault-proxy.js';
import { eventually, metricSeq, storedPoints } from './support.js';

let server: TestServer;
let proxy: FaultProxy;
let proxyUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  proxy = new FaultProxy(server.url, () => 'pass');
  proxyUrl = await proxy.start();
});
afterAll(async () => {
  await proxy.stop();
  await server.stop();
});

// A long interval keeps the timer out of the way wherever a test is about the count threshold.
const HOUR = 3_600_000;

describe('buffering', () => {
  it('logMetric sends nothing until flush when below the threshold, then everything at once', async () => {
    const tl = connect({ url: server.url, exitHandlers: false, batch: { maxPoints: 1000, intervalMs: HOUR } });
    const run = await tl.startRun({ name: 'held' });
    for (let step = 0; step < 999; step++) run.logMetric('loss', step, { step });
    expect(run.pendingPoints).toBe(999);
    await run.settled();
    expect(await storedPoints(server, run.id, 'loss')).toBe(0);
    await run.flush();
    expect(run.pendingPoints).toBe(0);
    expect(await storedPoints(server, run.id, 'loss')).toBe(999);
    expect(await metricSeq(server, run.id, 'loss')).toBe(1);
    await run.end();
  });

  it('sends a batch as soon as maxPoints are pending, keeping the rest pending', async () => {
    const tl = connect({ url: server.url, exitHandlers: false, batch: { maxPoints: 10, intervalMs: HOUR } });
    const run = await tl.startRun({ name: 'threshold' });
    for (let step = 0; step < 25; step++) run.logMetric('loss', step, { step });
    expect(run.pendingPoints).toBe(5);
    await run.settled();
    expect(await storedPoints(server, run.id, 'loss')).toBe(20);
    expect(await metricSeq(server, run.id, 'loss')).toBe(2);
    await run.end();
    expect(await storedPoints(server, run.id, 'loss')).toBe(25);
  });

  it('sends pending points once the interval has passed, without a flush', async () => {
    const tl = connect({ url: server.url, exitHandlers: false, batch: { maxPoints: 1000, intervalMs: 50 } });
    const run = await tl.startRun({ name: 'timer' });
    run.logMetric('loss', 1, { step: 1 });
    run.logMetric('loss', 2, { step: 2 });
    await eventually(async () => (await storedPoints(server, run.id, 'loss')) === 2, 'the timer to send 2 points');
    expect(run.pendingPoints).toBe(0);
    expect(await metricSeq(server, run.id, 'loss')).toBe(1);
    await run.end();
  });

  it('stamps each point when it is logged, so the stored timestamps are the call times', async () => {
    const tl = connect({ url: server.url, exitHandlers: false, batch: { intervalMs: HOUR } });
    const run = await tl.startRun({ name: 'stamps' });
    const before = Date.now();
    run.logMetric('t', 1, { step: 0 });
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    run.logMetric('t', 2, { step: 1 });
    run.logMetric('t', 3, { step: 2, timestamp: 42 });
    await run.end();
    const points = await tl.getMetricHistory(run.id, 't');
    expect(points[0]?.timestamp).toBeGreaterThanOrEqual(before);
    expect(points[0]?.timestamp).toBeLessThanOrEqual(between);
    expect(points[1]?.timestamp).toBeGreaterThan(between);
    expect(points[2]?.timestamp).toBe(42);
  });
});

describe('batch splitting', () => {
  it('splits a buffer larger than the server limit into batches of 1,000', async () => {
    const tl = connect({ url: proxyUrl, exitHandlers: false, batch: { maxPoints: 5000, intervalMs: HOUR } });
    const run = await tl.startRun({ name: 'split' });
    for (let step = 0; step < 2500; step++) run.logMetric('loss', step, { step });
    await run.flush();
    const batches = proxy.of('SdkLogBatch').filter((r) => r.body.includes(run.id));
    expect(batches.map((r) => (JSON.parse(r.body).variables.metrics as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect(batches.every((r) => r.upstreamStatus === 200)).toBe(true);
    expect(await storedPoints(server, run.id, 'loss')).toBe(2500);
    await run.end();
  });

  it('splits logParams and setTags above the server limit of 100 per batch', async () => {
    const tl = connect({ url: proxyUrl, exitHandlers: false });
    const run = await tl.startRun({ name: 'many-params' });
    const params = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, i]));
    const tags = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, `v${i}`]));
    await run.logParams(params);
    await run.setTags(tags);
    await run.end();
    const writes = proxy.of('SdkLogBatch').filter((r) => r.body.includes(run.id));
    expect(writes).toHaveLength(3 + 2);
    const info = await tl.getRun(run.id);
    expect(Object.keys(info?.params ?? {})).toHaveLength(250);
    expect(info?.tags.t149).toBe('v149');
  });

  it('keeps at most maxInFlight batches on the wire and still stores every point', async () => {
    const limited = new FaultProxy(server.url, () => 'pass');
    const tl = connect({ url: await limited.start(), exitHandlers: false, batch: { maxPoints: 100, intervalMs: HOUR, maxInFlight: 2 } });
    const run = await tl.startRun({ name: 'in-flight' });
    for (let step = 0; step < 5000; step++) run.logMetric('loss', step, { step });
    await run.end();
    await limited.stop();
    expect(limited.maxConcurrent).toBe(2);
    expect(await storedPoints(server, run.id, 'loss')).toBe(5000);
    expect(await metricSeq(server, run.id, 'loss')).toBe(50);
  });
});
