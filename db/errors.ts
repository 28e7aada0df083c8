import type { ErrorCode } from '../common/error-codes.js';

/** The store's error codes (the contract's, common/error-codes.ts); both APIs map them through one table. */
export type StoreErrorCode = ErrorCode;

/** An expected failure: the request was wrong, nothing was written. `field` names the offending input. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A request over one of the limits on what a request may cost (rows, sizes): INVALID_ARGUMENT. */
export class LimitError extends StoreError {
  override name = 'LimitError';
  constructor(message: string, field?: string) {
    super('INVALID_ARGUMENT', message, field);
  }
}

export const overLimit = (message: string, field?: string) => new LimitError(message, field);
export const notFound = (message: string, field?: string) => new StoreError('NOT_FOUND', message, field);
export const invalid = (message: string, field?: string) => new StoreError('INVALID_ARGUMENT', message, field);
export const alreadyExists = (message: string, field?: string) => new StoreError('ALREADY_EXISTS', message, field);
export const failedPrecondition = (message: string, field?: string) =>
  new StoreError('FAILED_PRECONDITION', message, field);
export const unavailable = (message: string) => new StoreError('UNAVAILABLE', message);

/** Seconds a client is told to wait before it retries an UNAVAILABLE answer (HTTP Retry-After). */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The store's expected failures, and the database's "locked" answers (SQLite's busy codes, which a
 * statement outside the write path can still meet) as UNAVAILABLE; anything else is not the caller's.
 */
export function expectedError(error: unknown): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return unavailable('the database is busy (locked by another process); try again');
  }
  return undefined;
}
