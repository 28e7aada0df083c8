import { invalid } from '../db/errors.js';
import type { KeyValue } from '../db/store/index.js';
import { builder } from './builder.js';

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
