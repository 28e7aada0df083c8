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

export const notFound = (message: string, field?: string) => new StoreError('NOT_FOUND', message, field);
export const invalid = (message: string, field?: string) => new StoreError('INVALID_ARGUMENT', message, field);
export const alreadyExists = (message: string, field?: string) => new StoreError('ALREADY_EXISTS', message, field);
export const failedPrecondition = (message: string, field?: string) =>
  new StoreError('FAILED_PRECONDITION', message, field);
