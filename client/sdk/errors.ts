import type { ErrorCode } from '../../common/error-codes.js';

/**
 * What went wrong, as the server named it (`extensions.code`, docs/architecture.md section 4), or as the SDK
 * saw it on the wire: NETWORK when the server could not be reached or the connection broke,
 * UNAVAILABLE for a 5xx answer, HTTP_ERROR for any other non-GraphQL answer.
 */
export type TracklineErrorCode =
  | ErrorCode
  | 'INTERNAL'
  | 'NETWORK'
  | 'UNAVAILABLE'
  | 'HTTP_ERROR';

export interface TracklineErrorDetails {
  /** the input the server blamed, when it named one */
  field?: string;
  /** the HTTP status, when an answer arrived */
  status?: number;
  cause?: unknown;
}

/** Every failure the SDK reports: a code, the server's message, and the SDK operation that failed. */
export class TracklineError extends Error {
  override name = 'TracklineError';
  readonly field: string | undefined;
  readonly status: number | undefined;

  constructor(
    readonly code: TracklineErrorCode | (string & {}),
    message: string,
    readonly operation: string,
    details: TracklineErrorDetails = {},
  ) {
    super(`${operation}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.field = details.field;
    this.status = details.status;
  }
}

/** A mistake in the caller's own input, found before anything is sent. */
export const invalidInput = (operation: string, field: string, rule: string) =>
  new TracklineError('INVALID_ARGUMENT', `${field}: ${rule}`, operation, { field });
