import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../connect.js';
import type { RunRow } from '../types.js';
import { sortFingerprint } from './cursor.js';
import { parseRunFilter } from './filter.js';
import { parseRunOrderBy } from './order.js';
import { type SearchRunsArgs, runCondition, runSortColumns, scopeRuns, withDefaultRunOrder } from './runs-query.js';
import { type AnyQuery, EntityJoins, type SearchPage, countOnce, cutPage, emptyPage, orderAndLimit, selectSortValues } from './sql.js';

/**
 * The runs table's nested display (runs under their parent, from `mlflow.parentRunId`), one level of the
 * run tree at a time: the top level, or the children of one run. A run is listed when it matches the
 * filter or has a descendant that does, so a filter that matches only a grandchild shows it under its
 * parent chain. A run is top-level when it has no parent in the searched scope (no parent at all, or a
 * parent in another experiment or view). Sorting and paging are those of searchRuns; pages are windows
 * at an offset (the dashboard's scrollbar), and each run carries how many children it lists.
 */

export interface RunTreeArgs extends Omit<SearchRunsArgs, 'after'> {
  /** null: the top level; a run id: that run's children. */
  parentRunId: string | null;
}

export interface RunTreePage extends SearchPage<RunRow> {
  /** How many children each run of the page would list at the next level (same filter). */
  childCounts: () => Promise<Map<string, number>>;
}

export async function searchRunTree(db: Db, args: RunTreeArgs): Promise<RunTreePage> {
  const comparisons = parseRunFilter(args.filter);
  const orderKeys = withDefaultRunOrder(parseRunOrderBy(args.orderBy));
  const filterJoins = new EntityJoins();
  const conditions = comparisons.map((c) => runCondition(c, filterJoins, db.dialect));
  // Sort joins stay left joins: a run listed as the ancestor of a match may lack the filtered keys.
  const sortJoins = new EntityJoins();
  const columns = orderKeys.flatMap((k) => runSortColumns(k, sortJoins, db.dialect, Date.now()));
  filterJoins.checkCount();
  sortJoins.checkCount();
  const sort = sortFingerprint(`tree|${orderKeys.map((k) => `${k.kind}:${k.key}:${k.descending ? 'desc' : 'asc'}`).join('|')}`);
  if (args.experimentIds.length === 0) return { ...emptyPage<RunRow>(), childCounts: async () => new Map() };

  // With a filter: `matched` = the runs it matches, `ancestors` = every run above one of them.
  const filtered = conditions.length > 0;
  const creator: any = filtered
    ? db.kysely
        // withRecursive on the first item: Kysely writes WITH RECURSIVE only then (Postgres needs it for `ancestors`).
        .withRecursive('matched', (qc: any) =>
          conditions
            .reduce((q, c) => q.where(c), scopeRuns(filterJoins.apply(qc.selectFrom('runs'), 'all'), args.experimentIds, args.view))
            .select(['runs.id as id', 'runs.parent_run_id as parent_run_id']),
        )
        .withRecursive('ancestors(id)', (qc: any) =>
          qc
            .selectFrom('matched')
            .select('matched.parent_run_id as id')
            .where('matched.parent_run_id', 'is not', null)
            .union(
              qc
                .selectFrom('runs as up')
                .innerJoin('ancestors', 'ancestors.id', 'up.id')
                .select('up.parent_run_id as id')
                .where('up.parent_run_id', 'is not', null),
            ),
        )
    : db.kysely;
  const listed = (query: AnyQuery, level: RawBuilder<SqlBool>): AnyQuery => {
    const scoped = scopeRuns(query, args.experimentIds, args.view).where(level);
    return filtered
      ? scoped.where(sql<SqlBool>`(runs.id in (select id from matched) or runs.id in (select id from ancestors))`)
      : scoped;
  };
  const level = args.parentRunId === null ? topLevel(args) : sql<SqlBool>`runs.parent_run_id = ${args.parentRunId}`;

  let ordered = orderAndLimit(
    selectSortValues(listed(sortJoins.apply(creator.selectFrom('runs'), 'all'), level).selectAll('runs'), columns),
    columns,
    args.first + 1,
  );
  if (args.offset) ordered = ordered.offset(args.offset);
  const raw = await ordered.execute();
  const page = cutPage<RunRow>(raw, args.first, columns.length, sort);
  const count = listed(creator.selectFrom('runs'), level).select(sql<number>`count(*)`.as('n'));

  let counts: Promise<Map<string, number>> | undefined;
  const childCounts = () =>
    (counts ??= (async () => {
      const ids = page.rows.map((r) => r.id);
      if (ids.length === 0) return new Map<string, number>();
      const rows = await listed(creator.selectFrom('runs'), sql<SqlBool>`runs.parent_run_id in (${sql.join(ids)})`)
        .select(['runs.parent_run_id as parent', sql<number>`count(*)`.as('n')])
        .groupBy('runs.parent_run_id')
        .execute();
      return new Map(rows.map((r: Record<string, unknown>) => [String(r.parent), Number(r.n)]));
    })());
  return { ...page, totalCount: countOnce(count), childCounts };
}

/** No parent, or a parent outside the scope searched (another experiment, or not in this view). */
function topLevel(args: RunTreeArgs): RawBuilder<SqlBool> {
  const ids = sql.join(args.experimentIds);
  const stage =
    args.view === 'ACTIVE_ONLY' ? sql`and up.lifecycle_stage = 'active'` : args.view === 'DELETED_ONLY' ? sql`and up.lifecycle_stage = 'deleted'` : sql``;
  return sql<SqlBool>`(runs.parent_run_id is null or not exists (select 1 from runs up where up.id = runs.parent_run_id and up.experiment_id in (${ids}) ${stage}))`;
}

export interface MetricRange {
  key: string;
  /** over the non-NaN latest values; ±Infinity included */
  min: number;
  max: number;
}

/**
 * The lowest and highest latest value of each metric key over every run the filter matches (not a
 * page of them): what the runs table highlights as each column's best. Keys no matched run has, or
 * only as NaN, are left out.
 */
export async function metricRanges(
  db: Db,
  args: Pick<SearchRunsArgs, 'experimentIds' | 'filter' | 'view'> & { keys: readonly string[] },
): Promise<MetricRange[]> {
  if (args.experimentIds.length === 0 || args.keys.length === 0) return [];
  const joins = new EntityJoins();
  const conditions = parseRunFilter(args.filter).map((c) => runCondition(c, joins, db.dialect));
  joins.checkCount();
  const matched = conditions
    .reduce((q, c) => q.where(c), scopeRuns(joins.apply(db.kysely.selectFrom('runs'), 'filter'), args.experimentIds, args.view))
    .select('runs.id');
  const rows = await db.kysely
    .selectFrom('latest_metrics as lm')
    .where('lm.key', 'in', [...args.keys])
    .where('lm.is_nan', '=', 0)
    .where('lm.run_id', 'in', matched)
    .select(['lm.key', sql<number>`min(lm.value)`.as('min'), sql<number>`max(lm.value)`.as('max')])
    .groupBy('lm.key')
    .execute();
  const order = new Map(args.keys.map((k, i) => [k, i]));
  return rows
    .map((r) => ({ key: r.key, min: Number(r.min), max: Number(r.max) }))
    .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
}
