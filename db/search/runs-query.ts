import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Dialect } from '../connect.js';
import type { ViewType } from '../entities.js';
import type { RunRow } from '../types.js';
import { type SortColumn, afterCursor, sortFingerprint } from './cursor.js';
import { type RunComparison, parseRunFilter } from './filter.js';
import { type RunOrderKey, parseRunOrderBy } from './order.js';
import {
  type AnyQuery,
  EntityJoins,
  type SearchPage,
  binaryCollation,
  countOnce,
  cutPage,
  emptyPage,
  integerComparison,
  numericComparison,
  orderAndLimit,
  rankColumn,
  ref,
  selectSortValues,
  stringComparison,
} from './sql.js';

/**
 * runs(filter, orderBy) (docs/architecture.md section 4; MLflow's grammar: docs/mlflow-compat.md section 3) as one keyset-paged SQL query.
 *
 * Every sort key becomes a "rank" column (0 a number or string, 1 NaN, 2 missing; always ascending)
 * followed by the value in the requested direction. Missing values and NaN therefore sort last in both
 * directions, and the whole tuple compares lexicographically, which makes the `after` condition exact.
 */

export interface SearchRunsArgs {
  experimentIds: number[];
  filter?: string;
  orderBy?: string[];
  view: ViewType;
  /** Validated by the caller (1..1000); not clamped here. */
  first: number;
  after?: string;
  /** Rows to skip (after `after`, if given): a window at a position, for a scrollbar dragged far down. */
  offset?: number;
}

export async function searchRuns(db: Db, args: SearchRunsArgs): Promise<SearchPage<RunRow>> {
  const comparisons = parseRunFilter(args.filter);
  const orderKeys = withDefaultRunOrder(parseRunOrderBy(args.orderBy));
  const joins = new EntityJoins();
  const conditions = comparisons.map((c) => runCondition(c, joins, db.dialect));
  const columns = orderKeys.flatMap((k) => runSortColumns(k, joins, db.dialect, Date.now()));
  joins.checkCount();
  const sort = sortFingerprint(`runs|${orderKeys.map((k) => `${k.kind}:${k.key}:${k.descending ? 'desc' : 'asc'}`).join('|')}`);

  const after = args.after === undefined ? undefined : afterCursor(args.after, columns, sort, db.dialect);
  if (args.experimentIds.length === 0) return emptyPage();
  const scoped = (query: AnyQuery) =>
    conditions.reduce((q, condition) => q.where(condition), scopeRuns(query, args.experimentIds, args.view));

  let page = scoped(joins.apply(db.kysely.selectFrom('runs'), 'all')).selectAll('runs');
  if (after) page = page.where(after);
  let ordered = orderAndLimit(selectSortValues(page, columns), columns, args.first + 1);
  if (args.offset) ordered = ordered.offset(args.offset);
  const raw = await ordered.execute();

  const count = scoped(joins.apply(db.kysely.selectFrom('runs'), 'filter')).select(sql<number>`count(*)`.as('n'));
  return { ...cutPage<RunRow>(raw, args.first, columns.length, sort), totalCount: countOnce(count) };
}

/** `start_time DESC` unless start_time is already a key, then the run id as the unique tie-break. */
export function withDefaultRunOrder(keys: RunOrderKey[]): RunOrderKey[] {
  const has = (key: string) => keys.some((k) => k.kind === 'attribute' && k.key === key);
  const result = [...keys];
  if (!has('start_time')) result.push({ kind: 'attribute', key: 'start_time', descending: true });
  if (!has('run_id')) result.push({ kind: 'attribute', key: 'run_id', descending: false });
  return result;
}

export function scopeRuns(query: AnyQuery, experimentIds: number[], view: ViewType): AnyQuery {
  const scoped = query.where('runs.experiment_id', 'in', experimentIds);
  if (view === 'ACTIVE_ONLY') return scoped.where('runs.lifecycle_stage', '=', 'active');
  if (view === 'DELETED_ONLY') return scoped.where('runs.lifecycle_stage', '=', 'deleted');
  return scoped;
}

// ---------------------------------------------------------------------------------------------------
// Filter conditions

const RUN_STRING_COLUMNS = {
  run_id: 'runs.id',
  run_name: 'runs.name',
  status: 'runs.status',
  user_id: 'runs.user_id',
  artifact_uri: 'runs.artifact_uri',
} as const;

export function runCondition(c: RunComparison, joins: EntityJoins, dialect: Dialect): RawBuilder<SqlBool> {
  switch (c.kind) {
    case 'metric': {
      // NaN compares false with everything (MLflow); NaN is stored as value 0 with is_nan 1.
      const alias = joins.alias('latest_metrics', c.key, 'filter');
      return sql<SqlBool>`(${ref(alias, 'is_nan')} = 0 and ${numericComparison(ref(alias, 'value'), c.op, c.value)})`;
    }
    case 'param':
    case 'tag': {
      const alias = joins.alias(c.kind === 'param' ? 'params' : 'tags', c.key, 'filter');
      return stringComparison(dialect, ref(alias, 'value'), c.op, c.value);
    }
    case 'string-attribute':
      return stringComparison(dialect, sql.ref(RUN_STRING_COLUMNS[c.key]), c.op, c.value);
    case 'numeric-attribute':
      return integerComparison(sql.ref(`runs.${c.key}`), c.op, c.value);
    case 'run-id-list': {
      const list = sql.join(c.values.map((v) => sql`${v}`));
      return c.op === 'IN' ? sql<SqlBool>`${sql.ref('runs.id')} in (${list})` : sql<SqlBool>`${sql.ref('runs.id')} not in (${list})`;
    }
  }
}

// The operators are fixed strings from the parser, so sql.raw never sees user input.
// ---------------------------------------------------------------------------------------------------
// Sort columns

/** `now` is the end of a RUNNING run's duration (derived.duration). */
export function runSortColumns(key: RunOrderKey, joins: EntityJoins, dialect: Dialect, now: number): SortColumn[] {
  const { descending } = key;
  switch (key.kind) {
    case 'metric': {
      const a = joins.alias('latest_metrics', key.key, 'sort');
      return [
        rankColumn(sql`case when ${ref(a, 'run_id')} is null then 2 when ${ref(a, 'is_nan')} <> 0 then 1 else 0 end`),
        { expr: sql`case when ${ref(a, 'is_nan')} = 0 then ${ref(a, 'value')} else 0 end`, descending, type: 'float' },
      ];
    }
    case 'param':
    case 'tag': {
      const a = joins.alias(key.kind === 'param' ? 'params' : 'tags', key.key, 'sort');
      return [
        rankColumn(sql`case when ${ref(a, 'run_id')} is null then 2 else 0 end`),
        { expr: binaryCollation(dialect, sql`coalesce(${ref(a, 'value')}, '')`), descending, type: 'string' },
      ];
    }
    case 'attribute':
      switch (key.key) {
        case 'start_time':
          return [{ expr: sql.ref('runs.start_time'), descending, type: 'int' }];
        case 'duration':
          return [{ expr: sql`coalesce(${sql.ref('runs.end_time')}, ${now}) - ${sql.ref('runs.start_time')}`, descending, type: 'int' }];
        case 'end_time':
          return [
            rankColumn(sql`case when ${sql.ref('runs.end_time')} is null then 2 else 0 end`),
            { expr: sql`coalesce(${sql.ref('runs.end_time')}, 0)`, descending, type: 'int' },
          ];
        default:
          return [{ expr: binaryCollation(dialect, sql.ref(RUN_STRING_COLUMNS[key.key])), descending, type: 'string' }];
      }
  }
}

