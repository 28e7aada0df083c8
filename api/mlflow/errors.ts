import type { ServerResponse } from 'node:http';
import { RETRY_AFTER_SECONDS, type StoreError, type StoreErrorCode, expectedError } from '../../db/errors.js';

/** MLflow's error shape: {error_code, message}, with the HTTP status MLflow gives that code. */
export class MlflowError extends Error {
  override name = 'MlflowError';
  constructor(
    readonly errorCode: string,
    message: string,
    readonly status: number,
    /** why, when MLflow's message is fixed text (its "Invalid path") */
    readonly reason?: string,
  ) {
    super(message);
  }
}

// mlflow-reference.md 3.1 (ERROR_CODE_TO_HTTP_STATUS), for the codes trackline answers with.
const STATUS: Record<string, number> = {
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
};

export const mlflowError = (code: keyof typeof STATUS, message: string) => new MlflowError(code, message, STATUS[code] as number);

export const invalidValue = (message: string) => mlflowError('INVALID_PARAMETER_VALUE', message);

// design.md section 4: one table maps the store's codes across both APIs. Writing to a deleted
// experiment or run is INVALID_PARAMETER_VALUE in MLflow, never a 5xx (the client would retry it).
const FROM_STORE: Record<StoreErrorCode, keyof typeof STATUS> = {
  NOT_FOUND: 'RESOURCE_DOES_NOT_EXIST',
  INVALID_ARGUMENT: 'INVALID_PARAMETER_VALUE',
  ALREADY_EXISTS: 'RESOURCE_ALREADY_EXISTS',
  FAILED_PRECONDITION: 'INVALID_PARAMETER_VALUE',
  RESYNC_REQUIRED: 'INVALID_PARAMETER_VALUE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  UNAVAILABLE: 'TEMPORARILY_UNAVAILABLE',
};

// The store's wording names the field; where MLflow's clients and docs know a sentence, use MLflow's.
const MLFLOW_WORDING: [RegExp, (...groups: string[]) => string][] = [
  [/no run with id=(\S+) exists/, (id) => `Run with id=${id} not found`],
  [/no experiment with id=(\S+) exists/, (id) => `No Experiment with id=${id} exists`],
  [/the run (\S+) must be in the 'active' state/, (id) => `The run ${id} must be in the 'active' state. Current state is deleted.`],
  [/the experiment (\S+) must be in the 'active' state/, (id) => `The experiment ${id} must be in the 'active' state. Current state is deleted.`],
  [/an experiment named (".*") already exists/, (name) => `Experiment(name=${JSON.parse(name)}) already exists.`],
  [/^after: invalid cursor/, () => 'Invalid page token'],
  [/changing param values is not allowed/, () => 'Changing param values is not allowed.'],
  [/duplicate param keys in one request: (.*); send/, (keys) => `Duplicate parameter keys have been submitted: [${keys}].`],
];

export function fromStoreError(error: StoreError): MlflowError {
  let message = error.message;
  for (const [pattern, wording] of MLFLOW_WORDING) {
    const match = pattern.exec(message);
    if (match) {
      message = `${wording(...match.slice(1))} (${message})`;
      break;
    }
  }
  return mlflowError(FROM_STORE[error.code], message);
}

/** An HTTP answer as a value: what a read worker sends back, and what the router writes. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Answer & { body: string } {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

/** Any failure as MLflow's JSON error; unexpected ones are logged and answered 500 INTERNAL_ERROR. */
export function errorAnswer(error: unknown): Answer & { body: string } {
  const expected = error instanceof MlflowError ? undefined : expectedError(error);
  const mapped = error instanceof MlflowError ? error : expected ? fromStoreError(expected) : undefined;
  if (!mapped) console.error('trackline: MLflow request failed', error);
  const answer = mapped ?? mlflowError('INTERNAL_ERROR', 'internal error');
  const retry: Record<string, string> = answer.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
  return jsonAnswer(answer.status, { error_code: answer.errorCode, message: answer.message, ...(answer.reason && { reason: answer.reason }) }, retry);
}

export function sendAnswer(res: ServerResponse, answer: Answer): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

export function sendMlflowError(res: ServerResponse, error: unknown): void {
  sendAnswer(res, errorAnswer(error));
}
