import { type Expression, type JoinBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../connect.js';
import { invalid } from '../errors.js';
import { type CursorValue, type SortColumn, encodeCursor } from './cursor.js';
import type { NumericOp, StringOp } from './filter.js';
import { SEARCH_LIMITS } from './limits.js';

/**
 * The SQL the searches share (runs-query.ts, runs-tree.ts, experiments-query.ts): joins per entity key,
 * comparisons with the same semantics on both dialects, and keyset paging over the sort tuple.
 */

export interface SearchPage<Row> {
  rows: Row[];
  /** cursors[i] is the cursor of rows[i]. */
  cursors: string[];
  hasNextPage: boolean;
  /** COUNT(*) of every row the filter matches; runs only when called. */
  totalCount: () => Promise<number>;
}

// Kysely cannot type joins whose aliases are chosen at run time; the dynamic part is typed loosely
// and the rows are typed again at the end.
export type AnyQuery = SelectQueryBuilder<any, any, any>;


// Joins: one per distinct (table, key), shared by the filter and the sort.

type EntityTable = 'latest_metrics' | 'params' | 'tags' | 'experiment_tags';

interface EntityJoin {
  table: EntityTable;
  key: string;
  alias: string;
  /** Used by a filter condition: needed by the count too, and an inner join (see apply). */
  filtered: boolean;
}

export class EntityJoins {
  private readonly joins = new Map<string, EntityJoin>();

  constructor(
    private readonly owner: { table: string; column: string } = { table: 'runs', column: 'run_id' },
  ) {}

  /** Each distinct key is a join, and SQLite joins at most 64 tables. */
  checkCount(): void {
    if (this.joins.size > SEARCH_LIMITS.entityKeys) {
      throw invalid(
        `filter: a search may filter and sort on at most ${SEARCH_LIMITS.entityKeys} different metric, param and tag keys, got ${this.joins.size}`,
        'filter',
      );
    }
  }

  /** The alias of the join for (table, key); aliases are generated, never taken from user input. */
  alias(table: EntityTable, key: string, usage: 'filter' | 'sort'): string {
    const id = `${table}\u0000${key}`;
    let join = this.joins.get(id);
    if (!join) {
      join = { table, key, alias: `j${this.joins.size}`, filtered: false };
      this.joins.set(id, join);
    }
    if (usage === 'filter') join.filtered = true;
    return join.alias;
  }

  /**
   * A run lacking a filtered key never matches, so a filter's join is an inner join: the result is the
   * same as a LEFT JOIN with a null-rejecting WHERE, and the planner may start from the key's index.
   * Filter joins after the first are joined to the first one's run_id (equal to the owner's id): without
   * statistics SQLite then checks one filter against another through the (key, value, run_id) index
   * before it looks the run up, which measured 2x faster on 10k runs. Sort-only keys are left joins,
   * because missing values sort last rather than vanish.
   */
  apply(query: AnyQuery, which: 'all' | 'filter'): AnyQuery {
    const filtered = [...this.joins.values()].filter((j) => j.filtered);
    const sortOnly = which === 'all' ? [...this.joins.values()].filter((j) => !j.filtered) : [];
    const ownerId = `${this.owner.table}.id`;
    const anchor = filtered[0] ? `${filtered[0].alias}.${this.owner.column}` : ownerId;
    let q = query;
    for (const join of filtered) {
      q = q.innerJoin(`${join.table} as ${join.alias}`, (jb: AnyJoin) =>
        this.on(jb, join, join === filtered[0] ? ownerId : anchor),
      );
    }
    for (const join of sortOnly) {
      q = q.leftJoin(`${join.table} as ${join.alias}`, (jb: AnyJoin) => this.on(jb, join, ownerId));
    }
    return q;
  }

  private on(jb: AnyJoin, join: EntityJoin, idRef: string): AnyJoin {
    return jb.onRef(`${join.alias}.${this.owner.column}`, '=', idRef).on(`${join.alias}.key`, '=', join.key);
  }
}

type AnyJoin = JoinBuilder<any, any>;

export const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

const NUMERIC_SQL: Record<NumericOp, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

export function numericComparison(column: Expression<unknown>, op: NumericOp, value: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} ${sql.raw(NUMERIC_SQL[op])} ${value}`;
}

const MAX_STORED = 2 ** 53;

/**
 * Comparison of an integer column (epoch ms) with any numeric literal. Postgres cannot bind 1.5 or
 * 1e300 to a bigint, so the literal is clamped to the stored range and a fraction is folded into the
 * operator (x > 1.5 is x >= 2); the result is exactly the comparison MLflow makes.
 */
export function integerComparison(column: Expression<unknown>, op: NumericOp, value: number): RawBuilder<SqlBool> {
  const v = Math.min(Math.max(value, -MAX_STORED), MAX_STORED);
  if (Number.isInteger(v)) return numericComparison(column, op, v);
  switch (op) {
    case '=':
      return sql<SqlBool>`1 = 0`;
    case '!=':
      return sql<SqlBool>`${column} is not null`;
    case '>':
    case '>=':
      return numericComparison(column, '>=', Math.ceil(v));
    case '<':
    case '<=':
      return numericComparison(column, '<=', Math.floor(v));
  }
}

/**
 * `=`, `!=` and LIKE are case-sensitive and ILIKE is not, on both dialects (SQLite connections run
 * case_sensitive_like=ON). LIKE has no escape character on either: SQLite has none by default and
 * Postgres's backslash default is turned off, so the same pattern means the same thing everywhere.
 */
export function stringComparison(dialect: Dialect, column: Expression<unknown>, op: StringOp, value: string): RawBuilder<SqlBool> {
  switch (op) {
    case '=':
      return sql<SqlBool>`${column} = ${value}`;
    case '!=':
      return sql<SqlBool>`${column} <> ${value}`;
    case 'LIKE':
      return dialect === 'postgres' ? sql<SqlBool>`${column} like ${value} escape ''` : sql<SqlBool>`${column} like ${value}`;
    case 'ILIKE':
      return dialect === 'postgres'
        ? sql<SqlBool>`${column} ilike ${value} escape ''`
        : sql<SqlBool>`lower(${column}) like lower(${value})`;
  }
}

/** Postgres sorts text by the database's locale; "C" is byte order, the order SQLite uses. */
export function binaryCollation(dialect: Dialect, expr: Expression<unknown>): Expression<unknown> {
  return dialect === 'postgres' ? sql`(${expr} collate "C")` : expr;
}

export const rankColumn = (expr: Expression<unknown>): SortColumn => ({ expr, descending: false, type: 'int' });

// Paging.

const sortAlias = (i: number) => `_sort${i}`;

/** Selects each sort expression under a generated alias, so a row's cursor can be built from the row. */
export function selectSortValues(query: AnyQuery, columns: readonly SortColumn[]): AnyQuery {
  return columns.reduce((q, column, i) => q.select(sql`${column.expr}`.as(sortAlias(i))), query);
}

/** ORDER BY the selected aliases (both dialects accept an output column name there), then LIMIT. */
export function orderAndLimit(query: AnyQuery, columns: readonly SortColumn[], limit: number): AnyQuery {
  return columns
    .reduce((q, column, i) => q.orderBy(sql.ref(sortAlias(i)), column.descending ? 'desc' : 'asc'), query)
    .limit(limit);
}

/** Splits the fetched `first + 1` rows into the page, its cursors and whether more rows follow. */
export function cutPage<Row>(
  raw: readonly Record<string, unknown>[],
  first: number,
  columnCount: number,
  sort: string,
): Omit<SearchPage<Row>, 'totalCount'> {
  const pageRows = raw.slice(0, Math.max(first, 0));
  const rows: Row[] = [];
  const cursors: string[] = [];
  for (const r of pageRows) {
    const values: CursorValue[] = [];
    const row: Record<string, unknown> = { ...r };
    for (let i = 0; i < columnCount; i++) {
      values.push(r[sortAlias(i)] as CursorValue);
      delete row[sortAlias(i)];
    }
    rows.push(row as Row);
    cursors.push(encodeCursor({ sort, values }));
  }
  return { rows, cursors, hasNextPage: raw.length > pageRows.length };
}

/** A lazy COUNT(*): the query runs on the first call only, and only if someone asks. */
export function countOnce(query: AnyQuery): () => Promise<number> {
  let result: Promise<number> | undefined;
  return () => {
    // count(*) is a number on SQLite and an int8 (a string unless parsed) on Postgres.
    result ??= query.executeTakeFirstOrThrow().then((row: Record<string, unknown>) => Number(row.n));
    return result;
  };
}

export function emptyPage<Row>(): SearchPage<Row> {
  return { rows: [], cursors: [], hasNextPage: false, totalCount: async () => 0 };
}
