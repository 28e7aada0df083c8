import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { StoreError } from '../../db/errors.js';
import { decodeCursor, encodeCursor } from '../../db/search/cursor.js';
import { searchExperiments } from '../../db/search/experiments-query.js';
import { parseExperimentFilter, parseRunFilter } from '../../db/search/filter.js';
import { parseExperimentOrderBy, parseRunOrderBy } from '../../db/search/order.js';
import { type SearchRunsArgs, searchRuns } from '../../db/search/runs-query.js';
import { describeEachDialect, openTestDb } from '../helpers/db.js';

/** Runs `fn` and returns the StoreError it throws (failing the test if it throws nothing or something else). */
function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

async function storeErrorAsync(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

function expectFilterError(text: string, message: string | RegExp): void {
  const error = storeError(() => parseRunFilter(text));
  expect(error.code).toBe('INVALID_ARGUMENT');
  expect(error.field).toBe('filter');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------------
// Filter parser

describe('parseRunFilter', () => {
  it('treats an empty or missing filter as no filter', () => {
    expect(parseRunFilter(undefined)).toEqual([]);
    expect(parseRunFilter('')).toEqual([]);
    expect(parseRunFilter('   ')).toEqual([]);
  });

  it('parses metric comparisons with every operator and numeric literal form', () => {
    expect(parseRunFilter('metrics.mse < 5')).toEqual([{ kind: 'metric', key: 'mse', op: '<', value: 5 }]);
    const ops = ['=', '!=', '>', '>=', '<', '<='] as const;
    for (const op of ops) expect(parseRunFilter(`metric.acc ${op} 0.5`)[0]).toMatchObject({ op, value: 0.5 });
    expect(parseRunFilter('metrics.a > -1.5e-3')[0]).toMatchObject({ value: -1.5e-3 });
    expect(parseRunFilter('metrics.a > .5')[0]).toMatchObject({ value: 0.5 });
    expect(parseRunFilter('metrics.a>=+2')[0]).toMatchObject({ op: '>=', value: 2 });
    expect(parseRunFilter('metrics.a<-1')[0]).toMatchObject({ op: '<', value: -1 });
    expect(parseRunFilter('metrics.a < 1e999')[0]).toMatchObject({ value: Number.POSITIVE_INFINITY });
  });

  it('accepts every entity alias', () => {
    for (const entity of ['metrics', 'metric']) expect(parseRunFilter(`${entity}.x = 1`)[0]?.kind).toBe('metric');
    for (const entity of ['params', 'param', 'parameters', 'parameter']) {
      expect(parseRunFilter(`${entity}.x = '1'`)[0]).toEqual({ kind: 'param', key: 'x', op: '=', value: '1' });
    }
    for (const entity of ['tags', 'tag']) expect(parseRunFilter(`${entity}.x = '1'`)[0]?.kind).toBe('tag');
    for (const entity of ['attributes', 'attribute', 'attr', 'run']) {
      expect(parseRunFilter(`${entity}.status = 'RUNNING'`)[0]).toEqual({
        kind: 'string-attribute',
        key: 'status',
        op: '=',
        value: 'RUNNING',
      });
    }
    expect(parseRunFilter("status = 'RUNNING'")[0]).toMatchObject({ kind: 'string-attribute', key: 'status' });
  });

  it('reads quoted and dotted keys and a back-quoted entity', () => {
    expect(parseRunFilter('metrics.`a b` > 1')[0]).toMatchObject({ kind: 'metric', key: 'a b' });
    expect(parseRunFilter('tags."x-y" = \'1\'')[0]).toMatchObject({ kind: 'tag', key: 'x-y' });
    expect(parseRunFilter('`metrics`.x > 1')[0]).toMatchObject({ kind: 'metric', key: 'x' });
    expect(parseRunFilter('`params`.`learning rate` = \'0.1\'')[0]).toMatchObject({ kind: 'param', key: 'learning rate' });
    expect(parseRunFilter('metrics.train.loss < 1')[0]).toMatchObject({ kind: 'metric', key: 'train.loss' });
    expect(parseRunFilter('metrics.`a.b` < 1')[0]).toMatchObject({ key: 'a.b' });
    expect(parseRunFilter('metrics.1st < 1')[0]).toMatchObject({ key: '1st' });
    expect(parseRunFilter('`metrics`.5x < 1')[0]).toMatchObject({ key: '5x' });
  });

  it('reads single- and double-quoted values, a doubled quote standing for one', () => {
    expect(parseRunFilter("params.a = 'x y'")[0]).toMatchObject({ value: 'x y' });
    expect(parseRunFilter('params.a = "x y"')[0]).toMatchObject({ value: 'x y' });
    expect(parseRunFilter("params.a = 'it''s'")[0]).toMatchObject({ value: "it's" });
    expect(parseRunFilter("params.a = ''")[0]).toMatchObject({ value: '' });
    expect(parseRunFilter("params.a = 'and OR not'")[0]).toMatchObject({ value: 'and OR not' });
  });

  it('joins comparisons with AND in any case', () => {
    const parsed = parseRunFilter("metrics.a > 1 and params.b = 'x' AND tags.c != 'y' And status = 'FINISHED'");
    expect(parsed.map((c) => c.kind)).toEqual(['metric', 'param', 'tag', 'string-attribute']);
    expect(parseRunFilter("params.a='x'and params.b='y'")).toHaveLength(2);
  });

  it('accepts LIKE and ILIKE in any case for params, tags and string attributes', () => {
    expect(parseRunFilter("params.a like 'x%'")[0]).toMatchObject({ op: 'LIKE' });
    expect(parseRunFilter("tags.a ILike 'x%'")[0]).toMatchObject({ op: 'ILIKE' });
    expect(parseRunFilter("user_id ilike 'A%'")[0]).toMatchObject({ kind: 'string-attribute', op: 'ILIKE' });
  });

  it('translates attribute aliases', () => {
    for (const alias of ['`run name`', '`Run name`', '"Run Name"', 'attributes.`Run name`', 'run_name']) {
      expect(parseRunFilter(`${alias} = 'x'`)[0]).toEqual({ kind: 'string-attribute', key: 'run_name', op: '=', value: 'x' });
    }
    for (const alias of ['created', 'Created', 'attributes.created', 'start_time']) {
      expect(parseRunFilter(`${alias} > 5`)[0]).toEqual({ kind: 'numeric-attribute', key: 'start_time', op: '>', value: 5 });
    }
    expect(parseRunFilter('end_time <= 7')[0]).toEqual({ kind: 'numeric-attribute', key: 'end_time', op: '<=', value: 7 });
  });

  it('parses IN and NOT IN lists for run_id with flexible whitespace', () => {
    expect(parseRunFilter("attributes.run_id IN ('a', 'b')")[0]).toEqual({
      kind: 'run-id-list',
      key: 'run_id',
      op: 'IN',
      values: ['a', 'b'],
    });
    expect(parseRunFilter("run_id not   in('a',\"b\" ,  'c',)")[0]).toEqual({
      kind: 'run-id-list',
      key: 'run_id',
      op: 'NOT IN',
      values: ['a', 'b', 'c'],
    });
    expect(parseRunFilter("run_id in ( 'a' )")[0]).toMatchObject({ values: ['a'] });
  });

  it('rejects OR, NOT and parentheses', () => {
    expectFilterError("metrics.a > 1 OR metrics.b > 2", "filter: invalid clause 'OR' (only AND is supported)");
    expectFilterError("metrics.a > 1 or metrics.b > 2", "filter: invalid clause 'or' (only AND is supported)");
    expectFilterError("NOT params.a = 'x'", "filter: invalid clause 'NOT' (only AND is supported)");
    expectFilterError("params.a NOT LIKE 'x'", "filter: invalid clause 'NOT' (only AND is supported)");
    expectFilterError(
      "(params.a = 'x')",
      "filter: invalid clause '(' (parentheses are not supported; only AND is supported)",
    );
    expectFilterError(
      "params.a = 'x' AND (params.b = 'y')",
      "filter: invalid clause '(' (parentheses are not supported; only AND is supported)",
    );
    expectFilterError("params.a = 'x' params.b = 'y'", "filter: invalid clause 'params.b' (only AND is supported)");
  });

  it('rejects unknown entities and attribute keys', () => {
    expectFilterError('foo.x = 1', "filter: invalid entity type 'foo'; valid values are metric, parameter, tag, attribute, dataset");
    expectFilterError('METRICS.x = 1', /invalid entity type 'METRICS'/);
    expectFilterError('"metrics".x = 1', /invalid entity type '"metrics"'/);
    expectFilterError("attributes.lifecycle_stage = 'active'", /^filter: invalid attribute key 'lifecycle_stage'; valid keys are run_id, /);
    expectFilterError("experiment_id = '0'", /invalid attribute key 'experiment_id'/);
  });

  it('rejects dataset filters for now', () => {
    expectFilterError("datasets.name = 'x'", "filter: dataset identifiers are not supported yet ('datasets.name')");
    expectFilterError("dataset.digest = 'x'", /dataset identifiers are not supported yet/);
  });

  it('requires numeric values for metrics and numeric attributes', () => {
    expectFilterError('metrics.mse = a', "filter: expected a numeric value for metric 'mse', found 'a'");
    expectFilterError("metrics.mse = '1'", "filter: expected a numeric value for metric 'mse', found ''1''");
    expectFilterError("start_time > 'yesterday'", /expected a numeric value for attribute 'start_time', found ''yesterday''/);
    expectFilterError('metrics.mse = inf', /expected a numeric value for metric 'mse', found 'inf'/);
  });

  it('requires quoted values for params, tags and string attributes', () => {
    expectFilterError('params.a = b', 'filter: value b is not quoted; use single or double quotes');
    expectFilterError('params.a = 2', 'filter: value 2 is not quoted; use single or double quotes');
    expectFilterError('tags.a = `b`', 'filter: value `b` is not quoted; use single or double quotes');
    expectFilterError('status = RUNNING', 'filter: value RUNNING is not quoted; use single or double quotes');
  });

  it('checks operators per entity', () => {
    expectFilterError("metrics.a LIKE '1'", "filter: invalid operator 'LIKE' for metric 'a'; valid operators are =, !=, >, >=, <, <=");
    expectFilterError("params.a > '1'", "filter: invalid operator '>' for param 'a'; valid operators are =, !=, LIKE, ILIKE");
    expectFilterError("tags.a IN ('1')", /invalid operator 'IN' for tag 'a'/);
    expectFilterError("status IN ('RUNNING')", "filter: operator 'IN' is only supported for attribute 'run_id', not attribute 'status'");
    expectFilterError('start_time LIKE 5', /invalid operator 'LIKE' for attribute 'start_time'/);
    expectFilterError("run_id > 'a'", /invalid operator '>' for attribute 'run_id'/);
    expectFilterError('metrics.a <> 1', /invalid operator '<>' for metric 'a'/);
    expectFilterError('metrics.a == 1', /invalid operator '==' for metric 'a'/);
  });

  it('checks IN lists', () => {
    expectFilterError('run_id IN ()', 'filter: IN expects a non-empty list of quoted strings');
    expectFilterError('run_id IN (1, 2)', "filter: IN list items must be quoted strings, found '1'");
    expectFilterError("run_id IN 'a'", "filter: IN expects a parenthesised list of quoted strings, found ''a''");
    expectFilterError("run_id NOT IN ('a' 'b')", "filter: NOT IN list: expected ',' or ')', found ''b''");
    expectFilterError("run_id IN ('a'", "filter: IN list: expected ',' or ')', found 'the end of the input'");
  });

  it('rejects incomplete and malformed input', () => {
    expectFilterError("params.a = 'x' AND", "filter: expected a comparison after 'AND'");
    expectFilterError('metrics.a >', "filter: expected a numeric value for metric 'a', found 'the end of the input'");
    expectFilterError('metrics.a', "filter: expected an operator after 'metrics.a', found the end of the input");
    expectFilterError("params.a = 'x", "filter: unterminated quoted string 'x");
    expectFilterError('metrics.a # 1', "filter: unexpected character '#' at position 10");
    expectFilterError('metrics. = 1', /invalid identifier 'metrics.=?'/);
    expectFilterError('.x = 1', /invalid identifier '.x'/);
    expectFilterError("= 'x'", "filter: expected an identifier, found '='");
    expectFilterError("AND params.a = 'x'", "filter: expected an identifier, found 'AND'");
    expectFilterError("metrics.a'b' = 1", /invalid identifier/);
  });

  it('throws nothing but StoreError for hostile input', () => {
    const inputs = ["'", '`', '"', '(((', "params.a = 'x' AND AND", 'metrics.a = 1;drop table runs', '\u0000', 'a'.repeat(10_000)];
    for (const input of inputs) expect(() => parseRunFilter(input)).toThrow(StoreError);
  });

  it('refuses NUL characters (Postgres text cannot hold them) and over-long IN lists', () => {
    expectFilterError("params.a = 'x\u0000'", 'filter: NUL characters are not allowed');
    const list = (n: number) => `run_id IN (${Array.from({ length: n }, (_, i) => `'r${i}'`).join(',')})`;
    expect(parseRunFilter(list(10_000))[0]).toMatchObject({ kind: 'run-id-list' });
    expectFilterError(list(10_001), 'filter: IN lists are limited to 10000 items');
  });
});

describe('parseExperimentFilter', () => {
  it('parses name, times and tags', () => {
    expect(parseExperimentFilter("name LIKE 'x%' and attribute.creation_time > 5 AND tags.team = 'core'")).toEqual([
      { kind: 'string-attribute', key: 'name', op: 'LIKE', value: 'x%' },
      { kind: 'numeric-attribute', key: 'creation_time', op: '>', value: 5 },
      { kind: 'tag', key: 'team', op: '=', value: 'core' },
    ]);
    expect(parseExperimentFilter('attributes.last_update_time <= 1')[0]).toMatchObject({ key: 'last_update_time' });
    expect(parseExperimentFilter("tag.`a b` ILIKE 'x'")[0]).toMatchObject({ kind: 'tag', key: 'a b', op: 'ILIKE' });
  });

  it('rejects other entities, keys and operators', () => {
    const error = storeError(() => parseExperimentFilter('metrics.a > 1'));
    expect(error.message).toBe("filter: invalid entity type 'metrics'; valid values are attribute, tag");
    expect(error.field).toBe('filter');
    expect(() => parseExperimentFilter("artifact_location = 'x'")).toThrow(/invalid attribute key 'artifact_location'/);
    expect(() => parseExperimentFilter("creation_time LIKE '1'")).toThrow(/invalid operator 'LIKE' for attribute 'creation_time'/);
    expect(() => parseExperimentFilter('name > 1')).toThrow(/invalid operator '>' for attribute 'name'/);
    expect(() => parseExperimentFilter("name = 'a' OR name = 'b'")).toThrow("filter: invalid clause 'OR' (only AND is supported)");
    expect(() => parseExperimentFilter("name IN ('a')")).toThrow(/invalid operator 'IN'/);
  });
});

// ---------------------------------------------------------------------------------------------------
// order_by parser

describe('parseRunOrderBy', () => {
  it('defaults to ASC and reads ASC/DESC in any case', () => {
    expect(parseRunOrderBy(undefined)).toEqual([]);
    expect(parseRunOrderBy(['metrics.mse', 'params.lr DESC', 'tags.t asc', 'end_time desc'])).toEqual([
      { kind: 'metric', key: 'mse', descending: false },
      { kind: 'param', key: 'lr', descending: true },
      { kind: 'tag', key: 't', descending: false },
      { kind: 'attribute', key: 'end_time', descending: true },
    ]);
  });

  it('uses the filter identifier grammar and attribute aliases', () => {
    expect(parseRunOrderBy(['metrics.`a b` DESC'])[0]).toEqual({ kind: 'metric', key: 'a b', descending: true });
    expect(parseRunOrderBy(['`params`."x-y"'])[0]).toEqual({ kind: 'param', key: 'x-y', descending: false });
    expect(parseRunOrderBy(['created DESC'])[0]).toEqual({ kind: 'attribute', key: 'start_time', descending: true });
    expect(parseRunOrderBy(['attributes.`Run name`'])[0]).toEqual({ kind: 'attribute', key: 'run_name', descending: false });
    for (const key of ['run_id', 'run_name', 'status', 'user_id', 'start_time', 'end_time', 'artifact_uri']) {
      expect(parseRunOrderBy([key])[0]).toEqual({ kind: 'attribute', key, descending: false });
    }
  });

  it('rejects a bad direction, extra tokens and unknown keys', () => {
    const error = storeError(() => parseRunOrderBy(['metrics.x sideways']));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe('orderBy');
    expect(error.message).toBe("order_by: invalid ordering key 'metrics.x sideways'");
    expect(() => parseRunOrderBy(['metrics.x ASC DESC'])).toThrow("order_by: invalid ordering key 'metrics.x ASC DESC': unexpected 'DESC'");
    expect(() => parseRunOrderBy(['lifecycle_stage'])).toThrow(/order_by: invalid attribute key 'lifecycle_stage'/);
    expect(() => parseRunOrderBy(['foo.x'])).toThrow(/order_by: invalid entity type 'foo'/);
    expect(() => parseRunOrderBy(['datasets.name'])).toThrow(/order_by: dataset identifiers are not supported yet/);
    expect(() => parseRunOrderBy([''])).toThrow('order_by: empty ordering key');
    expect(() => parseRunOrderBy(['metrics.x,'])).toThrow(/order_by: invalid ordering key/);
  });

  it('rejects the same field twice, aliases included', () => {
    expect(() => parseRunOrderBy(['metrics.a', 'metrics.a DESC'])).toThrow(
      "order_by: 'metrics.a DESC' orders by the same field as an earlier key",
    );
    expect(() => parseRunOrderBy(['metric.a', 'metrics.a'])).toThrow(StoreError);
    expect(() => parseRunOrderBy(['start_time', 'created DESC'])).toThrow(StoreError);
    expect(parseRunOrderBy(['metrics.a', 'params.a', 'tags.a'])).toHaveLength(3);
  });
});

describe('parseExperimentOrderBy', () => {
  it('reads the four attributes', () => {
    expect(parseExperimentOrderBy(['name', 'experiment_id DESC', 'attribute.creation_time', 'last_update_time asc'])).toEqual([
      { key: 'name', descending: false },
      { key: 'experiment_id', descending: true },
      { key: 'creation_time', descending: false },
      { key: 'last_update_time', descending: false },
    ]);
  });

  it('rejects tags, unknown keys, duplicates and bad directions', () => {
    expect(() => parseExperimentOrderBy(['tags.team'])).toThrow(/order_by: invalid entity type 'tags'/);
    expect(() => parseExperimentOrderBy(['artifact_location'])).toThrow(/invalid attribute key 'artifact_location'/);
    expect(() => parseExperimentOrderBy(['name', 'name DESC'])).toThrow(/same field/);
    expect(() => parseExperimentOrderBy(['name up'])).toThrow("order_by: invalid ordering key 'name up'");
  });
});

// ---------------------------------------------------------------------------------------------------
// Cursors

describe('cursors', () => {
  it('round-trip NaN, ±Infinity, -0, null and strings exactly', () => {
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, null, 1.5, 'é "x" 🙂', ''];
    const text = encodeCursor({ sort: 'abc', values });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeCursor(text);
    expect(decoded.sort).toBe('abc');
    expect(decoded.values).toHaveLength(values.length);
    decoded.values.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
  });

  it('rejects anything encodeCursor did not produce', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['', 'not a cursor!', '====', b64('nope'), b64('[]'), b64('{"s":1,"v":[]}'), b64('{"s":"a"}'), b64('{"s":"a","v":[{"n":"x"}]}'), b64('{"s":"a","v":[[1]]}'), b64('null')]) {
      const error = storeError(() => decodeCursor(bad));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.field).toBe('after');
      expect(error.message).toBe('after: invalid cursor');
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Queries, on SQLite and (when TRACKLINE_TEST_PG_URL is set) Postgres

interface RunSpec {
  id: string;
  start: number;
  metric?: number;
  optimizer?: string;
  team?: string;
  status?: 'RUNNING' | 'FINISHED' | 'FAILED';
  end?: number | null;
  experiment?: number;
  deleted?: boolean;
}

// The metric values of mlflow's test_order_by_metric_tag_param, plus NaN and a run without the metric.
const RUNS: RunSpec[] = [
  { id: 'ninf', start: 101, metric: Number.NEGATIVE_INFINITY, optimizer: 'Adam', team: 'Vision', end: 1000 },
  { id: 'n1000', start: 102, metric: -1000, optimizer: 'adam', team: 'vision', end: 900, status: 'FAILED' },
  { id: 'zeroA', start: 103, metric: 0, optimizer: 'SGD', end: null },
  { id: 'zeroB', start: 104, metric: 0, optimizer: 'sgd_momentum', team: 'VISION', end: 1100 },
  { id: 'p1000', start: 105, metric: 1000, optimizer: 'Adam', end: null, status: 'RUNNING' },
  { id: 'pinf', start: 106, metric: Number.POSITIVE_INFINITY, end: 800 },
  { id: 'nan', start: 107, metric: Number.NaN, end: 1200 },
  { id: 'none', start: 108, end: null, status: 'RUNNING' },
  { id: 'gone', start: 109, metric: 5, deleted: true },
  { id: 'elsewhere', start: 110, metric: 1, experiment: 1 },
];
const ACTIVE_IN_0 = RUNS.filter((r) => !r.deleted && (r.experiment ?? 0) === 0);

async function insertExperiment(db: Db, id: number, name: string, creation: number, tags: Record<string, string> = {}, deleted = false) {
  await db.kysely
    .insertInto('experiments')
    .values({
      id,
      name,
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: deleted ? 'deleted' : 'active',
      creation_time: creation,
      last_update_time: creation + 1,
    })
    .execute();
  for (const [key, value] of Object.entries(tags)) {
    await db.kysely.insertInto('experiment_tags').values({ experiment_id: id, key, value }).execute();
  }
}

async function insertRun(db: Db, run: RunSpec): Promise<void> {
  await db.kysely
    .insertInto('runs')
    .values({
      id: run.id,
      experiment_id: run.experiment ?? 0,
      name: run.id,
      status: run.status ?? 'FINISHED',
      user_id: run.id.startsWith('n') ? 'alice' : 'bob',
      start_time: run.start,
      end_time: run.end ?? null,
      deleted_time: run.deleted ? run.start + 1 : null,
      lifecycle_stage: run.deleted ? 'deleted' : 'active',
      artifact_uri: `mlflow-artifacts:/0/${run.id}/artifacts`,
      parent_run_id: null,
      metric_seq: 0,
    })
    .execute();
  await db.kysely.insertInto('tags').values({ run_id: run.id, key: 'mlflow.runName', value: run.id }).execute();
  if (run.team !== undefined) await db.kysely.insertInto('tags').values({ run_id: run.id, key: 'team', value: run.team }).execute();
  if (run.optimizer !== undefined) {
    await db.kysely.insertInto('params').values({ run_id: run.id, key: 'optimizer', value: run.optimizer }).execute();
  }
  if (run.metric !== undefined) {
    const nan = Number.isNaN(run.metric);
    await db.kysely
      .insertInto('latest_metrics')
      .values({ run_id: run.id, key: 'm', step: 0, timestamp: 0, value: nan ? 0 : run.metric, is_nan: nan ? 1 : 0, min_step: 0, point_count: 1 })
      .execute();
  }
}

async function seed(db: Db): Promise<void> {
  await insertExperiment(db, 0, 'Default', 1000, { team: 'Core' });
  await insertExperiment(db, 1, 'Other Exp', 2000, { team: 'core' });
  await insertExperiment(db, 2, 'deleted-exp', 3000, {}, true);
  await insertExperiment(db, 3, 'another', 2000);
  for (const run of RUNS) await insertRun(db, run);
}

describeEachDialect('search queries', (dialect) => {
  let t: { db: Db; drop: () => Promise<void> };
  beforeEach(async () => {
    t = await openTestDb(dialect);
    await seed(t.db);
  });
  afterEach(async () => {
    await t.drop();
  });

  const ids = async (args: Partial<SearchRunsArgs>) => {
    const page = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', first: 100, ...args });
    return page.rows.map((r) => r.id);
  };
  const filtered = (filter: string) => ids({ filter });

  /** Walks every page with `first` rows, optionally running `between` after each page. */
  async function allPages(args: Partial<SearchRunsArgs>, first: number, between?: (page: number) => Promise<void>) {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', ...args, first, after });
      expect(result.cursors).toHaveLength(result.rows.length);
      seen.push(...result.rows.map((r) => r.id));
      if (!result.hasNextPage) return seen;
      after = result.cursors.at(-1);
      await between?.(page);
    }
    throw new Error('paging did not end');
  }

  describe('filters', () => {
    it('compares the latest metric value; NaN and missing never match', async () => {
      expect(await filtered('metrics.m > 0')).toEqual(['pinf', 'p1000']);
      expect(await filtered('metrics.m = 0')).toEqual(['zeroB', 'zeroA']);
      expect(await filtered('metrics.m != 0')).toEqual(['pinf', 'p1000', 'n1000', 'ninf']);
      expect(await filtered('metrics.m <= -1000')).toEqual(['n1000', 'ninf']);
      expect(await filtered('metrics.m >= -1e999')).toEqual(['pinf', 'p1000', 'zeroB', 'zeroA', 'n1000', 'ninf']);
      expect(await filtered('metrics.m < 1e999')).toEqual(['p1000', 'zeroB', 'zeroA', 'n1000', 'ninf']);
      expect(await filtered('metrics.other != 0')).toEqual([]);
    });

    it('compares params case-sensitively with = != LIKE, and not with ILIKE', async () => {
      expect(await filtered("params.optimizer = 'Adam'")).toEqual(['p1000', 'ninf']);
      expect(await filtered("params.optimizer = 'adam'")).toEqual(['n1000']);
      expect(await filtered("params.optimizer != 'Adam'")).toEqual(['zeroB', 'zeroA', 'n1000']);
      expect(await filtered("params.optimizer LIKE 'Ad%'")).toEqual(['p1000', 'ninf']);
      expect(await filtered("params.optimizer LIKE 'ad%'")).toEqual(['n1000']);
      expect(await filtered("params.optimizer ILIKE 'AD%'")).toEqual(['p1000', 'n1000', 'ninf']);
      expect(await filtered("params.optimizer ILIKE 'sgd'")).toEqual(['zeroA']);
      expect(await filtered("params.optimizer LIKE 'sgd_%'")).toEqual(['zeroB']);
      expect(await filtered("params.optimizer LIKE '_GD'")).toEqual(['zeroA']);
      expect(await filtered("params.optimizer LIKE 'dam'")).toEqual([]);
    });

    it('compares tags, and treats a backslash in a pattern as an ordinary character', async () => {
      expect(await filtered("tags.team = 'Vision'")).toEqual(['ninf']);
      expect(await filtered("tags.team ILIKE 'vision'")).toEqual(['zeroB', 'n1000', 'ninf']);
      expect(await filtered("tags.team != 'Vision'")).toEqual(['zeroB', 'n1000']);
      expect(await filtered("tags.team LIKE 'V\\%'")).toEqual([]);
      await t.db.kysely.insertInto('tags').values({ run_id: 'nan', key: 'path', value: 'C:\\dir\\x_1' }).execute();
      expect(await filtered("tags.path LIKE 'C:\\dir\\x%'")).toEqual(['nan']);
      // With backslash escapes (Postgres's default) this pattern would match; here `\` must match itself.
      expect(await filtered("tags.path LIKE 'C:\\dir\\x\\_1'")).toEqual([]);
    });

    it('compares string attributes; run_name is the run name', async () => {
      expect(await filtered("attributes.`Run name` LIKE 'zero%'")).toEqual(['zeroB', 'zeroA']);
      expect(await filtered("run_name LIKE 'ZERO%'")).toEqual([]);
      expect(await filtered("run_name ILIKE 'ZERO%'")).toEqual(['zeroB', 'zeroA']);
      expect(await filtered("status = 'RUNNING'")).toEqual(['none', 'p1000']);
      expect(await filtered("status != 'FINISHED'")).toEqual(['none', 'p1000', 'n1000']);
      expect(await filtered("user_id = 'alice'")).toEqual(['none', 'nan', 'n1000', 'ninf']);
      expect(await filtered("artifact_uri LIKE '%/zeroA/%'")).toEqual(['zeroA']);
    });

    it('filters run ids with IN and NOT IN', async () => {
      expect(await filtered("run_id IN ('ninf', \"pinf\", 'unknown')")).toEqual(['pinf', 'ninf']);
      expect(await filtered("attributes.run_id NOT IN ('ninf','none')")).toEqual(['nan', 'pinf', 'p1000', 'zeroB', 'zeroA', 'n1000']);
      expect(await filtered("run_id = 'nan'")).toEqual(['nan']);
    });

    it('compares times with any numeric literal; a missing end time never matches', async () => {
      expect(await filtered('start_time > 104.5')).toEqual(['none', 'nan', 'pinf', 'p1000']);
      expect(await filtered('start_time >= 104.5')).toEqual(['none', 'nan', 'pinf', 'p1000']);
      expect(await filtered('created <= 102.9')).toEqual(['n1000', 'ninf']);
      expect(await filtered('Created < 102.1')).toEqual(['n1000', 'ninf']);
      expect(await filtered('start_time = 103.5')).toEqual([]);
      expect(await filtered('start_time != 103.5')).toHaveLength(ACTIVE_IN_0.length);
      expect(await filtered('start_time = 103')).toEqual(['zeroA']);
      expect(await filtered('start_time < 1e300')).toHaveLength(ACTIVE_IN_0.length);
      expect(await filtered('start_time > -1e999')).toHaveLength(ACTIVE_IN_0.length);
      expect(await filtered('end_time > 0')).toEqual(['nan', 'pinf', 'zeroB', 'n1000', 'ninf']);
      expect(await filtered('end_time != 900')).toEqual(['nan', 'pinf', 'zeroB', 'ninf']);
    });

    it('combines comparisons with AND, the same key twice included', async () => {
      expect(await filtered("params.optimizer ILIKE 'adam' and metrics.m < 0")).toEqual(['n1000', 'ninf']);
      expect(await filtered('metrics.m > -2000 AND metrics.m < 2000')).toEqual(['p1000', 'zeroB', 'zeroA', 'n1000']);
      expect(await filtered("tags.team ILIKE 'vision' and params.optimizer LIKE 'a%' and status = 'FAILED'")).toEqual(['n1000']);
    });

    it('searches several experiments together and honours the view', async () => {
      expect(await ids({ experimentIds: [0, 1], filter: 'metrics.m > 0.5 and metrics.m < 1000' })).toEqual(['elsewhere']);
      expect(await ids({ experimentIds: [1] })).toEqual(['elsewhere']);
      expect(await ids({ experimentIds: [] })).toEqual([]);
      expect(await ids({ view: 'DELETED_ONLY' })).toEqual(['gone']);
      expect(await ids({ view: 'ALL', filter: 'metrics.m >= 5' })).toEqual(['gone', 'pinf', 'p1000']);
    });

    it('binds user strings as values, never as SQL', async () => {
      expect(await filtered("params.optimizer = 'x'' or 1=1 --'")).toEqual([]);
      expect(await filtered('params.`optimizer\'; drop table runs; --` = \'x\'')).toEqual([]);
      expect(await ids({})).toHaveLength(ACTIVE_IN_0.length);
    });

    it('counts every match lazily', async () => {
      const page = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', first: 1, filter: 'metrics.m != 0' });
      expect(page.rows).toHaveLength(1);
      expect(page.hasNextPage).toBe(true);
      expect(await page.totalCount()).toBe(4);
      expect(await page.totalCount()).toBe(4);
      const unfiltered = await searchRuns(t.db, { experimentIds: [0, 1], view: 'ALL', first: 1, orderBy: ['metrics.m'] });
      expect(await unfiltered.totalCount()).toBe(RUNS.length);
    });

    it('reports bad input as INVALID_ARGUMENT', async () => {
      const base = { experimentIds: [0], view: 'ACTIVE_ONLY' as const, first: 10 };
      expect((await storeErrorAsync(searchRuns(t.db, { ...base, filter: 'metrics.m > x' }))).field).toBe('filter');
      expect((await storeErrorAsync(searchRuns(t.db, { ...base, orderBy: ['metrics.m up'] }))).field).toBe('orderBy');
    });
  });

  describe('order', () => {
    it('sorts metrics ascending: -inf, -1000, 0, 0, 1000, inf, NaN, missing', async () => {
      expect(await ids({ orderBy: ['metrics.m ASC'] })).toEqual(['ninf', 'n1000', 'zeroB', 'zeroA', 'p1000', 'pinf', 'nan', 'none']);
      expect(await ids({ orderBy: ['metrics.m'] })).toEqual(['ninf', 'n1000', 'zeroB', 'zeroA', 'p1000', 'pinf', 'nan', 'none']);
    });

    it('sorts metrics descending: inf, 1000, 0, 0, -1000, -inf, NaN, missing', async () => {
      expect(await ids({ orderBy: ['metrics.m DESC'] })).toEqual(['pinf', 'p1000', 'zeroB', 'zeroA', 'n1000', 'ninf', 'nan', 'none']);
    });

    it('sorts params, tags and end_time with missing values last in both directions', async () => {
      // Byte order: 'Adam' < 'SGD' < 'adam' < 'sgd_momentum'; ties by start_time DESC.
      expect(await ids({ orderBy: ['params.optimizer'] })).toEqual(['p1000', 'ninf', 'zeroA', 'n1000', 'zeroB', 'none', 'nan', 'pinf']);
      expect(await ids({ orderBy: ['params.optimizer DESC'] })).toEqual(['zeroB', 'n1000', 'zeroA', 'p1000', 'ninf', 'none', 'nan', 'pinf']);
      expect(await ids({ orderBy: ['tags.team DESC'] })).toEqual(['n1000', 'ninf', 'zeroB', 'none', 'nan', 'pinf', 'p1000', 'zeroA']);
      expect(await ids({ orderBy: ['end_time'] })).toEqual(['pinf', 'n1000', 'ninf', 'zeroB', 'nan', 'none', 'p1000', 'zeroA']);
      expect(await ids({ orderBy: ['end_time DESC'] })).toEqual(['nan', 'zeroB', 'ninf', 'n1000', 'pinf', 'none', 'p1000', 'zeroA']);
    });

    it('defaults to start_time DESC then id, and drops the default when start_time is a key', async () => {
      expect(await ids({})).toEqual(['none', 'nan', 'pinf', 'p1000', 'zeroB', 'zeroA', 'n1000', 'ninf']);
      expect(await ids({ orderBy: ['created'] })).toEqual(['ninf', 'n1000', 'zeroA', 'zeroB', 'p1000', 'pinf', 'nan', 'none']);
      expect(await ids({ orderBy: ['status', 'start_time'] })).toEqual(['n1000', 'ninf', 'zeroA', 'zeroB', 'pinf', 'nan', 'p1000', 'none']);
      expect(await ids({ orderBy: ['run_id DESC'] })).toEqual(['zeroB', 'zeroA', 'pinf', 'p1000', 'none', 'ninf', 'nan', 'n1000']);
      expect(await ids({ orderBy: ['user_id', 'run_name'] })).toEqual(['n1000', 'nan', 'ninf', 'none', 'p1000', 'pinf', 'zeroA', 'zeroB']);
    });

    it('sorts by several keys', async () => {
      expect(await ids({ orderBy: ['params.optimizer', 'metrics.m DESC'] })).toEqual([
        'p1000',
        'ninf',
        'zeroA',
        'n1000',
        'zeroB',
        'pinf',
        'nan',
        'none',
      ]);
    });
  });

  describe('paging', () => {
    const metricAsc = ['ninf', 'n1000', 'zeroB', 'zeroA', 'p1000', 'pinf', 'nan', 'none'];
    const metricDesc = ['pinf', 'p1000', 'zeroB', 'zeroA', 'n1000', 'ninf', 'nan', 'none'];

    it('walks every sort page by page to the same list as one page', async () => {
      const sorts = [[], ['metrics.m'], ['metrics.m DESC'], ['params.optimizer'], ['params.optimizer DESC'], ['end_time'], ['end_time DESC'], ['tags.team', 'metrics.m DESC'], ['run_name DESC']];
      for (const orderBy of sorts) {
        const whole = await ids({ orderBy });
        for (const first of [1, 2, 3]) expect(await allPages({ orderBy }, first)).toEqual(whole);
      }
      expect(await allPages({ orderBy: ['metrics.m'], filter: 'metrics.m != 0' }, 1)).toEqual(['ninf', 'n1000', 'p1000', 'pinf']);
    });

    it('keeps a metric-sorted list stable while runs are added between pages', async () => {
      for (const [orderBy, expected] of [
        ['metrics.m ASC', metricAsc],
        ['metrics.m DESC', metricDesc],
      ] as const) {
        let added = 0;
        const seen = await allPages({ orderBy: [orderBy] }, 2, async () => {
          // One new run per page: values that sort before, among and after the runs already returned.
          const metric = [-1e9, 0, Number.NaN, 5, 1e9][added % 5] as number;
          await insertRun(t.db, { id: `new${orderBy.length}${added++}`, start: 200 + added, metric });
        });
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((id) => !id.startsWith('new'))).toEqual(expected);
      }
    });

    it('reports the last page', async () => {
      const page1 = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', first: 4, orderBy: ['metrics.m DESC'] });
      expect(page1.rows.map((r) => r.id)).toEqual(metricDesc.slice(0, 4));
      expect(page1.hasNextPage).toBe(true);
      const page2 = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', first: 4, orderBy: ['metrics.m DESC'], after: page1.cursors[3] });
      expect(page2.rows.map((r) => r.id)).toEqual(metricDesc.slice(4));
      expect(page2.hasNextPage).toBe(false);
      // Every cursor resumes right after its own row.
      const middle = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', first: 2, orderBy: ['metrics.m DESC'], after: page1.cursors[1] });
      expect(middle.rows.map((r) => r.id)).toEqual(metricDesc.slice(2, 4));
    });

    it('returns plain run rows', async () => {
      const page = await searchRuns(t.db, { experimentIds: [0], view: 'ACTIVE_ONLY', first: 1, orderBy: ['metrics.m'] });
      expect(page.rows[0]).toEqual({
        id: 'ninf',
        experiment_id: 0,
        name: 'ninf',
        status: 'FINISHED',
        user_id: 'alice',
        start_time: 101,
        end_time: 1000,
        deleted_time: null,
        lifecycle_stage: 'active',
        artifact_uri: 'mlflow-artifacts:/0/ninf/artifacts',
        parent_run_id: null,
        metric_seq: 0,
      });
    });

    it('rejects bad cursors and cursors of another sort', async () => {
      const base = { experimentIds: [0], view: 'ACTIVE_ONLY' as const, first: 2 };
      const page = await searchRuns(t.db, { ...base, orderBy: ['metrics.m'] });
      const cursor = page.cursors[0] as string;
      const expectBad = async (args: Partial<SearchRunsArgs>) => {
        const error = await storeErrorAsync(searchRuns(t.db, { ...base, ...args }));
        expect(error.message).toBe('after: invalid cursor');
        expect(error.field).toBe('after');
      };
      await expectBad({ orderBy: ['metrics.m'], after: 'garbage!' });
      await expectBad({ orderBy: ['metrics.m'], after: '' });
      await expectBad({ orderBy: ['metrics.m DESC'], after: cursor });
      await expectBad({ orderBy: ['params.optimizer'], after: cursor });
      await expectBad({ after: cursor });
      const { sort, values } = decodeCursor(cursor);
      await expectBad({ orderBy: ['metrics.m'], after: encodeCursor({ sort, values: values.slice(1) }) });
      await expectBad({ orderBy: ['metrics.m'], after: encodeCursor({ sort, values: values.map(() => 'x') }) });
      await expectBad({ orderBy: ['metrics.m'], after: encodeCursor({ sort, values: [0.5, ...values.slice(1)] }) });
      await expectBad({ orderBy: ['metrics.m'], after: encodeCursor({ sort, values: [0, Number.NaN, ...values.slice(2)] }) });
      // Postgres text cannot hold NUL, so no Postgres cursor has one; SQLite values may.
      const nul = encodeCursor({ sort, values: [0, -5, 0, 'x\u0000'] });
      if (t.db.dialect === 'postgres') await expectBad({ orderBy: ['metrics.m'], after: nul });
      else expect((await ids({ orderBy: ['metrics.m'], first: 1, after: nul }))).toEqual(['zeroB']);
      // A well-formed cursor for a row that no longer matches still pages from its position.
      const resumed = await searchRuns(t.db, { ...base, orderBy: ['metrics.m'], after: encodeCursor({ sort, values: [0, -5, 0, 'x'] }) });
      expect(resumed.rows.map((r) => r.id)).toEqual(['zeroB', 'zeroA']);
    });
  });

  describe('experiments', () => {
    const names = async (args: Partial<Parameters<typeof searchExperiments>[1]> = {}) =>
      (await searchExperiments(t.db, { view: 'ACTIVE_ONLY', first: 100, ...args })).rows.map((e) => e.name);

    it('orders by creation_time DESC then id by default', async () => {
      expect(await names()).toEqual(['Other Exp', 'another', 'Default']);
      expect(await names({ view: 'ALL' })).toEqual(['deleted-exp', 'Other Exp', 'another', 'Default']);
      expect(await names({ view: 'DELETED_ONLY' })).toEqual(['deleted-exp']);
    });

    it('orders by the given keys, experiment_id DESC breaking ties', async () => {
      expect(await names({ orderBy: ['name'] })).toEqual(['Default', 'Other Exp', 'another']);
      expect(await names({ orderBy: ['name DESC'] })).toEqual(['another', 'Other Exp', 'Default']);
      expect(await names({ orderBy: ['creation_time'] })).toEqual(['Default', 'another', 'Other Exp']);
      expect(await names({ orderBy: ['experiment_id DESC'] })).toEqual(['another', 'Other Exp', 'Default']);
    });

    it('filters on name, times and tags', async () => {
      expect(await names({ filter: "name LIKE 'Oth%'" })).toEqual(['Other Exp']);
      expect(await names({ filter: "name LIKE 'oth%'" })).toEqual([]);
      expect(await names({ filter: "name ILIKE 'oth%'" })).toEqual(['Other Exp']);
      expect(await names({ filter: "name != 'Default'" })).toEqual(['Other Exp', 'another']);
      expect(await names({ filter: 'creation_time >= 2000 and last_update_time < 2001.5' })).toEqual(['Other Exp', 'another']);
      expect(await names({ filter: "tags.team = 'core'" })).toEqual(['Other Exp']);
      expect(await names({ filter: "tags.team ILIKE 'CORE'" })).toEqual(['Other Exp', 'Default']);
      expect(await names({ filter: "tags.team != 'core'" })).toEqual(['Default']);
    });

    it('pages with cursors and counts lazily', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await searchExperiments(t.db, { view: 'ALL', first: 1, orderBy: ['name'], after });
        expect(await page.totalCount()).toBe(4);
        seen.push(...page.rows.map((e) => e.name));
        if (!page.hasNextPage) break;
        after = page.cursors[0];
      }
      expect(seen).toEqual(['Default', 'Other Exp', 'another', 'deleted-exp']);
      const error = await storeErrorAsync(searchExperiments(t.db, { view: 'ALL', first: 1, orderBy: ['name DESC'], after }));
      expect(error.message).toBe('after: invalid cursor');
      const rows = await searchExperiments(t.db, { view: 'ACTIVE_ONLY', first: 1, filter: "name = 'Default'" });
      expect(rows.rows[0]).toEqual({
        id: 0,
        name: 'Default',
        artifact_location: 'mlflow-artifacts:/0',
        lifecycle_stage: 'active',
        creation_time: 1000,
        last_update_time: 1001,
      });
    });
  });
});
