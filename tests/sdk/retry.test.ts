import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { connect, TracklineError } from '../../client/sdk/index.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { type Fault, FaultProxy, type ProxiedRequest } from './fault-proxy.js';
import { FAST_RETRY, metricSeq, storedPoints } from './support.js';

let server: TestServer;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());
afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
});

/** A client behind a proxy that applies `fault` to the first `times` requests of `operation`. */
async function clientWithFault(operation: string, fault: Fault, times = 1) {
  let seen = 0;
  proxy = new FaultProxy(server.url, (request: ProxiedRequest) => (request.operation === operation && seen++ < times ? fault : 'pass'));
  const url = await proxy.start();
  return { tl: connect({ url, exitHandlers: false, retry: FAST_RETRY, batch: { intervalMs: 3_600_000 } }), proxy };
}

describe('retried writes never double-count', () => {
  it('a batch whose answer is lost after the server stored it is resent and ignored as duplicates', async () => {
    const { tl, proxy } = await clientWithFault('SdkLogBatch', 'cut-after-server');
    const run = await tl.startRun({ name: 'lost-answer' });
    for (let step = 0; step < 2500; step++) run.logMetric('loss', step / 10, { step });
    await run.flush();
    const batches = proxy.of('SdkLogBatch');
    // The first batch reached the server and was committed, then its answer was cut.
    expect(batches[0]).toMatchObject({ fault: 'cut-after-server', upstreamStatus: 200 });
    // Resent byte for byte: the SDK stamped the timestamps, so the retry is an exact duplicate.
    expect(batches.filter((b) => b.body === batches[0]?.body)).toHaveLength(2);
    expect(await storedPoints(server, run.id, 'loss')).toBe(2500);
    // Three writes committed; the duplicate retry took no seq of its own.
    expect(await metricSeq(server, run.id, 'loss')).toBe(3);
    await run.end();
  });

  it('a batch cut halfway through its body is resent and stored once', async () => {
    const { tl, proxy } = await clientWithFault('SdkLogBatch', 'cut-mid-request');
    const run = await tl.startRun({ name: 'cut-request' });
    for (let step = 0; step < 1000; step++) run.logMetric('loss', step, { step });
    await run.flush();
    expect(proxy.of('SdkLogBatch')).toHaveLength(2);
    expect(await storedPoints(server, run.id, 'loss')).toBe(1000);
    expect(await metricSeq(server, run.id, 'loss')).toBe(1);
    await run.end();
  });

  it('retries 5xx answers for idempotent calls, with a bound', async () => {
    const flaky = await clientWithFault('SdkLogParam', 'unavailable', 2);
    const run = await flaky.tl.startRun({ name: 'flaky' });
    await run.logParam('degree', 2);
    expect(flaky.proxy.of('SdkLogParam').map((r) => r.fault)).toEqual(['unavailable', 'unavailable', 'pass']);
    await run.end();
    await proxy?.stop();

    const down = await clientWithFault('SdkSetTag', 'unavailable', 100);
    const other = await down.tl.startRun({ name: 'down' });
    const error = await other.setTag('k', 'v').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracklineError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503, operation: 'setTag' });
    expect(down.proxy.of('SdkSetTag')).toHaveLength(FAST_RETRY.attempts);
    await other.end();
  });
});

describe('creates are never blindly resent', () => {
  it('createRun whose answer was lost: the SDK finds the run it made instead of making a second', async () => {
    const { tl, proxy } = await clientWithFault('SdkCreateRun', 'cut-after-server');
    const experiment = await tl.setExperiment('lost-create-run');
    const run = await tl.startRun({ experiment, name: 'only-once' });
    expect(proxy.of('SdkCreateRun')).toHaveLength(1);
    const runs = await tl.searchRuns(experiment);
    expect(runs.map((r) => r.id)).toEqual([run.id]);
    await run.end();
  });

  it('createRun that never reached the server is sent again, once', async () => {
    const { tl, proxy } = await clientWithFault('SdkCreateRun', 'unavailable');
    const experiment = await tl.setExperiment('refused-create-run');
    const run = await tl.startRun({ experiment });
    expect(proxy.of('SdkCreateRun').map((r) => r.fault)).toEqual(['unavailable', 'pass']);
    expect((await tl.searchRuns(experiment)).map((r) => r.id)).toEqual([run.id]);
    await run.end();
  });

  it('createExperiment whose answer was lost: the SDK finds it by name', async () => {
    const { tl, proxy } = await clientWithFault('SdkCreateExperiment', 'cut-after-server');
    const experiment = await tl.setExperiment('lost-create-experiment');
    expect(proxy.of('SdkCreateExperiment')).toHaveLength(1);
    expect(experiment.name).toBe('lost-create-experiment');
    const data = await server.ok('{ experiments(filter: "name = \'lost-create-experiment\'") { totalCount } }');
    expect(data.experiments.totalCount).toBe(1);
  });
});
