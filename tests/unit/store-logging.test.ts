import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, type StoreErrorCode } from '../../db/errors.js';
import type { MetricInput, StoreEvent, TrackingStore } from '../../db/store/index.js';
import { describeEachDialect, openTestStore } from '../helpers/db.js';

// The store's logging rules (docs/mlflow-compat.md section 3): params immutable, tags last-wins,
// metric values including NaN/±Infinity, exact duplicates, latest metric, seqs, limits, and that a
// refused request writes nothing and publishes nothing. Runs on SQLite, and on Postgres when
// TRACKLINE_TEST_PG_URL is set.

const TABLES = ['experiments', 'experiment_tags', 'runs', 'params', 'tags', 'metrics', 'latest_metrics', 'metric_buckets'] as const;

/** Every row of every table, order-independent: what "nothing was written" is checked against. */
async function dumpDatabase(store: TrackingStore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await store.db.kysely.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))).sort();
  }
  return out;
}

describeEachDialect('store logging', (dialect) => {
  let store: TrackingStore;
  let drop: () => Promise<void>;
  let events: StoreEvent[] = [];
  let now = 1_700_000_000_000;

  // One database per dialect; every test works on runs of its own, so tests stay independent.
  beforeAll(async () => {
    ({ store, drop } = await openTestStore(dialect, () => now));
    store.onChange((event) => events.push(event));
  });
  afterAll(() => drop());
  beforeEach(() => {
    events = [];
  });

  const newRun = async (name = 'r') => (await store.runs.create({ experimentId: '0', name })).id;

  /** Runs a request that must be refused with `code`, naming `field`, and checks it wrote and published nothing. */
  async function expectRefused(action: () => Promise<unknown>, code: StoreErrorCode, field: string | undefined, message?: RegExp) {
    const before = await dumpDatabase(store);
    const published = events.length;
    const error = await action().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'the request should have been refused').toBeInstanceOf(StoreError);
    const storeError = error as StoreError;
    expect(storeError.code).toBe(code);
    if (field !== undefined) {
      expect(storeError.field).toBe(field);
      expect(storeError.message).toContain(field);
    }
    if (message) expect(storeError.message).toMatch(message);
    expect(await dumpDatabase(store)).toEqual(before);
    expect(events.length).toBe(published);
    return storeError;
  }

  const history = async (runId: string, key: string) =>
    (await store.history.points(runId, key, 25_000)).points.map((p) => ({
      step: p.step,
      timestamp: p.timestamp,
      value: p.isNan ? Number.NaN : p.value,
      seq: p.seq,
    }));
  const latest = async (runId: string) => (await store.runs.latestMetricsOf([runId])).map(({ runId: _r, ...m }) => m);

  describe('params', () => {
    it('are immutable: the same value again is a no-op, another value is INVALID_ARGUMENT', async () => {
      const id = await newRun();
      await store.log.param(id, 'lr', '0.1');
      await store.log.param(id, 'lr', '0.1');
      expect(await store.runs.paramsOf([id])).toEqual([{ runId: id, key: 'lr', value: '0.1' }]);
      const error = await expectRefused(() => store.log.param(id, 'lr', '0.2'), 'INVALID_ARGUMENT', 'params', /changing param values is not allowed/);
      expect(error.message).toContain('"0.1"');
      expect(error.message).toContain('"0.2"');
    });

    it('refuses a batch that changes one param, writing none of its metrics, tags or other params', async () => {
      const id = await newRun();
      await store.log.param(id, 'p', '1');
      await expectRefused(
        () =>
          store.log.batch(id, {
            params: [
              { key: 'fresh', value: 'x' },
              { key: 'p', value: '9' },
            ],
            metrics: [{ key: 'm', value: 1, step: 0, timestamp: 1 }],
            tags: [{ key: 't', value: 'v' }],
          }),
        'INVALID_ARGUMENT',
        'params',
        /p \(logged "1", new "9"\)/,
      );
    });

    it('refuses a duplicate key in one batch, even with the same value', async () => {
      const id = await newRun();
      await expectRefused(
        () =>
          store.log.batch(id, {
            params: [
              { key: 'q', value: '1' },
              { key: 'q', value: '1' },
            ],
          }),
        'INVALID_ARGUMENT',
        'params',
        /duplicate param keys.*"q"/,
      );
    });

    it('keeps an empty value and rejects an over-long one, or truncates it under the REST policy', async () => {
      const id = await newRun();
      await store.log.param(id, 'empty', '');
      await expectRefused(() => store.log.param(id, 'long', 'x'.repeat(6001)), 'INVALID_ARGUMENT', 'params[0].value', /6000/);
      await store.log.param(id, 'exact', 'x'.repeat(6000));
      await store.log.param(id, 'cut', 'y'.repeat(7000), 'truncate');
      const params = new Map((await store.runs.paramsOf([id])).map((p) => [p.key, p.value]));
      expect(params.get('empty')).toBe('');
      expect(params.get('exact')).toHaveLength(6000);
      expect(params.get('cut')).toBe('y'.repeat(6000));
      expect(params.has('long')).toBe(false);
    });
  });

  describe('tags', () => {
    it('overwrite, and the last value wins inside one batch', async () => {
      const id = await newRun();
      await store.log.tag(id, 't', 'a');
      await store.log.tag(id, 't', 'b');
      await store.log.batch(id, {
        tags: [
          { key: 'u', value: '1' },
          { key: 'u', value: '2' },
          { key: 'u', value: '3' },
        ],
      });
      const tags = new Map((await store.runs.tagsOf([id])).map((t) => [t.key, t.value]));
      expect(tags.get('t')).toBe('b');
      expect(tags.get('u')).toBe('3');
    });

    it('reject values over 8,000 characters (truncated under the REST policy) and unknown tags on delete', async () => {
      const id = await newRun();
      await expectRefused(() => store.log.tag(id, 't', 'v'.repeat(8001)), 'INVALID_ARGUMENT', 'tags[0].value', /8000/);
      await store.log.tag(id, 't', 'w'.repeat(9000), 'truncate');
      expect((await store.runs.tagsOf([id])).find((t) => t.key === 't')?.value).toHaveLength(8000);
      await expectRefused(() => store.log.deleteTag(id, 'nope'), 'NOT_FOUND', 'key', /"nope"/);
      await store.log.deleteTag(id, 't');
      expect((await store.runs.tagsOf([id])).some((t) => t.key === 't')).toBe(false);
    });
  });

  describe('keys and values', () => {
    const badKeys: Array<[unknown, RegExp]> = [
      ['a*b', /may only contain/],
      ['../x', /must not resolve/],
      ['a//b', /must not resolve/],
      ['/lead', /must not resolve/],
      ['trail/', /must not resolve/],
      ['./x', /must not resolve/],
      ['', /non-empty key/],
      ['k'.repeat(251), /maximum length of 250/],
      [42, /non-empty key/],
    ];
    it.each(badKeys)('refuses the key %j for metrics, params and tags', async (key, message) => {
      const id = await newRun();
      await expectRefused(() => store.log.metric(id, { key, value: 1, timestamp: 1 }), 'INVALID_ARGUMENT', 'metrics[0].key', message);
      await expectRefused(() => store.log.param(id, key, 'v'), 'INVALID_ARGUMENT', 'params[0].key', message);
      await expectRefused(() => store.log.tag(id, key, 'v'), 'INVALID_ARGUMENT', 'tags[0].key', message);
    });

    it('accepts MLflow key characters: unicode letters, digits, _ - . space : /', async () => {
      const id = await newRun();
      const key = 'train/loss_ä-1.0 x:y';
      await store.log.metric(id, { key, value: 1, timestamp: 1 });
      await store.log.param(id, key, 'v');
      await store.log.tag(id, key, 'v');
      expect((await latest(id)).map((m) => m.key)).toEqual([key]);
    });

    const badMetrics: Array<[string, MetricInput, string]> = [
      ['a numeric string', { key: 'm', value: '3.5' }, 'metrics[0].value'],
      ['a boolean', { key: 'm', value: true }, 'metrics[0].value'],
      ['null', { key: 'm', value: null }, 'metrics[0].value'],
      ['a fractional step', { key: 'm', value: 1, step: 1.5 }, 'metrics[0].step'],
      ['a step above 2^53-1', { key: 'm', value: 1, step: 2 ** 53 }, 'metrics[0].step'],
      ['a string step', { key: 'm', value: 1, step: '3' }, 'metrics[0].step'],
      ['a negative timestamp', { key: 'm', value: 1, timestamp: -5 }, 'metrics[0].timestamp'],
      ['a fractional timestamp', { key: 'm', value: 1, timestamp: 1.25 }, 'metrics[0].timestamp'],
      ['a boolean timestamp', { key: 'm', value: 1, timestamp: true }, 'metrics[0].timestamp'],
    ];
    it.each(badMetrics)('refuses a metric with %s, naming the field', async (_what, metric, field) => {
      const id = await newRun();
      await expectRefused(() => store.log.metric(id, metric), 'INVALID_ARGUMENT', field);
    });

    it('names the offending entry of a batch and writes none of it', async () => {
      const id = await newRun();
      await expectRefused(
        () =>
          store.log.batch(id, {
            metrics: [
              { key: 'ok', value: 1, timestamp: 1 },
              { key: 'ok2', value: 2, timestamp: 1 },
              { key: 'bad', value: 'x', timestamp: 1 },
            ],
          }),
        'INVALID_ARGUMENT',
        'metrics[2].value',
      );
    });

    it('defaults step to 0 and timestamp to now; negative steps are allowed', async () => {
      const id = await newRun();
      await store.log.metric(id, { key: 'm', value: 1 });
      await store.log.metric(id, { key: 'n', value: 2, step: -7, timestamp: 3 });
      expect(await latest(id)).toEqual([
        { key: 'm', value: 1, step: 0, timestamp: now },
        { key: 'n', value: 2, step: -7, timestamp: 3 },
      ]);
    });
  });

  describe('batch limits', () => {
    const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: 1 }));
    const kvs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));

    it('accepts exactly 1,000 metrics, or 100 params and 100 tags', async () => {
      const id = await newRun();
      await store.log.batch(id, { metrics: metrics(1000) });
      await store.log.batch(id, { params: kvs(100), tags: kvs(100) });
      expect((await store.history.points(id, 'm', 2000)).totalCount).toBe(1000);
      expect(await store.runs.paramsOf([id])).toHaveLength(100);
    });

    it('refuses 1,001 metrics, 101 params, 101 tags, or more than 1,000 entities together, writing nothing', async () => {
      const id = await newRun();
      await expectRefused(() => store.log.batch(id, { metrics: metrics(1001) }), 'INVALID_ARGUMENT', 'metrics', /at most 1000 metrics, got 1001/);
      await expectRefused(() => store.log.batch(id, { params: kvs(101) }), 'INVALID_ARGUMENT', 'params', /at most 100 params, got 101/);
      await expectRefused(() => store.log.batch(id, { tags: kvs(101) }), 'INVALID_ARGUMENT', 'tags', /at most 100 tags, got 101/);
      await expectRefused(
        () => store.log.batch(id, { metrics: metrics(1000), params: kvs(1) }),
        'INVALID_ARGUMENT',
        'metrics',
        /at most 1000 metrics, params and tags together, got 1001/,
      );
    });

    it('accepts an empty batch and writes nothing, publishing nothing', async () => {
      const id = await newRun();
      const before = await dumpDatabase(store);
      const published = events.length;
      const result = await store.log.batch(id, {});
      expect(result.run.id).toBe(id);
      expect(await dumpDatabase(store)).toEqual(before);
      expect(events.length).toBe(published);
    });
  });

  describe('which runs can be written', () => {
    it('refuses unknown and malformed run ids with NOT_FOUND / INVALID_ARGUMENT', async () => {
      const unknown = 'f'.repeat(32);
      await expectRefused(() => store.log.metric(unknown, { key: 'm', value: 1 }), 'NOT_FOUND', 'runId', /no run with id=f{32}/);
      await expectRefused(() => store.log.param(unknown, 'p', 'v'), 'NOT_FOUND', 'runId');
      await expectRefused(() => store.log.tag(unknown, 't', 'v'), 'NOT_FOUND', 'runId');
      await expectRefused(() => store.log.deleteTag(unknown, 't'), 'NOT_FOUND', 'runId');
      await expectRefused(() => store.log.batch('', {}), 'INVALID_ARGUMENT', 'runId');
      await expectRefused(() => store.log.batch(42, {}), 'INVALID_ARGUMENT', 'runId');
    });

    it('refuses every write to a deleted run with FAILED_PRECONDITION, and to a run of a deleted experiment', async () => {
      const id = await newRun();
      await store.log.tag(id, 't', 'v');
      await store.runs.delete(id);
      for (const write of [
        () => store.log.metric(id, { key: 'm', value: 1 }),
        () => store.log.param(id, 'p', 'v'),
        () => store.log.tag(id, 't', 'w'),
        () => store.log.deleteTag(id, 't'),
        () => store.runs.update(id, { status: 'FINISHED' }),
      ]) {
        await expectRefused(write, 'FAILED_PRECONDITION', undefined, /must be in the 'active' state/);
      }
      const experiment = await store.experiments.create({ name: 'doomed' });
      const other = (await store.runs.create({ experimentId: experiment.id })).id;
      await store.experiments.delete(experiment.id);
      await expectRefused(() => store.log.metric(other, { key: 'm', value: 1 }), 'FAILED_PRECONDITION', 'runId');
    });

    it('allows logging to FINISHED, FAILED and KILLED runs (only the lifecycle stage matters)', async () => {
      for (const status of ['FINISHED', 'FAILED', 'KILLED'] as const) {
        const id = await newRun(status);
        await store.runs.update(id, { status, endTime: 5 });
        await store.log.batch(id, { metrics: [{ key: 'm', value: 1, timestamp: 1 }], params: [{ key: 'p', value: 'v' }], tags: [{ key: 't', value: 'v' }] });
        expect(await latest(id)).toHaveLength(1);
        expect((await store.runs.get(id))?.status).toBe(status);
      }
    });
  });

  describe('metric values', () => {
    it('round-trip NaN, +Infinity, -Infinity and extreme doubles exactly (numbers and the wire strings)', async () => {
      const id = await newRun();
      const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2, -1e-300];
      await store.log.batch(id, { metrics: values.map((value, i) => ({ key: 'v', value, step: i, timestamp: 1 })) });
      await store.log.batch(id, {
        metrics: [
          { key: 'w', value: 'NaN', step: 0, timestamp: 1 },
          { key: 'w', value: 'Infinity', step: 1, timestamp: 1 },
          { key: 'w', value: '-Infinity', step: 2, timestamp: 1 },
        ],
      });
      expect((await history(id, 'v')).map((p) => p.value)).toEqual(values);
      expect((await history(id, 'w')).map((p) => p.value)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
      const [series] = await store.history.series([id], 'v', { maxPoints: 100 });
      expect(series?.points.map((p) => p.value)).toEqual(values);
      // The latest point of v is the -1e-300 at step 7; of w the -Infinity at step 2.
      expect(await latest(id)).toEqual([
        { key: 'v', value: -1e-300, step: 7, timestamp: 1 },
        { key: 'w', value: Number.NEGATIVE_INFINITY, step: 2, timestamp: 1 },
      ]);
    });

    it('latest is the max by (step, timestamp, value) with NaN counting as 0, across writes and within one', async () => {
      const id = await newRun();
      const log = (value: number, step: number, timestamp: number) => store.log.metric(id, { key: 'm', value, step, timestamp });
      const current = async () => (await latest(id))[0];
      await log(3, 1, 5);
      await log(2, 1, 5); // same step and time, smaller value
      expect(await current()).toEqual({ key: 'm', value: 3, step: 1, timestamp: 5 });
      await log(Number.NaN, 1, 5); // NaN counts as 0 < 3
      expect((await current())?.value).toBe(3);
      await log(100, 0, 999); // an earlier step loses whatever its time
      expect((await current())?.value).toBe(3);
      await log(1, 1, 6); // a later time at the same step wins
      expect(await current()).toEqual({ key: 'm', value: 1, step: 1, timestamp: 6 });
      await log(-1, 2, 1);
      await log(Number.NaN, 2, 1); // NaN (as 0) beats -1 at the same step and time
      expect(await current()).toEqual({ key: 'm', value: Number.NaN, step: 2, timestamp: 1 });
      await log(Number.NEGATIVE_INFINITY, 3, 1);
      expect((await current())?.value).toBe(Number.NEGATIVE_INFINITY);
      await store.log.batch(id, {
        metrics: [
          { key: 'm', value: 7, step: 9, timestamp: 2 },
          { key: 'm', value: 8, step: 9, timestamp: 1 },
          { key: 'm', value: 5, step: 9, timestamp: 2 },
          { key: 'm', value: 50, step: 4, timestamp: 9 },
        ],
      });
      expect(await current()).toEqual({ key: 'm', value: 7, step: 9, timestamp: 2 });
    });

    it('ignores exact duplicates; a write of only duplicates takes no seq and publishes nothing', async () => {
      const id = await newRun();
      const batch = { metrics: [{ key: 'm', value: 1, step: 1, timestamp: 10 }, { key: 'm', value: Number.NaN, step: 2, timestamp: 10 }] };
      const first = await store.log.batch(id, batch);
      expect(first.inserted).toBe(2);
      expect(first.run.metricSeq).toBe(1);
      const before = await dumpDatabase(store);
      const published = events.length;
      const replay = await store.log.batch(id, batch);
      expect(replay.inserted).toBe(0);
      expect(replay.run.metricSeq).toBe(1);
      expect(await dumpDatabase(store)).toEqual(before);
      expect(events.length).toBe(published);

      // A partly new write takes the next seq and carries only its new points.
      const mixed = await store.log.batch(id, {
        metrics: [...batch.metrics, { key: 'm', value: 2, step: 1, timestamp: 10 }, { key: 'm', value: 1, step: 1, timestamp: 10 }],
      });
      expect(mixed.inserted).toBe(1);
      expect(mixed.run.metricSeq).toBe(2);
      const event = events.at(-1);
      expect(event).toMatchObject({ type: 'run', runId: id, kinds: ['METRICS'], metricWrite: { seq: 2, metrics: [{ key: 'm', value: 2, step: 1, timestamp: 10 }] } });
      expect(await history(id, 'm')).toEqual([
        { step: 1, timestamp: 10, value: 1, seq: 1 },
        { step: 1, timestamp: 10, value: 2, seq: 2 },
        { step: 2, timestamp: 10, value: Number.NaN, seq: 1 },
      ]);
      // Same step and time, NaN next to a real value: two distinct points.
      await store.log.metric(id, { key: 'm', value: 0, step: 2, timestamp: 10 });
      expect((await store.history.points(id, 'm', 100)).totalCount).toBe(4);
      expect((await store.runs.get(id))?.metricSeq).toBe(3);
    });

    it('gives every metric write the next seq of its run, shared by all its points, and none to params or tags', async () => {
      const a = await newRun('a');
      const b = await newRun('b');
      await store.log.batch(a, { metrics: [{ key: 'x', value: 1, step: 0, timestamp: 1 }, { key: 'y', value: 1, step: 0, timestamp: 1 }] });
      await store.log.param(a, 'p', 'v');
      await store.log.tag(a, 't', 'v');
      await store.log.metric(b, { key: 'x', value: 1, timestamp: 1 });
      await store.log.metric(a, { key: 'x', value: 2, step: 1, timestamp: 1 });
      expect((await store.runs.get(a))?.metricSeq).toBe(2);
      expect((await store.runs.get(b))?.metricSeq).toBe(1);
      expect((await history(a, 'x')).map((p) => p.seq)).toEqual([1, 2]);
      expect((await history(a, 'y')).map((p) => p.seq)).toEqual([1]);
      expect(Object.fromEntries((await store.runs.metricSeqs([a, b])).entries())).toEqual({ [a]: 2, [b]: 1 });
    });

    it('assigns distinct consecutive seqs to concurrent writes of one run', async () => {
      const id = await newRun();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.log.metric(id, { key: 'm', value: i, step: i, timestamp: 1 })),
      );
      expect(results.map((r) => r.run.metricSeq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Each point carries the seq its write returned.
      const seqOfStep = new Map((await history(id, 'm')).map((p) => [p.step, p.seq]));
      results.forEach((r, i) => expect(seqOfStep.get(i)).toBe(r.run.metricSeq));
    });
  });

  describe('events', () => {
    it('publishes one event per committed write, after commit, listing what changed', async () => {
      const id = await newRun();
      events.length = 0;
      await store.log.batch(id, {
        params: [{ key: 'p', value: '1' }],
        tags: [{ key: 't', value: 'v' }],
        metrics: [{ key: 'm', value: Number.POSITIVE_INFINITY, step: 3, timestamp: 4 }],
      });
      expect(events).toEqual([
        {
          type: 'run',
          runId: id,
          experimentId: '0',
          kinds: ['PARAMS', 'TAGS', 'METRICS'],
          metricWrite: { runId: id, seq: 1, metrics: [{ key: 'm', value: Number.POSITIVE_INFINITY, step: 3, timestamp: 4 }] },
          latest: [{ key: 'm', value: Number.POSITIVE_INFINITY, step: 3, timestamp: 4 }],
        },
      ]);
      // A listener sees the committed state: reading inside the listener finds the write.
      let readInListener: Promise<number | undefined> | undefined;
      const stop = store.onChange(() => {
        readInListener = store.runs.get(id).then((run) => run?.metricSeq);
      });
      await store.log.metric(id, { key: 'm', value: 1, step: 4, timestamp: 4 });
      stop();
      expect(await readInListener).toBe(2);
    });

    it("an event's latest lists only the keys whose latest value the write changed", async () => {
      const id = await newRun();
      await store.log.batch(id, { metrics: [{ key: 'a', value: 1, step: 10, timestamp: 1 }, { key: 'b', value: 1, step: 10, timestamp: 1 }] });
      events.length = 0;
      // a: a late point at an older step (history only); b: a newer step (the new latest).
      await store.log.batch(id, { metrics: [{ key: 'a', value: 9, step: 2, timestamp: 2 }, { key: 'b', value: 5, step: 11, timestamp: 2 }] });
      const [event] = events as Array<Extract<StoreEvent, { type: 'run' }>>;
      expect(event?.kinds).toEqual(['METRICS']);
      expect(event?.metricWrite?.metrics).toHaveLength(2);
      expect(event?.latest).toEqual([{ key: 'b', value: 5, step: 11, timestamp: 2 }]);
    });

    it('a renaming tag is TAGS and UPDATED', async () => {
      const id = await newRun();
      events.length = 0;
      await store.log.tag(id, 'mlflow.runName', 'renamed');
      expect(events).toEqual([{ type: 'run', runId: id, experimentId: '0', kinds: ['TAGS', 'UPDATED'] }]);
    });

    it('a throwing listener does not fail or undo the write', async () => {
      const id = await newRun();
      const stop = store.onChange(() => {
        throw new Error('listener bug');
      });
      const original = console.error;
      console.error = () => {};
      try {
        await store.log.metric(id, { key: 'm', value: 1, timestamp: 1 });
      } finally {
        console.error = original;
        stop();
      }
      expect(await latest(id)).toHaveLength(1);
    });
  });
});

