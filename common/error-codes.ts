/**
 * The error codes of the contract: GraphQL's `extensions.code`, mapped to MLflow REST codes by the
 * server's one table. The store raises them, the SDK and the dashboard branch on them.
 * Dependency-free on purpose: the browser bundle imports this file as it is.
 */
export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'RESYNC_REQUIRED',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  /** the database could not take the request now (another process holds its lock): try again */
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

