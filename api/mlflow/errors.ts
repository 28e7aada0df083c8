import type { ServerResponse } from 'node:http';
import { RETRY_AFTER_SECONDS, type StoreError, expectedError } from '../../db/errors.js';
import { MLFLOW_ERROR_STATUS, type MlflowErrorCode, STORE_ERROR_HTTP } from '../error-status.js';

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

export const mlflowError = (code: MlflowErrorCode, message: string) => new MlflowError(code, message, MLFLOW_ERROR_STATUS[code]);

export const invalidValue = (message: string) => mlflowError('INVALID_PARAMETER_VALUE', message);

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

function fromStoreError(error: StoreError): MlflowError {
  let message = error.message;
  for (const [pattern, wording] of MLFLOW_WORDING) {
    const match = pattern.exec(message);
    if (match) {
      message = `${wording(...match.slice(1))} (${message})`;
      break;
    }
  }
  return mlflowError(STORE_ERROR_HTTP[error.code].errorCode, message);
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
