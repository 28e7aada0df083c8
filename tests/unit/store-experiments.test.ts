import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../db/errors.js';
import type { StoreEvent, TrackingStore } from '../../db/store/index.js';
import { describeEachDialect, expectStoreError, openTestStore } from '../helpers/db.js';

// Experiments: the Default experiment, names, artifact locations, tags, lifecycle with its cascade to
// runs, and the experiments search (docs/mlflow-compat.md section 3).

describeEachDialect('store experiments', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  let events: StoreEvent[] = [];
  let now = 1_000;

  // One database per dialect (the search block has its own); tests use experiment names of their own.
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect, () => now));
    store.onChange((event) => events.push(event));
  });
  afterAll(() => drop());
  beforeEach(() => {
    now = 1_000;
    events = [];
  });
  const experimentCount = async () => (await store.experiments.search({ view: 'ALL', first: 0 })).totalCount();

  const expectError = expectStoreError;
  const experimentTags = async (id: string) => (await store.experiments.tagsOf([id])).map(({ key, value }) => ({ key, value }));
  const names = async (args: { filter?: string; orderBy?: string[]; view?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' }) =>
    (await store.experiments.search({ view: 'ACTIVE_ONLY', first: 1000, ...args })).items.map((e) => e.name);

  it('starts with experiment "0" named Default at mlflow-artifacts:/0, and init is repeatable', async () => {
    expect(await store.experiments.get('0')).toEqual({
      id: '0',
      name: 'Default',
      artifactLocation: 'mlflow-artifacts:/0',
      lifecycleStage: 'active',
      creationTime: 1_000,
      lastUpdateTime: 1_000,
    });
    const count = await experimentCount();
    await store.init();
    expect(await experimentCount()).toBe(count);
    expect((await store.experiments.getByName('Default'))?.id).toBe('0');
  });

  describe('createExperiment', () => {
    it('assigns increasing decimal ids, the default artifact location, and its tags', async () => {
      now = 2_000;
      const a = await store.experiments.create({ name: 'a', tags: [{ key: 'mlflow.note.content', value: 'about a' }] });
      const b = await store.experiments.create({ name: 'b', artifactLocation: '/data/art' });
      expect(a).toEqual({ id: a.id, name: 'a', artifactLocation: `mlflow-artifacts:/${a.id}`, lifecycleStage: 'active', creationTime: 2_000, lastUpdateTime: 2_000 });
      expect(Number(b.id)).toBeGreaterThan(Number(a.id));
      expect(a.id).toMatch(/^[1-9]\d*$/);
      expect(b.artifactLocation).toBe('/data/art');
      expect(await experimentTags(a.id)).toEqual([{ key: 'mlflow.note.content', value: 'about a' }]);
      expect(await store.experiments.getByName('b')).toEqual(b);
      expect(events.filter((e) => e.type === 'experiment')).toEqual([
        { type: 'experiment', experimentId: a.id, kind: 'CREATED' },
        { type: 'experiment', experimentId: b.id, kind: 'CREATED' },
      ]);
    });

    it('refuses a taken name, active or deleted, with ALREADY_EXISTS; names are case-sensitive', async () => {
      const taken = await store.experiments.create({ name: 'taken' });
      await expectError(() => store.experiments.create({ name: 'taken' }), 'ALREADY_EXISTS', 'name', /"taken" already exists/);
      await store.experiments.delete(taken.id);
      await expectError(() => store.experiments.create({ name: 'taken' }), 'ALREADY_EXISTS', 'name');
      await store.experiments.create({ name: 'Taken' });
      await expectError(() => store.experiments.create({ name: 'Default' }), 'ALREADY_EXISTS', 'name');
    });

    it('lets exactly one of several concurrent creations or renames to a name succeed; the others are ALREADY_EXISTS', async () => {
      const expectOneWinner = (results: PromiseSettledResult<unknown>[]) => {
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'fulfilled') continue;
          expect(r.reason).toBeInstanceOf(StoreError);
          expect((r.reason as StoreError).code).toBe('ALREADY_EXISTS');
        }
      };
      for (let round = 0; round < 3; round++) {
        expectOneWinner(await Promise.allSettled(Array.from({ length: 4 }, () => store.experiments.create({ name: `race${round}` }))));
        const sources = await Promise.all(Array.from({ length: 4 }, (_, i) => store.experiments.create({ name: `src${round}-${i}` })));
        expectOneWinner(await Promise.allSettled(sources.map((e) => store.experiments.rename(e.id, `renamed${round}`))));
      }
    });

    it('refuses bad names, locations and tags, creating nothing', async () => {
      const count = await experimentCount();
      await expectError(() => store.experiments.create({ name: '' }), 'INVALID_ARGUMENT', 'name');
      await expectError(() => store.experiments.create({ name: '   ' }), 'INVALID_ARGUMENT', 'name');
      await expectError(() => store.experiments.create({ name: 5 }), 'INVALID_ARGUMENT', 'name');
      await expectError(() => store.experiments.create({ name: 'x'.repeat(501) }), 'INVALID_ARGUMENT', 'name', /500/);
      await expectError(() => store.experiments.create({ name: 'l', artifactLocation: 'runs:/abc/x' }), 'INVALID_ARGUMENT', 'artifactLocation');
      await expectError(() => store.experiments.create({ name: 'l', artifactLocation: 'a'.repeat(2049) }), 'INVALID_ARGUMENT', 'artifactLocation');
      await expectError(() => store.experiments.create({ name: 'l', artifactLocation: 3 }), 'INVALID_ARGUMENT', 'artifactLocation');
      await expectError(
        () => store.experiments.create({ name: 't', tags: [{ key: 'k', value: 'v'.repeat(5001) }] }),
        'INVALID_ARGUMENT',
        'tags[0].value',
        /5000/,
      );
      await expectError(() => store.experiments.create({ name: 't', tags: [{ key: 'a*b', value: 'v' }] }), 'INVALID_ARGUMENT', 'tags[0].key');
      expect(await experimentCount()).toBe(count);
      const long = await store.experiments.create({ name: 'y'.repeat(500) });
      expect(long.name).toHaveLength(500);
    });
  });

  describe('renameExperiment', () => {
    it('renames, bumping lastUpdateTime; the same name is a no-op; a taken name is ALREADY_EXISTS', async () => {
      const e = await store.experiments.create({ name: 'old' });
      await store.experiments.create({ name: 'other' });
      now = 5_000;
      const renamed = await store.experiments.rename(e.id, 'new');
      expect(renamed).toMatchObject({ name: 'new', creationTime: 1_000, lastUpdateTime: 5_000 });
      expect(await store.experiments.getByName('old')).toBeUndefined();
      events.length = 0;
      await store.experiments.rename(e.id, 'new');
      expect(events).toEqual([]);
      await expectError(() => store.experiments.rename(e.id, 'other'), 'ALREADY_EXISTS', 'name');
      await expectError(() => store.experiments.rename(e.id, ''), 'INVALID_ARGUMENT', 'name');
      await expectError(() => store.experiments.rename('12345', 'x'), 'NOT_FOUND', 'id');
      await store.experiments.delete(e.id);
      await expectError(() => store.experiments.rename(e.id, 'newer'), 'FAILED_PRECONDITION', 'id');
      expect((await store.experiments.get(e.id))?.name).toBe('new');
    });
  });

  describe('delete and restore', () => {
    it('cascades to every run of the experiment, publishing one experiment event; restore brings them all back', async () => {
      const e = await store.experiments.create({ name: 'cascade' });
      const a = await store.runs.create({ experimentId: e.id });
      const b = await store.runs.create({ experimentId: e.id });
      const elsewhere = await store.runs.create({ experimentId: '0' });
      events.length = 0;
      now = 9_000;
      const deleted = await store.experiments.delete(e.id);
      expect(deleted).toMatchObject({ lifecycleStage: 'deleted', lastUpdateTime: 9_000 });
      expect(events).toEqual([{ type: 'experiment', experimentId: e.id, kind: 'DELETED' }]);
      for (const id of [a.id, b.id]) expect(await store.runs.get(id)).toMatchObject({ lifecycleStage: 'deleted', deletedTime: 9_000 });
      expect((await store.runs.get(elsewhere.id))?.lifecycleStage).toBe('active');
      expect(await store.experiments.get(e.id)).toMatchObject({ lifecycleStage: 'deleted' });
      expect(await names({ filter: "name = 'cascade'" })).toEqual([]);
      expect(await names({ filter: "name = 'cascade'", view: 'DELETED_ONLY' })).toEqual(['cascade']);

      // Writes to a deleted experiment are refused.
      await expectError(() => store.experiments.setTag(e.id, 'k', 'v'), 'FAILED_PRECONDITION', 'id');
      await expectError(() => store.experiments.deleteTag(e.id, 'k'), 'FAILED_PRECONDITION', 'id');

      events.length = 0;
      await store.experiments.restore(e.id);
      expect(events).toEqual([{ type: 'experiment', experimentId: e.id, kind: 'RESTORED' }]);
      for (const id of [a.id, b.id]) expect(await store.runs.get(id)).toMatchObject({ lifecycleStage: 'active', deletedTime: null });
    });

    it('is idempotent under the GraphQL policy and NOT_FOUND under the REST one', async () => {
      const e = await store.experiments.create({ name: 'idempotent' });
      await store.experiments.restore(e.id);
      await expectError(() => store.experiments.restore(e.id, 'not-found'), 'NOT_FOUND', 'id');
      await store.experiments.delete(e.id);
      events.length = 0;
      expect(await store.experiments.delete(e.id)).toMatchObject({ lifecycleStage: 'deleted' });
      expect(events).toEqual([]);
      await expectError(() => store.experiments.delete(e.id, 'not-found'), 'NOT_FOUND', 'id');
      await expectError(() => store.experiments.delete('777'), 'NOT_FOUND', 'id');
      await expectError(() => store.experiments.delete('x'), 'NOT_FOUND', 'id');
    });
  });

  describe('tags', () => {
    it('sets (overwriting) and deletes experiment tags; an unknown tag is NOT_FOUND', async () => {
      const e = await store.experiments.create({ name: 'tagged' });
      await store.experiments.setTag(e.id, 'k', 'v1');
      await store.experiments.setTag(e.id, 'k', 'v2');
      await store.experiments.setTag(e.id, 'a', '');
      expect(await experimentTags(e.id)).toEqual([
        { key: 'a', value: '' },
        { key: 'k', value: 'v2' },
      ]);
      await store.experiments.deleteTag(e.id, 'a');
      await expectError(() => store.experiments.deleteTag(e.id, 'a'), 'NOT_FOUND', 'key');
      await expectError(() => store.experiments.setTag(e.id, 'k', 'v'.repeat(5001)), 'INVALID_ARGUMENT', 'value');
      await expectError(() => store.experiments.setTag(e.id, '../k', 'v'), 'INVALID_ARGUMENT', 'key');
      await expectError(() => store.experiments.setTag('4242', 'k', 'v'), 'NOT_FOUND', 'id');
      expect(await experimentTags(e.id)).toEqual([{ key: 'k', value: 'v2' }]);
    });
  });

  describe('searchExperiments', () => {
    // Listing sees every experiment: this block has a database of its own.
    let outer: { store: TrackingStore; drop: () => Promise<void> };
    beforeAll(async () => {
      outer = { store, drop };
      ({ store, drop } = await openTestStore(dialect, () => now));
      const make = async (name: string, time: number, tags: Array<{ key: string; value: string }> = []) => {
        now = time;
        return store.experiments.create({ name, tags });
      };
      await make('alpha', 2_000, [{ key: 'team', value: 'vision' }]);
      await make('beta', 3_000, [{ key: 'team', value: 'nlp' }]);
      await make('Gamma', 4_000, [{ key: 'team', value: 'vision' }]);
      const gone = await make('delta', 5_000);
      await store.experiments.delete(gone.id);
    });
    afterAll(async () => {
      await drop();
      ({ store, drop } = outer);
    });

    it('lists newest first by default, by view', async () => {
      expect(await names({})).toEqual(['Gamma', 'beta', 'alpha', 'Default']);
      expect(await names({ view: 'DELETED_ONLY' })).toEqual(['delta']);
      expect(await names({ view: 'ALL' })).toEqual(['delta', 'Gamma', 'beta', 'alpha', 'Default']);
    });

    it('filters by name (case-sensitive LIKE, ILIKE), times and tags; orders by any attribute', async () => {
      expect(await names({ filter: "name LIKE '%a'" })).toEqual(['Gamma', 'beta', 'alpha']);
      expect(await names({ filter: "name LIKE 'g%'" })).toEqual([]);
      expect(await names({ filter: "name ILIKE 'g%'" })).toEqual(['Gamma']);
      expect(await names({ filter: "tags.team = 'vision'", orderBy: ['name ASC'] })).toEqual(['Gamma', 'alpha']);
      expect(await names({ filter: 'creation_time >= 3000' })).toEqual(['Gamma', 'beta']);
      expect(await names({ orderBy: ['name DESC'] })).toEqual(['beta', 'alpha', 'Gamma', 'Default']);
      expect(await names({ orderBy: ['creation_time ASC'] })).toEqual(['Default', 'alpha', 'beta', 'Gamma']);
    });

    it('pages with opaque cursors and counts every match', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.experiments.search({ view: 'ALL', first: 2, after, orderBy: ['name ASC'] });
        expect(await page.totalCount()).toBe(5);
        seen.push(...page.items.map((e) => e.name));
        if (!page.hasNextPage) break;
        after = page.cursors.at(-1);
      }
      expect(seen).toEqual(['Default', 'Gamma', 'alpha', 'beta', 'delta']);
    });

    it('refuses a bad filter, orderBy or cursor with INVALID_ARGUMENT naming the field', async () => {
      await expectError(() => names({ filter: "name = 'a' OR name = 'b'" }), 'INVALID_ARGUMENT', 'filter');
      await expectError(() => names({ filter: 'metrics.x > 1' }), 'INVALID_ARGUMENT', 'filter');
      await expectError(() => names({ orderBy: ['name sideways'] }), 'INVALID_ARGUMENT', 'orderBy');
      await expectError(() => names({ orderBy: ['name', 'name DESC'] }), 'INVALID_ARGUMENT', 'orderBy');
      await expectError(() => store.experiments.search({ view: 'ALL', first: 2, after: 'garbage!' }), 'INVALID_ARGUMENT', 'after');
    });
  });
});

