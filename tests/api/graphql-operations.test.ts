import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

// Every query and mutation of the GraphQL contract (docs/architecture.md section 4), through a real server on
// a free port with its own SQLite file: the shapes scripts, the SDK and the dashboard rely on.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const RUN_FIELDS = `
  id name experimentId experiment { id name } status startTime endTime userId lifecycleStage artifactUri
  parentRunId parent { id name } children { id name } params { key value } tags { key value } note
  latestMetrics { key value step timestamp }
`;

async function createExperiment(name: string, extra = '') {
  const data = await server.ok<{ createExperiment: { id: string } }>(`mutation { createExperiment(name: ${JSON.stringify(name)}${extra}) { id } }`);
  return data.createExperiment.id;
}
async function createRun(experimentId: string, args = '') {
  const data = await server.ok<{ createRun: { id: string } }>(`mutation { createRun(experimentId: "${experimentId}"${args}) { id } }`);
  return data.createRun.id;
}

describe('experiments', () => {
  it('create, read by id and by name, rename, tag, untag', async () => {
    const created = await server.ok(
      `mutation { createExperiment(name: "ops-exp", tags: [{ key: "team", value: "vision" }]) {
        id name artifactLocation lifecycleStage creationTime lastUpdateTime tags { key value }
        runCount lastRunStartTime paramKeys metricKeys } }`,
    );
    const e = created.createExperiment;
    expect(e).toMatchObject({
      name: 'ops-exp',
      artifactLocation: `mlflow-artifacts:/${e.id}`,
      lifecycleStage: 'ACTIVE',
      tags: [{ key: 'team', value: 'vision' }],
      runCount: 0,
      lastRunStartTime: null,
      paramKeys: [],
      metricKeys: [],
    });
    expect(Number.isSafeInteger(e.creationTime)).toBe(true);
    const byName = await server.ok(`{ experiment(name: "ops-exp") { id } }`);
    expect(byName.experiment.id).toBe(e.id);
    const renamed = await server.ok(`mutation { renameExperiment(id: "${e.id}", name: "ops-exp-2") { name } }`);
    expect(renamed.renameExperiment.name).toBe('ops-exp-2');
    await server.ok(`mutation { setExperimentTag(id: "${e.id}", key: "mlflow.note.content", value: "notes") { id } }`);
    const tagged = await server.ok(`mutation { deleteExperimentTag(id: "${e.id}", key: "team") { id } }`);
    expect(tagged.deleteExperimentTag.id).toBe(e.id);
    const read = await server.ok(`{ experiment(id: "${e.id}") { name tags { key value } } }`);
    expect(read.experiment).toEqual({ name: 'ops-exp-2', tags: [{ key: 'mlflow.note.content', value: 'notes' }] });
    expect((await server.ok(`{ experiment(id: "424242") { id } }`)).experiment).toBeNull();
    expect((await server.ok(`{ experiment(name: "nope") { id } }`)).experiment).toBeNull();
    expect((await server.ok(`{ experiment { id } }`)).experiment).toBeNull();
  });

  it('delete cascades to runs and is idempotent; restore brings them back', async () => {
    const id = await createExperiment('ops-cascade');
    const runId = await createRun(id);
    const deleted = await server.ok(`mutation { deleteExperiment(id: "${id}") { lifecycleStage } }`);
    expect(deleted.deleteExperiment.lifecycleStage).toBe('DELETED');
    expect((await server.ok(`mutation { deleteExperiment(id: "${id}") { lifecycleStage } }`)).deleteExperiment.lifecycleStage).toBe('DELETED');
    expect((await server.ok(`{ run(id: "${runId}") { lifecycleStage } }`)).run.lifecycleStage).toBe('DELETED');
    const restored = await server.ok(`mutation { restoreExperiment(id: "${id}") { lifecycleStage runCount } }`);
    expect(restored.restoreExperiment).toEqual({ lifecycleStage: 'ACTIVE', runCount: 1 });
    expect((await server.ok(`mutation { restoreExperiment(id: "${id}") { lifecycleStage } }`)).restoreExperiment.lifecycleStage).toBe('ACTIVE');
    expect((await server.ok(`{ run(id: "${runId}") { lifecycleStage } }`)).run.lifecycleStage).toBe('ACTIVE');
  });

  it('lists with filter, orderBy, view, paging and totalCount', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) await createExperiment(name);
    const gone = await createExperiment('list-d');
    await server.ok(`mutation { deleteExperiment(id: "${gone}") { id } }`);
    const query = `query($after: String, $view: ViewType) {
      experiments(filter: "name LIKE 'list-%'", orderBy: ["name DESC"], first: 2, after: $after, view: $view) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`;
    const first = (await server.ok(query)).experiments;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => e.node.name)).toEqual(['list-c', 'list-b']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    const second = (await server.ok(query, { after: first.pageInfo.endCursor })).experiments;
    expect(second.edges.map((e: any) => e.node.name)).toEqual(['list-a']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const all = (await server.ok(query, { view: 'ALL' })).experiments;
    expect(all.totalCount).toBe(4);
    expect(all.edges[0].node.name).toBe('list-d');
    const deletedOnly = (await server.ok(query, { view: 'DELETED_ONLY' })).experiments;
    expect(deletedOnly.edges.map((e: any) => e.node.name)).toEqual(['list-d']);
  });
});

describe('runs', () => {
  let experimentId: string;
  beforeAll(async () => {
    experimentId = await createExperiment('ops-runs');
  });

  it('createRun with name, start time, tags and parent; run reads every field', async () => {
    const parent = await createRun(experimentId, ', name: "parent", startTime: 1000');
    const child = await server.ok(
      `mutation { createRun(experimentId: "${experimentId}", name: "child", startTime: 2000, parentRunId: "${parent}",
        tags: [{ key: "mlflow.note.content", value: "# Notes" }, { key: "mlflow.user", value: "ada" }]) { ${RUN_FIELDS} } }`,
    );
    const run = child.createRun;
    expect(run).toMatchObject({
      name: 'child',
      experimentId,
      experiment: { id: experimentId, name: 'ops-runs' },
      status: 'RUNNING',
      startTime: 2000,
      endTime: null,
      userId: 'ada',
      lifecycleStage: 'ACTIVE',
      artifactUri: `mlflow-artifacts:/${experimentId}/${run.id}/artifacts`,
      parentRunId: parent,
      parent: { id: parent, name: 'parent' },
      children: [],
      params: [],
      note: '# Notes',
      latestMetrics: [],
    });
    expect(run.tags).toEqual(
      expect.arrayContaining([
        { key: 'mlflow.runName', value: 'child' },
        { key: 'mlflow.parentRunId', value: parent },
        { key: 'mlflow.note.content', value: '# Notes' },
      ]),
    );
    const read = await server.ok(`{ run(id: "${parent}") { children { id } parent { id } note } }`);
    expect(read.run).toEqual({ children: [{ id: run.id }], parent: null, note: null });
    expect((await server.ok(`{ run(id: "${'0'.repeat(32)}") { id } }`)).run).toBeNull();
  });

  it('a child named by the mlflow.parentRunId tag has its parent too', async () => {
    const parent = await createRun(experimentId, ', name: "p2"');
    const child = await createRun(experimentId, `, tags: [{ key: "mlflow.parentRunId", value: "${parent}" }]`);
    const read = await server.ok(`{ run(id: "${child}") { parentRunId parent { id } name } }`);
    expect(read.run).toMatchObject({ parentRunId: parent, parent: { id: parent } });
    expect(read.run.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
  });

  it('updateRun sets status, end time and name (the tag follows); setTag renames too', async () => {
    const id = await createRun(experimentId, ', name: "before"');
    const updated = await server.ok(
      `mutation { updateRun(id: "${id}", status: FINISHED, endTime: 5000, name: "after") { status endTime name tags { key value } } }`,
    );
    expect(updated.updateRun).toMatchObject({ status: 'FINISHED', endTime: 5000, name: 'after' });
    expect(updated.updateRun.tags).toContainEqual({ key: 'mlflow.runName', value: 'after' });
    const tagged = await server.ok(`mutation { setTag(runId: "${id}", key: "mlflow.runName", value: "by-tag") { name } }`);
    expect(tagged.setTag.name).toBe('by-tag');
    const note = await server.ok(`mutation { setTag(runId: "${id}", key: "mlflow.note.content", value: "hello") { note } }`);
    expect(note.setTag.note).toBe('hello');
    const untagged = await server.ok(`mutation { deleteTag(runId: "${id}", key: "mlflow.note.content") { id } }`);
    expect(untagged.deleteTag.id).toBe(id);
    expect((await server.ok(`{ run(id: "${id}") { note name } }`)).run).toEqual({ note: null, name: 'by-tag' });
  });

  it('deleteRun and restoreRun, idempotently', async () => {
    const id = await createRun(experimentId);
    for (let i = 0; i < 2; i++) {
      expect((await server.ok(`mutation { deleteRun(id: "${id}") { lifecycleStage } }`)).deleteRun.lifecycleStage).toBe('DELETED');
    }
    for (let i = 0; i < 2; i++) {
      expect((await server.ok(`mutation { restoreRun(id: "${id}") { lifecycleStage } }`)).restoreRun.lifecycleStage).toBe('ACTIVE');
    }
  });

  it('logParam, logMetric, logBatch; latestMetrics, metric(key), experiment stats', async () => {
    const expId = await createExperiment('ops-logging');
    const id = await createRun(expId, ', startTime: 77');
    await server.ok(`mutation { logParam(runId: "${id}", key: "lr", value: "0.1") { id } }`);
    await server.ok(`mutation { logParam(runId: "${id}", key: "lr", value: "0.1") { id } }`);
    await server.ok(`mutation { logMetric(runId: "${id}", key: "loss", value: 0.5, step: 1, timestamp: 10) { id } }`);
    const batch = await server.ok(
      `mutation { logBatch(runId: "${id}",
        metrics: [{ key: "loss", value: 0.25, step: 2, timestamp: 20 }, { key: "acc", value: "NaN", timestamp: 5 }],
        params: [{ key: "depth", value: "3" }], tags: [{ key: "t", value: "1" }, { key: "t", value: "2" }]) {
          params { key value } tags { key value } latestMetrics { key value step timestamp } metric(key: "loss") { value step } } }`,
    );
    expect(batch.logBatch.params).toEqual([
      { key: 'depth', value: '3' },
      { key: 'lr', value: '0.1' },
    ]);
    expect(batch.logBatch.tags).toContainEqual({ key: 't', value: '2' });
    expect(batch.logBatch.latestMetrics).toEqual([
      { key: 'acc', value: 'NaN', step: 0, timestamp: 5 },
      { key: 'loss', value: 0.25, step: 2, timestamp: 20 },
    ]);
    expect(batch.logBatch.metric).toEqual({ value: 0.25, step: 2 });
    expect((await server.ok(`{ run(id: "${id}") { metric(key: "absent") { value } } }`)).run.metric).toBeNull();
    // timestamp defaults to the server's clock
    const before = Date.now();
    const logged = await server.ok(`mutation { logMetric(runId: "${id}", key: "now", value: 1) { metric(key: "now") { step timestamp } } }`);
    expect(logged.logMetric.metric.step).toBe(0);
    expect(logged.logMetric.metric.timestamp).toBeGreaterThanOrEqual(before);
    expect(logged.logMetric.metric.timestamp).toBeLessThanOrEqual(Date.now());
    const stats = await server.ok(`{ experiment(id: "${expId}") { runCount lastRunStartTime paramKeys metricKeys } }`);
    expect(stats.experiment).toEqual({ runCount: 1, lastRunStartTime: 77, paramKeys: ['depth', 'lr'], metricKeys: ['acc', 'loss', 'now'] });
  });

  it('runs(...) and Experiment.runs filter, sort, page and count', async () => {
    const expId = await createExperiment('ops-search');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await createRun(expId, `, name: "s${i}", startTime: ${i}`);
      await server.ok(`mutation { logMetric(runId: "${id}", key: "m", value: ${i % 3}, timestamp: 1) { id } }`);
      ids.push(id);
    }
    const q = `query($after: String) { runs(experimentIds: ["${expId}"], filter: "metrics.m >= 1", orderBy: ["metrics.m DESC"], first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`;
    const page1 = (await server.ok(q)).runs;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: any) => e.node.name)).toEqual(['s2', 's4']);
    const page2 = (await server.ok(q, { after: page1.pageInfo.endCursor })).runs;
    expect(page2.edges.map((e: any) => e.node.name)).toEqual(['s1']);
    expect(page2.pageInfo).toEqual({ hasNextPage: false, endCursor: page2.edges[0].cursor });
    const nested = await server.ok(`{ experiment(id: "${expId}") { runs(orderBy: ["attributes.start_time ASC"], first: 10) { totalCount edges { node { name } } } } }`);
    expect(nested.experiment.runs.edges.map((e: any) => e.node.name)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    await server.ok(`mutation { deleteRun(id: "${ids[0]}") { id } }`);
    const deleted = await server.ok(`{ runs(experimentIds: ["${expId}"], view: DELETED_ONLY) { totalCount edges { node { id } } } }`);
    expect(deleted.runs).toEqual({ totalCount: 1, edges: [{ node: { id: ids[0] } }] });
    expect((await server.ok(`{ runs(experimentIds: ["${expId}"], view: ALL) { totalCount } }`)).runs.totalCount).toBe(5);
  });
});

describe('metric reads', () => {
  let runId: string;
  let otherId: string;
  beforeAll(async () => {
    const expId = await createExperiment('ops-metrics');
    runId = await createRun(expId);
    otherId = await createRun(expId);
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'm', value: i === 500 ? 'Infinity' : i === 7 ? 'NaN' : i / 10, step: i, timestamp: 1 }));
    await server.ok(`mutation($m: [MetricInput!]) { logBatch(runId: "${runId}", metrics: $m) { id } }`, { m: metrics });
    await server.ok(`mutation { logMetric(runId: "${otherId}", key: "m", value: -1, step: -3, timestamp: 1) { id } }`);
  });

  it('metricHistory returns exact points when they fit and min/max/count buckets when they do not', async () => {
    const exact = await server.ok(`{ metricHistory(runId: "${runId}", key: "m", maxPoints: 10, minStep: 3, maxStep: 9) {
      runId key totalPoints sampled bucketWidth lastSeq points { step timestamp value min max count } } }`);
    expect(exact.metricHistory).toMatchObject({ runId, key: 'm', totalPoints: 7, sampled: false, bucketWidth: null, lastSeq: 1 });
    expect(exact.metricHistory.points.map((p: any) => p.value)).toEqual([0.3, 0.4, 0.5, 0.6, 'NaN', 0.8, 0.9]);
    expect(exact.metricHistory.points[0]).toEqual({ step: 3, timestamp: 1, value: 0.3, min: null, max: null, count: null });
    const sampled = await server.ok(`{ metricHistory(runId: "${runId}", key: "m", maxPoints: 100) {
      totalPoints sampled bucketWidth points { step value min max count } } }`);
    const h = sampled.metricHistory;
    expect(h).toMatchObject({ totalPoints: 1000, sampled: true, bucketWidth: 16 });
    expect(h.points).toHaveLength(63);
    expect(h.points[0]).toEqual({ step: 15, value: 1.5, min: 0, max: 1.5, count: 16 });
    // The bucket [496, 511] holds +Infinity: max is "Infinity"; the one with NaN ignores it in min/max.
    expect(h.points.find((p: any) => p.step === 511)).toEqual({ step: 511, value: 51.1, min: 49.6, max: 'Infinity', count: 16 });
    expect(h.points.at(-1)).toEqual({ step: 999, value: 99.9, min: 99.2, max: 99.9, count: 8 });
  });

  it('Run.history and metricHistories answer like metricHistory', async () => {
    const viaRun = await server.ok(`{ run(id: "${runId}") { history(key: "m", maxPoints: 5, minStep: 100, maxStep: 199) { bucketWidth points { step count } } } }`);
    expect(viaRun.run.history.bucketWidth).toBe(32);
    expect(viaRun.run.history.points.map((p: any) => p.count)).toEqual([28, 32, 32, 8]);
    const many = await server.ok(`{ metricHistories(runIds: ["${runId}", "${otherId}"], key: "m", maxPoints: 2) { runId totalPoints sampled points { step value } } }`);
    expect(many.metricHistories.map((s: any) => [s.runId, s.totalPoints])).toEqual([
      [runId, 1000],
      [otherId, 1],
    ]);
    expect(many.metricHistories[1].points).toEqual([{ step: -3, value: -1 }]);
  });

  it('metricPoints pages through the exact raw series', async () => {
    const q = `query($after: String) { metricPoints(runId: "${runId}", key: "m", first: 300, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { step value } } } }`;
    const steps: number[] = [];
    const values: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.ok(q, { after })).metricPoints;
      expect(page.totalCount).toBe(1000);
      for (const e of page.edges) {
        steps.push(e.node.step);
        values.push(e.node.value);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(steps).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(values[7]).toBe('NaN');
    expect(values[500]).toBe('Infinity');
    expect(values[999]).toBe(99.9);
    const defaults = (await server.ok(`{ metricPoints(runId: "${runId}", key: "m") { edges { cursor } pageInfo { hasNextPage } } }`)).metricPoints;
    expect(defaults.edges).toHaveLength(1000);
    expect(defaults.pageInfo.hasNextPage).toBe(false);
    const big = await server.gql(`{ metricPoints(runId: "${runId}", key: "m", first: 25000) { totalCount } }`);
    expect(big.errors).toBeUndefined();
  });

  it('metricPoints cursors survive NaN and ±Infinity on page boundaries', async () => {
    const values = ['NaN', 'Infinity', -1, '-Infinity', 0, 1];
    await server.ok(`mutation($m: [MetricInput!]) { logBatch(runId: "${otherId}", metrics: $m) { id } }`, {
      m: values.map((value) => ({ key: 'special', value, step: 1, timestamp: 1 })),
    });
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = (
        await server.ok(`query($after: String) { metricPoints(runId: "${otherId}", key: "special", first: 1, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { value } } } }`, { after })
      ).metricPoints;
      seen.push(...page.edges.map((e: any) => e.node.value));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['-Infinity', -1, 0, 1, 'Infinity', 'NaN']);
  });
});
