import { invalidInput } from './errors.js';

/**
 * Checks the SDK makes before buffering a point. A logBatch is one transaction on the server, so a
 * single bad key would sink the other 999 points of its batch; refusing it at the call keeps the
 * error next to the line that caused it. The rules are the server's (MLflow's key rules).
 */
const KEY_MAX = 250;
const KEY_CHARS = /^[/\p{L}\p{N}\p{M}\p{Pc}.\- :]*$/u;

export function checkKey(key: unknown, operation: string, field = 'key'): string {
  if (typeof key !== 'string' || key === '') throw invalidInput(operation, field, 'a non-empty string is required');
  if (key.length > KEY_MAX) throw invalidInput(operation, field, `must be at most ${KEY_MAX} characters, got ${key.length}`);
  if (!KEY_CHARS.test(key)) {
    throw invalidInput(
      operation,
      field,
      `invalid key ${JSON.stringify(key)}: only letters, digits, underscores, dashes, periods, spaces, colons and slashes are allowed`,
    );
  }
  if (key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw invalidInput(operation, field, `invalid key ${JSON.stringify(key)}: no empty, '.' or '..' path segments`);
  }
  return key;
}

export function checkNumber(value: unknown, operation: string, field: string): number {
  if (typeof value !== 'number') throw invalidInput(operation, field, `a number is required, got ${typeof value}`);
  return value;
}

/** Steps and times are int64 on the wire, carried as JS numbers: integral and within ±(2^53-1). */
export function checkLong(value: unknown, operation: string, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidInput(operation, field, `an integer between -(2^53-1) and 2^53-1 is required, got ${String(value)}`);
  }
  return value;
}

export function checkString(value: unknown, operation: string, field: string): string {
  if (typeof value !== 'string') throw invalidInput(operation, field, `a string is required, got ${typeof value}`);
  return value;
}
