import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Trackline, TracklineError, connect } from '../../client/sdk/index.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { runStatus } from './support.js';

let server: TestServer;
let tl: Trackline;

beforeAll(async () => {
  server = await startTestServer();
  tl = connect({ url: server.url, exitHandlers: false });
});
afterAll(() => server.stop());

describe('experiments', () => {
  it('setExperiment gets or creates by name, and the second call finds the same one', async () => {
    const first = await tl.setExperiment('sdk-get-or-create', { tags: { team: 'ml' } });
    const second = await tl.setExperiment('sdk-get-or-create');
    expect(second.id).toBe(first.id);
    expect(first.tags).toEqual({ team: 'ml' });
    expect(first.lifecycleStage).toBe('ACTIVE');
  });

  it('setExperiment refuses a deleted experiment, naming it', async () => {
    const experiment = await tl.setExperiment('sdk-deleted');
    await server.ok('mutation ($id: ID!) { deleteExperiment(id: $id) { id } }', { id: experiment.id });
    const error = await tl.setExperiment('sdk-deleted').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracklineError);
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', operation: 'setExperiment', field: 'name' });
    expect((error as Error).message).toContain('sdk-deleted');
  });

  it('startRun without an experiment uses the one set last', async () => {
    const client = connect({ url: server.url, exitHandlers: false });
    const experiment = await client.setExperiment('sdk-active');
    const run = await client.startRun();
    await run.end();
    expect(run.experimentId).toBe(experiment.id);
  });
});

describe('withRun', () => {
  it('ends the run FINISHED with its params, tags, note and metrics stored, and returns the body result', async () => {
    const experiment = await tl.setExperiment('sdk-with-run');
    const result = await tl.withRun({ experiment, name: 'degree-2', tags: { model: 'poly' } }, async (run) => {
      await run.logParams({ degree: 2, lr: 0.5, fit_intercept: true });
      await run.logParam('solver', 'qr');
      await run.setTags({ stage: 'dev', owner: 'ada' });
      await run.setNote('# Degree 2\nquadratic fit');
      run.logMetric('mse', 4.1, { step: 0 });
      run.logMetrics({ mse: 3.9, train_mse: 3.5 }, { step: 1 });
      return run.id;
    });
    const info = await tl.getRun(result);
    expect(info).toMatchObject({
      name: 'degree-2',
      status: 'FINISHED',
      params: { degree: '2', lr: '0.5', fit_intercept: 'true', solver: 'qr' },
      metrics: { mse: 3.9, train_mse: 3.5 },
      note: '# Degree 2\nquadratic fit',
    });
    expect(info?.tags).toMatchObject({ model: 'poly', stage: 'dev', owner: 'ada' });
    expect(info?.endTime).toBeGreaterThanOrEqual(info?.startTime ?? Number.POSITIVE_INFINITY);
  });

  it('ends the run FAILED when the body throws, flushes its metrics, and rethrows the same error', async () => {
    const experiment = await tl.setExperiment('sdk-with-run');
    const thrown = new RangeError('diverged');
    let runId = '';
    const caught = await tl
      .withRun({ experiment }, (run) => {
        runId = run.id;
        run.logMetric('loss', 1e9, { step: 7 });
        throw thrown;
      })
      .catch((e: unknown) => e);
    expect(caught).toBe(thrown);
    const info = await tl.getRun(runId);
    expect(info?.status).toBe('FAILED');
    expect(info?.latestMetrics.loss).toMatchObject({ value: 1e9, step: 7 });
  });

  it('run.end is idempotent: the first status stays', async () => {
    const run = await tl.startRun({ experiment: await tl.setExperiment('sdk-with-run') });
    await Promise.all([run.end('KILLED'), run.end('FINISHED')]);
    await run.end('FAILED');
    expect(await runStatus(server, run.id)).toBe('KILLED');
  });

  it('startRun whose params are refused ends the run it created FAILED and rethrows', async () => {
    const experiment = await tl.setExperiment('sdk-bad-params');
    await expect(tl.startRun({ experiment, params: { 'bad//key': 1 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', operation: 'logParams' });
    expect((await tl.searchRuns(experiment)).map((r) => r.status)).toEqual(['FAILED']);
  });

  it('logging to an ended run is refused at the call', async () => {
    const run = await tl.startRun({ experiment: await tl.setExperiment('sdk-with-run') });
    await run.end();
    expect(() => run.logMetric('x', 1)).toThrow(/has ended/);
    await expect(run.logParam('p', 1)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });
});

describe('nested runs, search and history', () => {
  it('creates child runs under a parent and finds them with filter and orderBy', async () => {
    const experiment = await tl.setExperiment('sdk-search');
    await tl.withRun({ experiment, name: 'sweep' }, async (parent) => {
      for (const degree of [1, 2, 3]) {
        await tl.withRun({ experiment, parent, name: `degree-${degree}`, params: { degree } }, (child) => {
          child.logMetric('mse', [40, 4, 4.2][degree - 1] as number);
        });
      }
    });
    const children = await tl.searchRuns(experiment, { filter: "tags.`mlflow.parentRunId` != ''", orderBy: ['metrics.mse ASC'] });
    expect(children.map((r) => r.name)).toEqual(['degree-2', 'degree-3', 'degree-1']);
    const parent = (await tl.searchRuns(experiment, { filter: "attributes.run_name = 'sweep'" }))[0];
    expect(children.every((r) => r.parentRunId === parent?.id)).toBe(true);
    const good = await tl.searchRuns(experiment, { filter: 'metrics.mse < 5', orderBy: ['params.degree DESC'] });
    expect(good.map((r) => r.params.degree)).toEqual(['3', '2']);
    expect(await tl.searchRuns(experiment, { maxResults: 2 })).toHaveLength(2);
  });

  it('pages through more runs than one page holds', async () => {
    const experiment = await tl.setExperiment('sdk-many-runs');
    const page = 1000;
    // Created through the server directly: the point is the SDK's paging, not 1,001 round trips.
    const experimentId = Number(experiment.id);
    const created = await Promise.all(
      Array.from({ length: 1001 }, (_, i) => server.store.runs.create({ experimentId: String(experimentId), name: `r${i}` }, 'reject')),
    );
    const found = await tl.searchRuns(experiment);
    expect(found).toHaveLength(created.length);
    expect(new Set(found.map((r) => r.id)).size).toBe(page + 1);
  });

  it('getMetricHistory returns the full raw series, NaN and ±Infinity as JS numbers', async () => {
    const experiment = await tl.setExperiment('sdk-history');
    const run = await tl.startRun({ experiment });
    const values = [1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5];
    values.forEach((value, step) => run.logMetric('odd', value, { step }));
    for (let step = 0; step < 12_345; step++) run.logMetric('long', step * 2, { step });
    await run.end();
    const odd = await tl.getMetricHistory(run.id, 'odd');
    expect(odd.map((p) => p.value)).toEqual(values);
    const long = await tl.getMetricHistory(run.id, 'long');
    expect(long).toHaveLength(12_345);
    expect(long.every((p, i) => p.step === i && p.value === i * 2)).toBe(true);
    expect(await tl.getMetricHistory(run.id, 'missing')).toEqual([]);
  });
});
