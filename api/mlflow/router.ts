import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrackingStore } from '../../db/store/index.js';
import type { ServerConfig } from '../config.js';
import { sendTooLarge, type Route } from '../http.js';
import type { MlflowReadTask, ReadPool } from '../reads/pool.js';
import { type Answer, errorAnswer, jsonAnswer, mlflowError, sendAnswer } from './errors.js';
import { Fields } from './fields.js';
import { BodyTooLargeError, bodyFields, queryFields } from './request.js';

/** What a handler gets: the request's fields, the path's parameters and the store. */
export interface Call {
  fields: Fields;
  params: Record<string, string>;
  store: TrackingStore;
}

/** A handler returns the JSON answer (undefined: `{}`). */
export type Handler = (call: Call) => Promise<unknown>;

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** relative to the prefix; `:name` segments become params */
  path: string;
  handler: Handler;
  /** Only reads: answered on a read worker (api/reads), so a long read never holds the event loop. */
  read?: boolean;
}

type Match = { endpoint: Endpoint; params: Record<string, string> } | { allowed: string[] } | undefined;

/** The endpoints under one prefix, matched by path and method. */
export class EndpointTable {
  private readonly compiled: Array<Endpoint & { pattern: RegExp; names: string[] }>;

  constructor(endpoints: readonly Endpoint[]) {
    this.compiled = endpoints.map((endpoint) => {
      const names: string[] = [];
      const source = endpoint.path.replace(/:(\w+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...endpoint, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** The endpoint and its path parameters; `{allowed}` when only another method matches; undefined when none. */
  match(method: string, path: string): Match {
    const matching = this.compiled.filter((e) => e.pattern.test(path));
    const endpoint = matching.find((e) => e.method === method);
    if (!endpoint) return matching.length ? { allowed: matching.map((e) => e.method) } : undefined;
    const match = endpoint.pattern.exec(path) as RegExpExecArray;
    return { endpoint, params: Object.fromEntries(endpoint.names.map((name, i) => [name, decodeSegment(match[i + 1] as string)])) };
  }
}

/** Runs a handler and turns its result or failure into MLflow's JSON answer. */
async function answerCall(endpoint: Endpoint, call: Call): Promise<Answer & { body: string }> {
  try {
    return jsonAnswer(200, (await endpoint.handler(call)) ?? {});
  } catch (error) {
    return errorAnswer(error);
  }
}

/** A read worker's side of a read request (api/reads/worker.ts): the same tables, the worker's store. */
export async function answerRead(tables: ReadonlyMap<string, EndpointTable>, store: TrackingStore, task: MlflowReadTask): Promise<Answer & { body: string }> {
  try {
    const match = tables.get(task.prefix)?.match(task.method, task.path);
    if (!match || !('endpoint' in match)) throw mlflowError('ENDPOINT_NOT_FOUND', `No API endpoint at ${task.method} ${task.prefix}${task.path}`);
    return await answerCall(match.endpoint, { fields: new Fields(task.fields, '', task.fromQuery), params: match.params, store });
  } catch (error) {
    return errorAnswer(error);
  }
}

/**
 * Serves MLflow endpoints under each prefix (`/api/2.0/mlflow` and the UI's `/ajax-api/2.0/mlflow`).
 * Under a prefix every answer is MLflow's JSON: an unknown path is 404 ENDPOINT_NOT_FOUND, a known path
 * with another method is 405, bad input is 4xx and never 5xx (the client retries 5xx for minutes).
 * Read endpoints go to the read workers when the server has them.
 */
export function mlflowRouter(prefix: string, table: EndpointTable, store: TrackingStore, config: ServerConfig, reads?: ReadPool): Route {
  return async (req, res, url) => {
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    const path = url.pathname.slice(prefix.length);
    try {
      const match = table.match(req.method ?? 'GET', path);
      if (!match) throw mlflowError('ENDPOINT_NOT_FOUND', `No API endpoint at ${req.method} ${url.pathname}`);
      if (!('endpoint' in match)) {
        const allowed = match.allowed.join(', ');
        sendAnswer(res, jsonAnswer(405, { error_code: 'BAD_REQUEST', message: `${url.pathname} does not accept ${req.method}; use ${allowed}` }, { allow: allowed }));
        return true;
      }
      const { endpoint, params } = match;
      const fromQuery = req.method === 'GET' || (req.method === 'DELETE' && !req.headers['content-type']);
      const fields = fromQuery ? queryFields(url) : await bodyFields(req as IncomingMessage, config.maxBodyBytes);
      const answer =
        endpoint.read && reads
          ? await reads.mlflow({ prefix, method: endpoint.method, path, fields, fromQuery, params })
          : await answerCall(endpoint, { fields: new Fields(fields, '', fromQuery), params, store });
      sendAnswer(res, answer);
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendTooLarge(res as ServerResponse, error.limit, 'mlflow');
      else sendAnswer(res, errorAnswer(error));
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
