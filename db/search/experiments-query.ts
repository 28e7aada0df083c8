import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Dialect } from '../connect.js';
import type { ViewType } from '../entities.js';
import type { ExperimentRow } from '../types.js';
import { type SortColumn, afterCursor, sortFingerprint } from './cursor.js';
import { type ExperimentComparison, parseExperimentFilter } from './filter.js';
import { type ExperimentOrderKey, parseExperimentOrderBy } from './order.js';
import {
  type AnyQuery,
  EntityJoins,
  type SearchPage,
  binaryCollation,
  countOnce,
  cutPage,
  integerComparison,
  orderAndLimit,
  selectSortValues,
  stringComparison,
} from './sql.js';

/** experiments(filter, orderBy) (docs/mlflow-compat.md section 3, search), keyset-paged like runs. */

export interface SearchExperimentsArgs {
  filter?: string;
  orderBy?: string[];
  view: ViewType;
  /** Validated by the caller; not clamped here. */
  first: number;
  after?: string;
}

export async function searchExperiments(db: Db, args: SearchExperimentsArgs): Promise<SearchPage<ExperimentRow>> {
  const comparisons = parseExperimentFilter(args.filter);
  const orderKeys = withDefaultExperimentOrder(parseExperimentOrderBy(args.orderBy));
  const joins = new EntityJoins({ table: 'experiments', column: 'experiment_id' });
  const conditions = comparisons.map((c) => experimentCondition(c, joins, db.dialect));
  const columns = orderKeys.map((k) => experimentSortColumn(k, db.dialect));
  joins.checkCount();
  const sort = sortFingerprint(`experiments|${orderKeys.map((k) => `${k.key}:${k.descending ? 'desc' : 'asc'}`).join('|')}`);

  const scoped = (query: AnyQuery) => conditions.reduce((q, condition) => q.where(condition), scopeExperiments(query, args.view));

  let page = scoped(joins.apply(db.kysely.selectFrom('experiments'), 'all')).selectAll('experiments');
  if (args.after !== undefined) page = page.where(afterCursor(args.after, columns, sort, db.dialect));
  const raw = await orderAndLimit(selectSortValues(page, columns), columns, args.first + 1).execute();

  const count = scoped(joins.apply(db.kysely.selectFrom('experiments'), 'filter')).select(sql<number>`count(*)`.as('n'));
  return { ...cutPage<ExperimentRow>(raw, args.first, columns.length, sort), totalCount: countOnce(count) };
}

/**
 * MLflow's rule: no order_by means `creation_time DESC, experiment_id ASC`; otherwise the user's keys
 * and, unless experiment_id is among them, `experiment_id DESC` as the tie-break.
 */
function withDefaultExperimentOrder(keys: ExperimentOrderKey[]): ExperimentOrderKey[] {
  if (keys.length === 0) {
    return [
      { key: 'creation_time', descending: true },
      { key: 'experiment_id', descending: false },
    ];
  }
  if (keys.some((k) => k.key === 'experiment_id')) return keys;
  return [...keys, { key: 'experiment_id', descending: true }];
}

function scopeExperiments(query: AnyQuery, view: ViewType): AnyQuery {
  if (view === 'ACTIVE_ONLY') return query.where('experiments.lifecycle_stage', '=', 'active');
  if (view === 'DELETED_ONLY') return query.where('experiments.lifecycle_stage', '=', 'deleted');
  return query;
}

function experimentCondition(c: ExperimentComparison, joins: EntityJoins, dialect: Dialect): RawBuilder<SqlBool> {
  switch (c.kind) {
    case 'tag': {
      const alias = joins.alias('experiment_tags', c.key, 'filter');
      return stringComparison(dialect, sql.ref(`${alias}.value`), c.op, c.value);
    }
    case 'string-attribute':
      return stringComparison(dialect, sql.ref('experiments.name'), c.op, c.value);
    case 'numeric-attribute':
      return integerComparison(sql.ref(`experiments.${c.key}`), c.op, c.value);
  }
}

/** Every experiment attribute is NOT NULL, so no rank column is needed. */
function experimentSortColumn(key: ExperimentOrderKey, dialect: Dialect): SortColumn {
  const { descending } = key;
  switch (key.key) {
    case 'name':
      return { expr: binaryCollation(dialect, sql.ref('experiments.name')), descending, type: 'string' };
    case 'experiment_id':
      return { expr: sql.ref('experiments.id'), descending, type: 'int' };
    default:
      return { expr: sql.ref(`experiments.${key.key}`), descending, type: 'int' };
  }
}
