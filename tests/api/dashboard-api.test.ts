import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/db.js';
import type { TestServer } from '../helpers/server.js';
import { type DialectServer, startServerOn } from '../live/dialect-server.js';

// What the GraphQL contract adds for the dashboard, through a real server on each dialect: windows of
// runs at an offset, the nested run tree with filters that match only a descendant, per-column best
// values over the filtered set, the duration order key, bulk mutations, run inputs, and folder zips.

describeEachDialect('dashboard API', (dialect) => {
  let running: DialectServer;
  let server: TestServer;
  let experimentId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    running = await startServerOn(dialect);
    server = running.server;
    experimentId = (await server.ok(`mutation { createExperiment(name: "dash") { id } }`)).createExperiment.id;
    // Ten runs r0..r9 started 1000 ms apart; metric m = 9 - i except r4 (NaN) and r7 (none); r3 FINISHED after 5 s.
    for (let i = 0; i < 10; i++) {
      const run = await server.ok(`mutation($e: ID!, $n: String!, $t: Long!) { createRun(experimentId: $e, name: $n, startTime: $t) { id } }`, {
        e: experimentId,
        n: `r${i}`,
        t: 1_000_000 + i * 1000,
      });
      ids.push(run.createRun.id);
      if (i !== 7) {
        await server.ok(`mutation($r: ID!, $v: MetricValue!, $i: String!) { logBatch(runId: $r, metrics: [{ key: "m", value: $v, step: 0 }], params: [{ key: "i", value: $i }]) { id } }`, {
          r: run.createRun.id,
          v: i === 4 ? 'NaN' : 9 - i,
          i: String(i),
        });
      }
    }
    await server.ok(`mutation($r: ID!) { updateRun(id: $r, status: FINISHED, endTime: 1008000) { id } }`, { r: ids[3] });
  });
  afterAll(() => running.drop());

  const windowOf = async (args: string, variables: Record<string, unknown> = {}) =>
    (
      await server.ok(
        `query($e: [ID!]!, $p: ID) { runWindow(experimentIds: $e, parentRunId: $p, ${args}) { offset totalCount rows { childCount run { name } } } }`,
        { e: [experimentId], ...variables },
      )
    ).runWindow;

  it('reads a window at an offset in the requested order, with the total', async () => {
    const w = await windowOf('orderBy: ["metrics.m ASC"], offset: 2, first: 3');
    expect(w).toMatchObject({ offset: 2, totalCount: 10 });
    // ascending m: r9 (0), r8 (1), r6 (3), r5 (4), r3 (6) ...
    expect(w.rows.map((r: any) => r.run.name)).toEqual(['r6', 'r5', 'r3']);
    expect(w.rows[0].childCount).toBeNull();
    const filtered = await windowOf('filter: "metrics.m >= 5", orderBy: ["metrics.m DESC"], offset: 1, first: 10');
    expect(filtered.totalCount).toBe(4);
    expect(filtered.rows.map((r: any) => r.run.name)).toEqual(['r1', 'r2', 'r3']);
  });

  it('refuses a bad offset and a bad filter with INVALID_ARGUMENT naming the field', async () => {
    const bad = await server.gql(`query($e: [ID!]!) { runWindow(experimentIds: $e, offset: -1) { offset } }`, { e: [experimentId] });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_ARGUMENT' } });
    expect(bad.errors?.[0]?.message).toMatch(/offset/);
    const filter = await server.gql(`query($e: [ID!]!) { runWindow(experimentIds: $e, filter: "metrics.m <") { offset } }`, { e: [experimentId] });
    expect(filter.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_ARGUMENT' } });
  });

  it('orders by derived.duration, a RUNNING run counting until now', async () => {
    const w = await windowOf('orderBy: ["derived.duration ASC"], first: 2');
    // r3 ran 5 s; every other run has been running since 1970 + 1000 s.
    expect(w.rows[0].run.name).toBe('r3');
    const desc = await windowOf('orderBy: ["derived.duration DESC"], first: 10');
    expect(desc.rows.at(-1).run.name).toBe('r3');
    expect(desc.rows[0].run.name).toBe('r0');
  });

  it('gives each metric column its lowest and highest value over the whole filtered set, NaN left out', async () => {
    const ranges = async (filter: string | null) =>
      (await server.ok(`query($e: [ID!]!, $f: String) { metricRanges(experimentIds: $e, filter: $f, keys: ["m", "absent"]) { key min max } }`, { e: [experimentId], f: filter }))
        .metricRanges;
    expect(await ranges(null)).toEqual([{ key: 'm', min: 0, max: 9 }]);
    expect(await ranges("params.i != '9'")).toEqual([{ key: 'm', min: 1, max: 9 }]);
    expect(await ranges("params.i = '4'")).toEqual([]);
  });

  describe('nested runs', () => {
    let parent: string;
    let child: string;
    let grandchild: string;
    beforeAll(async () => {
      const create = async (name: string, parentRunId?: string) =>
        (await server.ok(`mutation($e: ID!, $n: String!, $p: ID) { createRun(experimentId: $e, name: $n, parentRunId: $p) { id } }`, { e: experimentId, n: name, p: parentRunId }))
          .createRun.id as string;
      parent = await create('parent');
      child = await create('child', parent);
      grandchild = await create('grandchild', child);
      await create('child-2', parent);
      await server.ok(`mutation($r: ID!) { setTag(runId: $r, key: "deep", value: "yes") { id } }`, { r: grandchild });
    });

    it('lists top-level runs with their child counts, and children one level at a time', async () => {
      const top = await windowOf('nested: true, filter: "attributes.run_name LIKE \'%\'", first: 100');
      expect(top.totalCount).toBe(11);
      const parentRow = top.rows.find((r: any) => r.run.name === 'parent');
      expect(parentRow.childCount).toBe(2);
      expect(top.rows.find((r: any) => r.run.name === 'r0').childCount).toBe(0);
      const children = await windowOf('nested: true, orderBy: ["attributes.run_name ASC"]', { p: parent });
      expect(children.rows.map((r: any) => [r.run.name, r.childCount])).toEqual([
        ['child', 1],
        ['child-2', 0],
      ]);
      const unfiltered = await windowOf('nested: true');
      expect(unfiltered.totalCount).toBe(11);
    });

    it('shows a run that only a grandchild matches under its parent chain', async () => {
      const top = await windowOf('nested: true, filter: "tags.deep = \'yes\'"');
      expect(top.rows.map((r: any) => [r.run.name, r.childCount])).toEqual([['parent', 1]]);
      expect(top.totalCount).toBe(1);
      const level1 = await windowOf('nested: true, filter: "tags.deep = \'yes\'"', { p: parent });
      expect(level1.rows.map((r: any) => [r.run.name, r.childCount])).toEqual([['child', 1]]);
      const level2 = await windowOf('nested: true, filter: "tags.deep = \'yes\'"', { p: child });
      expect(level2.rows.map((r: any) => [r.run.name, r.childCount])).toEqual([['grandchild', 0]]);
    });
  });

  it('deletes, restores and tags many runs in one transaction; an unknown id changes nothing', async () => {
    const some = ids.slice(0, 3);
    const refused = await server.gql(`mutation($ids: [ID!]!) { deleteRuns(ids: $ids) { id } }`, { ids: [...some, 'f'.repeat(32)] });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((await windowOf('first: 100')).totalCount).toBeGreaterThanOrEqual(10);
    const deleted = await server.ok(`mutation($ids: [ID!]!) { deleteRuns(ids: $ids) { id lifecycleStage } }`, { ids: some });
    expect(deleted.deleteRuns.map((r: any) => r.lifecycleStage)).toEqual(['DELETED', 'DELETED', 'DELETED']);
    const deletedView = await windowOf('view: DELETED_ONLY');
    expect(deletedView.totalCount).toBe(3);
    await server.ok(`mutation($ids: [ID!]!) { restoreRuns(ids: $ids) { id } }`, { ids: some });
    expect((await windowOf('view: DELETED_ONLY')).totalCount).toBe(0);
    const tagged = await server.ok(`mutation($ids: [ID!]!) { setRunsTags(ids: $ids, tags: [{ key: "batch", value: "b1" }, { key: "mlflow.runName", value: "renamed" }]) { name tags { key value } } }`, {
      ids: some,
    });
    expect(tagged.setRunsTags.map((r: any) => r.name)).toEqual(['renamed', 'renamed', 'renamed']);
    expect(tagged.setRunsTags[0].tags).toContainEqual({ key: 'batch', value: 'b1' });
    const tooMany = await server.gql(`mutation($ids: [ID!]!) { deleteRuns(ids: $ids) { id } }`, { ids: Array.from({ length: 1001 }, (_, i) => `${i}`) });
    expect(tooMany.errors?.[0]?.message).toMatch(/ids: at most 1000/);
  });

  it('lists the datasets a run used (MLflow log-inputs)', async () => {
    const response = await fetch(`${server.url}/api/2.0/mlflow/runs/log-inputs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        run_id: ids[5],
        datasets: [{ dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '/data/iris.csv' }, tags: [{ key: 'mlflow.data.context', value: 'training' }] }],
      }),
    });
    expect(response.status).toBe(200);
    const run = (await server.ok(`query($r: ID!) { run(id: $r) { inputs { datasetInputs { dataset { name digest sourceType source } tags { key value } } modelInputs { modelId } } } }`, { r: ids[5] }))
      .run;
    expect(run.inputs).toEqual({
      datasetInputs: [{ dataset: { name: 'iris', digest: 'abc123', sourceType: 'local', source: '/data/iris.csv' }, tags: [{ key: 'mlflow.data.context', value: 'training' }] }],
      modelInputs: [],
    });
  });

  it('streams an artifact folder as one zip with every file byte-exact', async () => {
    const runId = ids[6] as string;
    const files: Record<string, Uint8Array> = {
      'model/MLmodel': new TextEncoder().encode('flavors:\n  polynomial: {}\n'),
      'model/weights.bin': Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251),
      'model/sub/readme.txt': new TextEncoder().encode('hello'),
      'other.txt': new TextEncoder().encode('not in the zip'),
    };
    for (const [path, bytes] of Object.entries(files)) {
      const put = await fetch(`${server.url}/artifacts/${runId}/${path}`, { method: 'PUT', body: Buffer.from(bytes) });
      expect(put.status).toBe(200);
    }
    const response = await fetch(`${server.url}/artifacts-zip/${runId}/model`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="model.zip"/);
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(['MLmodel', 'sub/readme.txt', 'weights.bin']);
    expect(entries['weights.bin']).toEqual(files['model/weights.bin']);
    expect(new TextDecoder().decode(entries['sub/readme.txt'])).toBe('hello');

    expect((await fetch(`${server.url}/artifacts-zip/${runId}/other.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/artifacts-zip/${runId}/%2e%2e/x`)).status).toBe(400);
    const foreign = await fetch(`${server.url}/artifacts-zip/${runId}/model`, { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
  });
});
