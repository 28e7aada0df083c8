import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreEvent, TrackingStore } from '../../db/store/index.js';
import { describeEachDialect, expectStoreError, openTestStore } from '../helpers/db.js';

// Runs: creation defaults, names and the mlflow.runName tag, parents, update, delete/restore
// (docs/mlflow-compat.md section 3). SQLite always, Postgres when TRACKLINE_TEST_PG_URL is set.

const RUN_ID = /^[0-9a-f]{32}$/;
const GENERATED_NAME = /^[a-z]+-[a-z]+-\d{1,3}$/;

describeEachDialect('store runs', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  let events: StoreEvent[] = [];
  let now = 1_700_000_000_000;

  // One database per dialect; every test works on runs (and experiments) of its own.
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect, () => now));
    store.onChange((event) => events.push(event));
  });
  afterAll(() => drop());
  beforeEach(() => {
    now = 1_700_000_000_000;
    events = [];
  });
  let experiments = 0;
  const freshExperiment = async () => (await store.experiments.create({ name: `runs-${dialect}-${experiments++}` })).id;
  const runCount = async (experimentId: string) => (await store.runs.search({ experimentIds: [experimentId], view: 'ALL', first: 0 })).totalCount();

  const expectError = expectStoreError;
  const tagsOf = async (id: string) => Object.fromEntries((await store.runs.tagsOf([id])).map((t) => [t.key, t.value]));

  describe('createRun', () => {
    it('creates a RUNNING run with a uuid hex id, start time now, and artifact URI under its experiment', async () => {
      const run = await store.runs.create({ experimentId: '0' });
      expect(run).toMatchObject({
        experimentId: '0',
        status: 'RUNNING',
        startTime: now,
        endTime: null,
        lifecycleStage: 'active',
        userId: '',
        parentRunId: null,
        metricSeq: 0,
        artifactUri: `mlflow-artifacts:/0/${run.id}/artifacts`,
      });
      expect(run.id).toMatch(RUN_ID);
      expect(await store.runs.get(run.id)).toEqual(run);
      const custom = await store.experiments.create({ name: `custom-${dialect}`, artifactLocation: 's3://bucket/path/' });
      const elsewhere = await store.runs.create({ experimentId: custom.id, startTime: 5 });
      expect(elsewhere.artifactUri).toBe(`s3://bucket/path/${elsewhere.id}/artifacts`);
      expect(elsewhere.startTime).toBe(5);
      expect(events.filter((e) => e.type === 'run').map((e) => e.type === 'run' && e.kinds)).toEqual([['CREATED'], ['CREATED']]);
    });

    it('generates an adjective-noun-number name when none is given (or it is empty) and keeps mlflow.runName equal to it', async () => {
      for (const name of [undefined, null, '']) {
        const run = await store.runs.create({ experimentId: '0', name });
        expect(run.name).toMatch(GENERATED_NAME);
        expect((await tagsOf(run.id))['mlflow.runName']).toBe(run.name);
      }
    });

    it('takes the name from the argument or the mlflow.runName tag, and refuses the two when they differ', async () => {
      const byArg = await store.runs.create({ experimentId: '0', name: 'arg' });
      const byTag = await store.runs.create({ experimentId: '0', tags: [{ key: 'mlflow.runName', value: 'tagged' }] });
      const both = await store.runs.create({ experimentId: '0', name: 'same', tags: [{ key: 'mlflow.runName', value: 'same' }] });
      expect([byArg.name, byTag.name, both.name]).toEqual(['arg', 'tagged', 'same']);
      expect((await tagsOf(byArg.id))['mlflow.runName']).toBe('arg');
      expect((await tagsOf(byTag.id))['mlflow.runName']).toBe('tagged');
      const count = await runCount('0');
      await expectError(
        () => store.runs.create({ experimentId: '0', name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
        'INVALID_ARGUMENT',
        'name',
        /name="a".*mlflow\.runName="b"/,
      );
      expect(await runCount('0')).toBe(count);
    });

    it('stores its tags and takes the user from mlflow.user', async () => {
      const run = await store.runs.create({
        experimentId: '0',
        name: 'n',
        tags: [
          { key: 'mlflow.user', value: 'ada' },
          { key: 'team', value: 'ml' },
        ],
      });
      expect(run.userId).toBe('ada');
      expect(await tagsOf(run.id)).toEqual({ 'mlflow.user': 'ada', team: 'ml', 'mlflow.runName': 'n' });
    });

    it('refuses an unknown, malformed, missing or deleted experiment, and bad input, creating nothing', async () => {
      const before = await runCount('0');
      await expectError(() => store.runs.create({ experimentId: '999' }), 'NOT_FOUND', 'experimentId', /999/);
      await expectError(() => store.runs.create({ experimentId: 'abc' }), 'NOT_FOUND', 'experimentId');
      await expectError(() => store.runs.create({ experimentId: '' }), 'INVALID_ARGUMENT', 'experimentId');
      await expectError(() => store.runs.create({ experimentId: undefined }), 'INVALID_ARGUMENT', 'experimentId');
      const gone = await freshExperiment();
      await store.experiments.delete(gone);
      await expectError(() => store.runs.create({ experimentId: gone }), 'FAILED_PRECONDITION', 'experimentId', /'active' state/);
      await expectError(() => store.runs.create({ experimentId: '0', startTime: 1.5 }), 'INVALID_ARGUMENT', 'startTime');
      await expectError(() => store.runs.create({ experimentId: '0', startTime: '5' }), 'INVALID_ARGUMENT', 'startTime');
      await expectError(() => store.runs.create({ experimentId: '0', tags: [{ key: 'a*b', value: 'v' }] }), 'INVALID_ARGUMENT', 'tags[0].key');
      await expectError(() => store.runs.create({ experimentId: '0', name: 7 }), 'INVALID_ARGUMENT', 'name');
      expect(await runCount('0')).toBe(before);
      expect(await runCount(gone)).toBe(0);
    });
  });

  describe('names', () => {
    it('renames through updateRun, rewriting mlflow.runName; an empty name is ignored', async () => {
      const run = await store.runs.create({ experimentId: '0', name: 'old' });
      events.length = 0;
      const renamed = await store.runs.update(run.id, { name: 'new' });
      expect(renamed.name).toBe('new');
      expect((await store.runs.get(run.id))?.name).toBe('new');
      expect((await tagsOf(run.id))['mlflow.runName']).toBe('new');
      await store.runs.update(run.id, { name: '' });
      expect((await store.runs.get(run.id))?.name).toBe('new');
      expect(events).toEqual([
        { type: 'run', runId: run.id, experimentId: '0', kinds: ['UPDATED'] },
        { type: 'run', runId: run.id, experimentId: '0', kinds: ['UPDATED'] },
      ]);
    });

    it('renames through the mlflow.runName tag (setTag and logBatch), keeping name and tag in sync', async () => {
      const experimentId = await freshExperiment();
      const run = await store.runs.create({ experimentId, name: 'old' });
      await store.log.tag(run.id, 'mlflow.runName', 'via-tag');
      expect((await store.runs.get(run.id))?.name).toBe('via-tag');
      await store.log.batch(run.id, {
        tags: [
          { key: 'mlflow.runName', value: 'first' },
          { key: 'mlflow.runName', value: 'last' },
        ],
      });
      expect((await store.runs.get(run.id))?.name).toBe('last');
      expect((await tagsOf(run.id))['mlflow.runName']).toBe('last');
      // An empty name is ignored, as through updateRun (MLflow routes this tag through update_run_info).
      await store.log.tag(run.id, 'mlflow.runName', '');
      expect((await store.runs.get(run.id))?.name).toBe('last');
      expect((await tagsOf(run.id))['mlflow.runName']).toBe('last');
      // The search sees the new name as well (run_name is matched against the tag, as in MLflow).
      const found = await store.runs.search({ experimentIds: [experimentId], filter: "attributes.run_name = 'last'", view: 'ACTIVE_ONLY', first: 10 });
      expect(found.items.map((r) => r.id)).toEqual([run.id]);
    });
  });

  describe('parents', () => {
    it('links a child by the parentRunId argument or the mlflow.parentRunId tag; children lists active runs', async () => {
      const parent = await store.runs.create({ experimentId: '0', name: 'parent', startTime: 1 });
      const a = await store.runs.create({ experimentId: '0', name: 'a', parentRunId: parent.id, startTime: 2 });
      const b = await store.runs.create({ experimentId: '0', name: 'b', tags: [{ key: 'mlflow.parentRunId', value: parent.id }], startTime: 3 });
      expect(a.parentRunId).toBe(parent.id);
      expect(b.parentRunId).toBe(parent.id);
      expect((await tagsOf(a.id))['mlflow.parentRunId']).toBe(parent.id);
      expect((await store.runs.childrenOf([parent.id])).map((r) => r.id)).toEqual([b.id, a.id]);
      await store.runs.delete(b.id);
      expect((await store.runs.childrenOf([parent.id])).map((r) => r.id)).toEqual([a.id]);
      // Setting the tag later re-parents the run.
      const c = await store.runs.create({ experimentId: '0', name: 'c' });
      await store.log.tag(c.id, 'mlflow.parentRunId', parent.id);
      expect((await store.runs.get(c.id))?.parentRunId).toBe(parent.id);
    });

    it('refuses an unknown parentRunId argument with NOT_FOUND', async () => {
      await expectError(() => store.runs.create({ experimentId: '0', parentRunId: 'e'.repeat(32) }), 'NOT_FOUND', 'parentRunId');
    });
  });

  describe('updateRun', () => {
    it('sets status and end time, refusing an unknown status, a bad end time, an unknown or deleted run', async () => {
      const run = await store.runs.create({ experimentId: '0', name: 'r' });
      const updated = await store.runs.update(run.id, { status: 'FINISHED', endTime: 1234 });
      expect(updated).toMatchObject({ status: 'FINISHED', endTime: 1234, name: 'r' });
      expect(await store.runs.get(run.id)).toMatchObject({ status: 'FINISHED', endTime: 1234 });
      await store.runs.update(run.id, { status: 'RUNNING' });
      expect((await store.runs.get(run.id))?.endTime).toBe(1234);
      await expectError(() => store.runs.update(run.id, { status: 'DONE' }), 'INVALID_ARGUMENT', 'status', /RUNNING, SCHEDULED, FINISHED, FAILED, KILLED/);
      await expectError(() => store.runs.update(run.id, { endTime: 2 ** 60 }), 'INVALID_ARGUMENT', 'endTime');
      await expectError(() => store.runs.update('0'.repeat(32), { status: 'FAILED' }), 'NOT_FOUND', 'id');
      expect((await store.runs.get(run.id))?.status).toBe('RUNNING');
    });
  });

  describe('delete and restore', () => {
    it('soft-deletes and restores a run, idempotently; a deleted run is still readable', async () => {
      const experimentId = await freshExperiment();
      const run = await store.runs.create({ experimentId, name: 'r' });
      events.length = 0;
      now += 10;
      const deleted = await store.runs.delete(run.id);
      expect(deleted).toMatchObject({ lifecycleStage: 'deleted', deletedTime: now });
      expect(await store.runs.delete(run.id)).toMatchObject({ lifecycleStage: 'deleted' });
      expect((await store.runs.get(run.id))?.lifecycleStage).toBe('deleted');
      expect((await store.runs.search({ experimentIds: [experimentId], view: 'ACTIVE_ONLY', first: 10 })).items).toEqual([]);
      expect((await store.runs.search({ experimentIds: [experimentId], view: 'DELETED_ONLY', first: 10 })).items.map((r) => r.id)).toEqual([run.id]);
      const restored = await store.runs.restore(run.id);
      expect(restored).toMatchObject({ lifecycleStage: 'active', deletedTime: null });
      await store.runs.restore(run.id);
      // Repeats publish nothing.
      expect(events.map((e) => (e.type === 'run' ? e.kinds.join() : e.kind))).toEqual(['DELETED', 'RUNS', 'RESTORED', 'RUNS']);
      await expectError(() => store.runs.delete('1'.repeat(32)), 'NOT_FOUND', 'id');
      await expectError(() => store.runs.restore('1'.repeat(32)), 'NOT_FOUND', 'id');
    });

    it('refuses to restore a run whose experiment is deleted', async () => {
      const experimentId = await freshExperiment();
      const run = await store.runs.create({ experimentId });
      await store.experiments.delete(experimentId);
      await expectError(() => store.runs.restore(run.id), 'FAILED_PRECONDITION', 'experimentId');
      expect((await store.runs.get(run.id))?.lifecycleStage).toBe('deleted');
    });
  });

  describe('experiment statistics', () => {
    it('counts active runs, the newest start time, and the param and metric keys of active runs', async () => {
      const id = await freshExperiment();
      const empty = { id: await freshExperiment() };
      const a = await store.runs.create({ experimentId: id, startTime: 100 });
      const b = await store.runs.create({ experimentId: id, startTime: 300 });
      const c = await store.runs.create({ experimentId: id, startTime: 500 });
      await store.log.batch(a.id, { params: [{ key: 'lr', value: '1' }], metrics: [{ key: 'loss', value: 1, timestamp: 1 }] });
      await store.log.batch(b.id, { params: [{ key: 'depth', value: '2' }, { key: 'lr', value: '2' }], metrics: [{ key: 'acc', value: 1, timestamp: 1 }] });
      await store.log.batch(c.id, { params: [{ key: 'gone', value: '1' }], metrics: [{ key: 'gone', value: 1, timestamp: 1 }] });
      await store.runs.delete(c.id);
      const stats = await store.experiments.runStats([id, empty.id]);
      expect(stats.get(id)).toEqual({ runCount: 2, lastRunStartTime: 300 });
      expect(stats.get(empty.id)).toBeUndefined();
      expect((await store.experiments.keysOf('params', [id, empty.id])).map((k) => k.key)).toEqual(['depth', 'lr']);
      expect((await store.experiments.keysOf('metrics', [id])).map((k) => k.key)).toEqual(['acc', 'loss']);
    });
  });
});

