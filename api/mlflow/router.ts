import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrackingStore } from '../../db/store/index.js';
import type { ServerDeps } from '../../schema/context.js';
import type { ServerConfig } from '../config.js';
import { sendJson, sendTooLarge } from '../http.js';
import type { Route } from '../server.js';
import { mlflowError, sendMlflowError } from './errors.js';
import { Fields } from './fields.js';
import { BodyTooLargeError, bodyFields, queryFields } from './request.js';

/** What a handler gets: the request's fields, the path's parameters and the server's parts. */
export interface Call {
  fields: Fields;
  params: Record<string, string>;
  store: TrackingStore;
  deps: ServerDeps;
  config: ServerConfig;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

/** A handler returns the JSON answer (undefined: `{}`), or SENT when it wrote the response itself. */
export type Handler = (call: Call) => Promise<unknown>;
export const SENT = Symbol('sent');

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** relative to the prefix; `:name` segments become params */
  path: string;
  handler: Handler;
}

interface CompiledEndpoint extends Endpoint {
  pattern: RegExp;
  names: string[];
}

function compile(endpoint: Endpoint): CompiledEndpoint {
  const names: string[] = [];
  const source = endpoint.path.replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...endpoint, pattern: new RegExp(`^${source}$`), names };
}

/**
 * Serves MLflow endpoints under each prefix (`/api/2.0/mlflow` and the UI's `/ajax-api/2.0/mlflow`).
 * Under a prefix every answer is MLflow's JSON: an unknown path is 404 ENDPOINT_NOT_FOUND, a known path
 * with another method is 405, bad input is 4xx and never 5xx (the client retries 5xx for minutes).
 */
export function mlflowRouter(prefixes: readonly string[], endpoints: readonly Endpoint[], deps: ServerDeps, config: ServerConfig): Route {
  const compiled = endpoints.map(compile);
  return async (req, res, url) => {
    const prefix = prefixes.find((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
    if (prefix === undefined) return false;
    const path = url.pathname.slice(prefix.length);
    try {
      const matching = compiled.filter((e) => e.pattern.test(path));
      const endpoint = matching.find((e) => e.method === req.method);
      if (!endpoint) {
        if (matching.length === 0) throw mlflowError('ENDPOINT_NOT_FOUND', `No API endpoint at ${req.method} ${url.pathname}`);
        const allowed = matching.map((e) => e.method).join(', ');
        sendJson(res, 405, { error_code: 'BAD_REQUEST', message: `${url.pathname} does not accept ${req.method}; use ${allowed}` }, { allow: allowed });
        return true;
      }
      const match = endpoint.pattern.exec(path) as RegExpExecArray;
      const params = Object.fromEntries(endpoint.names.map((name, i) => [name, decodeSegment(match[i + 1] as string)]));
      const fromQuery = req.method === 'GET' || (req.method === 'DELETE' && !req.headers['content-type']);
      const raw = fromQuery ? queryFields(url) : await bodyFields(req, config.maxBodyBytes);
      const call: Call = { fields: new Fields(raw, '', fromQuery), params, store: deps.store, deps, config, req, res, url };
      const result = await endpoint.handler(call);
      if (result !== SENT) sendJson(res, 200, result ?? {});
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendTooLarge(res, error.limit, 'mlflow');
      else sendMlflowError(res, error);
    }
    return true;
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw mlflowError('INVALID_PARAMETER_VALUE', `Invalid path segment ${JSON.stringify(segment)}`);
  }
}
