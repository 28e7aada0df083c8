import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { StoreError } from '../../db/errors.js';
import type { Run, TrackingStore } from '../../db/store/index.js';
import { describeEachDialect, openTestStore } from '../helpers/db.js';

// Reading runs and raw series through the store: sort order with missing and NaN values (MLflow's
// test_order_by_metric_tag_param), keyset paging that stays exact while runs are added, totalCount,
// and metricPoints paging through the exact raw series.

describeEachDialect('store search and paging', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  let experimentId: string;
  let clock = 1_000;

  // One database per dialect; each test searches an experiment of its own.
  let experiments = 0;
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect, () => clock));
  });
  afterAll(() => drop());
  beforeEach(async () => {
    clock = 1_000;
    experimentId = (await store.experiments.create({ name: `search-${experiments++}` })).id;
  });

  /** A run named `name` whose metric m is `value` (undefined: never logged). */
  async function runWith(name: string, value: number | undefined, startTime = clock++) {
    const run = await store.runs.create({ experimentId, name, startTime });
    if (value !== undefined) await store.log.metric(run.id, { key: 'm', value, step: 0, timestamp: 1 });
    return run;
  }
  const search = (args: { filter?: string; orderBy?: string[]; first?: number; after?: string; view?: 'ACTIVE_ONLY' | 'ALL' }) =>
    store.runs.search({ experimentIds: [experimentId], view: 'ACTIVE_ONLY', first: 1000, ...args });
  const metricOf = async (runs: Run[]) => {
    const latest = await store.runs.latestMetricsOf(runs.map((r) => r.id));
    return runs.map((r) => latest.find((m) => m.runId === r.id)?.value ?? null);
  };

  it('orders metrics with NaN after numbers and missing values last, in both directions', async () => {
    const values = [0, Number.POSITIVE_INFINITY, undefined, -1000, Number.NaN, 1000, Number.NEGATIVE_INFINITY, 0];
    for (const [i, v] of values.entries()) await runWith(`r${i}`, v);
    const asc = await search({ orderBy: ['metrics.m ASC'] });
    expect(await metricOf(asc.items)).toEqual([Number.NEGATIVE_INFINITY, -1000, 0, 0, 1000, Number.POSITIVE_INFINITY, Number.NaN, null]);
    const desc = await search({ orderBy: ['metrics.m DESC'] });
    expect(await metricOf(desc.items)).toEqual([Number.POSITIVE_INFINITY, 1000, 0, 0, -1000, Number.NEGATIVE_INFINITY, Number.NaN, null]);
    // Ties (the two zeros) break by start_time DESC: r7 started after r0.
    expect(asc.items.slice(2, 4).map((r) => r.name)).toEqual(['r7', 'r0']);
  });

  it('orders params and tags with missing values last in both directions', async () => {
    const a = await store.runs.create({ experimentId, name: 'a', startTime: 1 });
    const b = await store.runs.create({ experimentId, name: 'b', startTime: 2 });
    const c = await store.runs.create({ experimentId, name: 'c', startTime: 3 });
    await store.log.batch(a.id, { params: [{ key: 'p', value: 'x' }], tags: [{ key: 't', value: 'B' }] });
    await store.log.batch(c.id, { params: [{ key: 'p', value: 'y' }], tags: [{ key: 't', value: 'a' }] });
    const namesBy = async (orderBy: string) => (await search({ orderBy: [orderBy] })).items.map((r) => r.name);
    expect(await namesBy('params.p ASC')).toEqual(['a', 'c', 'b']);
    expect(await namesBy('params.p DESC')).toEqual(['c', 'a', 'b']);
    // Byte order on both dialects: upper case before lower case.
    expect(await namesBy('tags.t ASC')).toEqual(['a', 'c', 'b']);
    expect(await namesBy('tags.t DESC')).toEqual(['c', 'a', 'b']);
    expect(b.id).toBeTruthy();
  });

  it('filters on the latest metric value; NaN and missing never match, not even !=', async () => {
    for (const [i, v] of [1, 2, Number.NaN, undefined, 3].entries()) await runWith(`r${i}`, v);
    const names = async (filter: string) => (await search({ filter, orderBy: ['attributes.run_name ASC'] })).items.map((r) => r.name);
    expect(await names('metrics.m >= 2')).toEqual(['r1', 'r4']);
    expect(await names('metrics.m != 2')).toEqual(['r0', 'r4']);
    await expect(search({ filter: 'metrics.m > "a"' })).rejects.toBeInstanceOf(StoreError);
  });

  it('pages through a metric-sorted list exactly once while runs are being added', async () => {
    const values = Array.from({ length: 40 }, (_, i) => (i % 9 === 0 ? undefined : i % 7 === 0 ? Number.NaN : ((i * 37) % 23) - 11));
    const original: Run[] = [];
    for (const [i, v] of values.entries()) original.push(await runWith(`o${i}`, v));
    const sortKey = (v: number | null) => (v === null ? [2, 0] : Number.isNaN(v) ? [1, 0] : [0, v]);

    const collected: Run[] = [];
    let after: string | undefined;
    let added = 0;
    for (let page = 0; ; page++) {
      const result = await search({ orderBy: ['metrics.m ASC'], first: 7, after });
      collected.push(...result.items);
      if (!result.hasNextPage) break;
      after = result.cursors.at(-1);
      // Between pages, add runs that sort before the cursor, after it, with NaN and with no value.
      for (const v of [-1_000 - page, 1_000 + page, Number.NaN, undefined]) {
        await runWith(`added${added++}`, v);
      }
    }
    const ids = collected.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const run of original) expect(ids).toContain(run.id);
    // Runs added before the cursor are never seen; those after it (larger values, NaN, missing) are.
    const addedNames = collected.filter((r) => r.name.startsWith('added')).map((r) => r.name);
    expect(addedNames.some((n) => Number(n.slice(5)) % 4 === 0)).toBe(false);
    expect(addedNames.length).toBeGreaterThan(0);
    // The concatenated pages are in order: (rank, value) ascending, ties by start_time DESC.
    const vals = await metricOf(collected);
    const keys = vals.map(sortKey);
    for (let i = 1; i < keys.length; i++) {
      const [ra, va] = keys[i - 1] as number[];
      const [rb, vb] = keys[i] as number[];
      expect(ra! < rb! || (ra === rb && va! <= vb!), `page order broken at ${i}`).toBe(true);
    }
    expect(await (await search({ first: 1 })).totalCount()).toBe(original.length + added);
  });

  it('counts every match whatever the page size, per view', async () => {
    for (let i = 0; i < 12; i++) await runWith(`r${i}`, i);
    const gone = await runWith('gone', 99);
    await store.runs.delete(gone.id);
    const page = await search({ first: 5, filter: 'metrics.m >= 3' });
    expect(page.items).toHaveLength(5);
    expect(page.hasNextPage).toBe(true);
    expect(await page.totalCount()).toBe(9);
    expect(await (await search({ first: 0 })).totalCount()).toBe(12);
    expect(await (await search({ first: 3, view: 'ALL' })).totalCount()).toBe(13);
    const empty = await store.runs.search({ experimentIds: ['98765', 'bad'], view: 'ALL', first: 10 });
    expect(empty.items).toEqual([]);
    expect(await empty.totalCount()).toBe(0);
  });

  it('searches several experiments together', async () => {
    const other = (await store.experiments.create({ name: `other-${experiments}` })).id;
    await runWith('here', 1);
    await store.runs.create({ experimentId: other, name: 'there' });
    const page = await store.runs.search({ experimentIds: [experimentId, other], view: 'ACTIVE_ONLY', first: 10, orderBy: ['attributes.run_name ASC'] });
    expect(page.items.map((r) => r.name)).toEqual(['here', 'there']);
  });

  it('metricPoints pages through the exact raw series in (step, timestamp) order, NaN and ±Infinity included', async () => {
    const run = await store.runs.create({ experimentId, name: 'series' });
    const expected: Array<{ step: number; timestamp: number; value: number }> = [];
    for (let batch = 0; batch < 5; batch++) {
      const metrics = Array.from({ length: 400 }, (_, i) => {
        const n = batch * 400 + i;
        const value = n % 97 === 0 ? Number.NaN : n % 89 === 0 ? Number.POSITIVE_INFINITY : n % 83 === 0 ? Number.NEGATIVE_INFINITY : Math.sin(n);
        // Steps repeat (two timestamps per step, and two values at one (step, timestamp)) and go negative.
        return { key: 'm', value, step: Math.floor(n / 3) - 100, timestamp: 10 + (n % 2) };
      });
      await store.log.batch(run.id, { metrics });
      expected.push(...metrics.map(({ step, timestamp, value }) => ({ step, timestamp, value })));
    }
    const got: Array<{ step: number; timestamp: number; value: number }> = [];
    let after: Parameters<TrackingStore['history']['points']>[3];
    let pages = 0;
    for (;;) {
      const page = await store.history.points(run.id, 'm', 333, after);
      expect(page.totalCount).toBe(2000);
      got.push(...page.points.map((p) => ({ step: p.step, timestamp: p.timestamp, value: p.isNan ? Number.NaN : p.value })));
      pages++;
      const last = page.points.at(-1);
      if (!page.hasNextPage || !last) break;
      after = { step: last.step, timestamp: last.timestamp, isNan: last.isNan, value: last.value };
    }
    expect(pages).toBe(Math.ceil(2000 / 333));
    const order = (a: { step: number; timestamp: number }, b: { step: number; timestamp: number }) => a.step - b.step || a.timestamp - b.timestamp;
    expect(got.map(({ step, timestamp }) => ({ step, timestamp }))).toEqual(
      [...expected].sort(order).map(({ step, timestamp }) => ({ step, timestamp })),
    );
    const asMultiset = (list: typeof got) => list.map((p) => `${p.step}/${p.timestamp}/${p.value}`).sort();
    expect(asMultiset(got)).toEqual(asMultiset(expected));
    expect((await store.history.points(run.id, 'absent', 10)).points).toEqual([]);
    await expect(store.history.points('a'.repeat(32), 'm', 10)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'runId' });
  });

  it('metricPoints cursors hold on NaN and ±Infinity points at one step and time (pages of one)', async () => {
    const run = await store.runs.create({ experimentId, name: 'specials' });
    const values = [Number.NaN, Number.POSITIVE_INFINITY, -1, Number.NEGATIVE_INFINITY, 0, 1, -Number.MAX_VALUE];
    await store.log.batch(run.id, { metrics: values.map((value) => ({ key: 'm', value, step: 5, timestamp: 5 })) });
    const got: number[] = [];
    let after: Parameters<TrackingStore['history']['points']>[3];
    for (let i = 0; i < 10; i++) {
      const page = await store.history.points(run.id, 'm', 1, after);
      const [p] = page.points;
      if (!p) break;
      got.push(p.isNan ? Number.NaN : p.value);
      if (!page.hasNextPage) break;
      after = { step: p.step, timestamp: p.timestamp, isNan: p.isNan, value: p.value };
    }
    // Numbers in order, the NaN last.
    expect(got).toEqual([Number.NEGATIVE_INFINITY, -Number.MAX_VALUE, -1, 0, 1, Number.POSITIVE_INFINITY, Number.NaN]);
  });
});

