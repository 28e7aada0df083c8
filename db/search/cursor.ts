import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../connect.js';
import { invalid } from '../errors.js';

/**
 * Opaque keyset cursors (docs/architecture.md section 4): a cursor holds the whole sort tuple of a row (every sort
 * value, the row id last) plus a fingerprint of the ordering it came from. The next page is "rows whose
 * tuple sorts after this one", so pages stay stable while runs are added, whatever the sort.
 */

export type CursorValue = number | string | null;

export interface Cursor {
  /** Fingerprint of the ordering (see sortFingerprint): a cursor from another sort is rejected. */
  readonly sort: string;
  /** The row's sort tuple, its id last. */
  readonly values: readonly CursorValue[];
}

// JSON cannot carry NaN, ±Infinity (they become null) or -0 (it becomes 0): those are tagged objects.
type EncodedValue = number | string | null | { n: 'NaN' | 'Infinity' | '-Infinity' | '-0' };

const MAX_CURSOR_LENGTH = 65_536;
const invalidCursor = () => invalid('after: invalid cursor', 'after');

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ s: cursor.sort, v: cursor.values.map(encodeValue) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Throws `after: invalid cursor` (INVALID_ARGUMENT) for anything encodeCursor did not produce. */
export function decodeCursor(text: string): Cursor {
  // Node's base64url decoder skips characters it does not know; check the alphabet so garbage is refused.
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCursor();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof payload !== 'object' || payload === null) throw invalidCursor();
  const { s, v } = payload as { s?: unknown; v?: unknown };
  if (typeof s !== 'string' || !Array.isArray(v)) throw invalidCursor();
  return { sort: s, values: v.map(decodeValue) };
}

function encodeValue(value: CursorValue): EncodedValue {
  if (typeof value !== 'number' || Number.isFinite(value)) return Object.is(value, -0) ? { n: '-0' } : value;
  if (Number.isNaN(value)) return { n: 'NaN' };
  return { n: value > 0 ? 'Infinity' : '-Infinity' };
}

const SPECIAL_NUMBERS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function decodeValue(value: unknown): CursorValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && Object.keys(value).length === 1) {
    const n = (value as { n?: unknown }).n;
    if (typeof n === 'string' && n in SPECIAL_NUMBERS) return SPECIAL_NUMBERS[n] as number;
  }
  throw invalidCursor();
}

/** A short stable hash (FNV-1a, 32 bits) of the canonical ordering; keeps cursors small. */
export function sortFingerprint(canonicalOrder: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonicalOrder.length; i++) {
    hash ^= canonicalOrder.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------------
// The keyset condition

/** 'int' columns bind as bigint on Postgres, so a cursor must not smuggle a fraction into them. */
export type SortType = 'int' | 'float' | 'string';

export interface SortColumn {
  readonly expr: Expression<unknown>;
  readonly descending: boolean;
  readonly type: SortType;
}

/**
 * Checks a decoded cursor against the current ordering, so a forged value never reaches SQL as the wrong
 * type. `allowNul: false` (Postgres) refuses strings with NUL, which Postgres text cannot hold: such a
 * cursor was not made by this database and would fail the query with a driver error.
 */
function cursorValuesFor(
  columns: readonly SortColumn[],
  sort: string,
  cursor: Cursor,
  options: { allowNul: boolean },
): CursorValue[] {
  if (cursor.sort !== sort || cursor.values.length !== columns.length) throw invalidCursor();
  return columns.map((column, i) => {
    const value = cursor.values[i] as CursorValue;
    if (!fitsType(column.type, value)) throw invalidCursor();
    if (!options.allowNul && typeof value === 'string' && value.includes('\u0000')) throw invalidCursor();
    return value;
  });
}

function fitsType(type: SortType, value: CursorValue): boolean {
  switch (type) {
    case 'int':
      return Number.isSafeInteger(value);
    case 'float':
      // Sort values are never NaN (NaN is a rank, its value is 0), and SQLite would bind NaN as NULL.
      return typeof value === 'number' && !Number.isNaN(value);
    case 'string':
      return typeof value === 'string';
  }
}

/**
 * Rows strictly after `values` in the lexicographic order of `columns`:
 * (c1 > v1) OR (c1 = v1 AND ((c2 > v2) OR (c2 = v2 AND ...))), with < for descending columns.
 * Sort expressions are never NULL (missing values are a rank), so plain comparisons are exact.
 */
function keysetAfter(columns: readonly SortColumn[], values: readonly CursorValue[]): RawBuilder<SqlBool> {
  let condition: RawBuilder<SqlBool> | undefined;
  for (let i = columns.length - 1; i >= 0; i--) {
    const column = columns[i] as SortColumn;
    const value = values[i];
    const after = column.descending ? sql<SqlBool>`${column.expr} < ${value}` : sql<SqlBool>`${column.expr} > ${value}`;
    condition = condition ? sql<SqlBool>`(${after} or (${column.expr} = ${value} and ${condition}))` : after;
  }
  if (!condition) throw new Error('keysetAfter needs at least one sort column');
  return condition;
}

/** The WHERE condition for `after`: rows after the cursor's row in the current ordering. */
export function afterCursor(after: string, columns: readonly SortColumn[], sort: string, dialect: Dialect): RawBuilder<SqlBool> {
  const values = cursorValuesFor(columns, sort, decodeCursor(after), { allowNul: dialect === 'sqlite' });
  return keysetAfter(columns, values);
}
