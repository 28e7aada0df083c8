import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http.js';
import { invalidValue, mlflowError } from './errors.js';

/** A request's fields as MLflow reads them: the JSON body, or the query string of a GET. */
export type RawFields = Record<string, unknown>;

/**
 * GET: query parameters; a repeated key gives a list (`run_ids=a&run_ids=b`), and `key[]` / `key[0]`
 * name the same field (older clients and the MLflow UI send those).
 */
export function queryFields(url: URL): RawFields {
  const fields: Record<string, string | string[]> = {};
  for (const [rawKey, value] of url.searchParams) {
    const key = rawKey.replace(/\[\d*\]$/, '');
    const existing = fields[key];
    if (existing === undefined) fields[key] = rawKey === key ? value : [value];
    else fields[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

const JSON_BODY_METHODS = new Set(['POST', 'PATCH', 'PUT']);

/**
 * POST/PATCH bodies must be JSON (MLflow refuses other content types); an empty body is `{}`, and a body
 * that is a JSON string holding JSON is decoded twice, as old clients send it.
 */
export async function bodyFields(req: IncomingMessage, limit: number): Promise<RawFields> {
  const method = req.method ?? 'GET';
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (JSON_BODY_METHODS.has(method) && type !== 'application/json') {
    throw invalidValue("Bad Request. Content-Type must be one of ['application/json'].");
  }
  const body = await readBody(req, limit);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'string') parsed = JSON.parse(parsed);
  } catch (error) {
    throw mlflowError('BAD_REQUEST', `Bad Request. The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidValue('Bad Request. The request body must be a JSON object.');
  }
  return parsed as RawFields;
}

export { BodyTooLargeError };
