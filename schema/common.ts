import { invalid } from '../db/errors.js';
import type { KeyValue } from '../db/store/index.js';
import { builder } from './builder.js';
import { INHERITED } from './limits.js';

export const LifecycleStage = builder.enumType('LifecycleStage', { values: ['ACTIVE', 'DELETED'] as const });
export const ViewType = builder.enumType('ViewType', { values: ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const });

export const toLifecycleStage = (stage: 'active' | 'deleted') => (stage === 'active' ? 'ACTIVE' : 'DELETED') as 'ACTIVE' | 'DELETED';

export const TagRef = builder.objectRef<KeyValue>('Tag').implement({
  fields: (t) => ({ key: t.exposeString('key'), value: t.exposeString('value') }),
});
export const ParamRef = builder.objectRef<KeyValue>('Param').implement({
  fields: (t) => ({ key: t.exposeString('key'), value: t.exposeString('value') }),
});

export const TagInput = builder.inputType('TagInput', {
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});
export const ParamInput = builder.inputType('ParamInput', {
  fields: (t) => ({ key: t.string({ required: true }), value: t.string({ required: true }) }),
});

export interface PageInfoShape {
  hasNextPage: boolean;
  endCursor: string | null;
}
export const PageInfoRef = builder.objectRef<PageInfoShape>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/** The arguments of every search (runs, experiments): MLflow's filter and order syntax, keyset paging. */
export const searchArgs = builder.args((t) => ({
  filter: t.string({ description: "MLflow search syntax, e.g. \"metrics.mse < 5 and params.degree = '2'\"" }),
  orderBy: t.stringList({ description: 'e.g. ["metrics.mse ASC"]; missing values sort last, NaN after numbers' }),
  view: t.field({ type: ViewType, defaultValue: 'ACTIVE_ONLY' }),
  first: t.int({ defaultValue: 100 }),
  after: t.string(),
}));

/** The store's search arguments from a field's searchArgs: defaults applied, page size checked. */
export function toSearch(args: {
  filter?: string | null;
  orderBy?: readonly string[] | null;
  view?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' | null;
  first?: number | null;
  after?: string | null;
}) {
  return { filter: args.filter, orderBy: args.orderBy, view: args.view ?? 'ACTIVE_ONLY', first: checkFirst(args.first, 1000, 100), after: args.after };
}

/** Defines `<Name>Edge` and implements `<Name>Connection` (edges, pageInfo, totalCount) for a node type. */
export function implementConnection<T>(
  connection: ReturnType<typeof builder.objectRef<ConnectionShape<T>>>,
  node: ReturnType<typeof builder.objectRef<T>>,
  edgeName: string,
): void {
  const edge = builder.objectRef<{ cursor: string; node: T }>(edgeName).implement({
    // Pothos cannot relate a generic T to its resolver-result type; the ref above pins it.
    fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: node, resolve: (e) => e.node as never }) }),
  });
  connection.implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], extensions: INHERITED, resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
      totalCount: t.int({ resolve: (c) => c.totalCount() }),
    }),
  });
}

/** The shape every connection resolver returns; totalCount runs only when selected. */
export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfoShape;
  totalCount: () => Promise<number> | number;
}

export function toConnection<T>(page: {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number> | number;
}): ConnectionShape<T> {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i] as string })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null },
    totalCount: page.totalCount,
  };
}

/** Page sizes are checked, not clamped: asking for too much is the caller's mistake. */
export function checkFirst(first: number | null | undefined, max: number, fallback: number): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw invalid(`first: must be between 0 and ${max}, got ${value}`, 'first');
  }
  return value;
}
