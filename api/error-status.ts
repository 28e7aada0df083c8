import type { StoreErrorCode } from '../db/errors.js';

/**
 * The one table from the store's error codes to HTTP, for every JSON `{error_code, message}` answer
 * (the MLflow REST API and trackline's artifact routes): the status, and the error code by MLflow's
 * names. Writing to a deleted experiment or run is INVALID_PARAMETER_VALUE in MLflow, never a 5xx (its
 * client would retry it for minutes). GraphQL answers the store's codes themselves (extensions.code).
 */
export const STORE_ERROR_HTTP: Record<StoreErrorCode, { status: number; errorCode: MlflowErrorCode }> = {
  NOT_FOUND: { status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST' },
  INVALID_ARGUMENT: { status: 400, errorCode: 'INVALID_PARAMETER_VALUE' },
  ALREADY_EXISTS: { status: 400, errorCode: 'RESOURCE_ALREADY_EXISTS' },
  FAILED_PRECONDITION: { status: 400, errorCode: 'INVALID_PARAMETER_VALUE' },
  RESYNC_REQUIRED: { status: 400, errorCode: 'INVALID_PARAMETER_VALUE' },
  UNAUTHENTICATED: { status: 401, errorCode: 'UNAUTHENTICATED' },
  PERMISSION_DENIED: { status: 403, errorCode: 'PERMISSION_DENIED' },
  UNAVAILABLE: { status: 503, errorCode: 'TEMPORARILY_UNAVAILABLE' },
};

/** MLflow's error codes that trackline answers with, and the status MLflow gives each (its ERROR_CODE_TO_HTTP_STATUS). */
export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;
