import type { RouteDeps } from '../deps.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../../db/errors.js';
import type { TrackingStore } from '../../db/store/index.js';
import { contentDisposition, servedType } from '../artifacts/content-types.js';
import { baseName } from '../artifacts/paths.js';
import { type ArtifactStore, ArtifactTooLargeError } from '../artifacts/store.js';
import type { ServerConfig } from '../config.js';
import { sendJson, type Route } from '../http.js';
import { invalidPath, keyFromUrl, ownerOf, writableOwner } from './artifact-owners.js';
import { mlflowError, sendMlflowError } from './errors.js';

/**
 * MLflow's artifact proxy (docs/mlflow-compat.md section 3, artifact proxy) under /api/2.0/mlflow-artifacts (and /ajax-api/...):
 *
 *   GET    artifacts?path=<dir>   {files:[{path: basename, is_dir, file_size?}]}; `{}` for a file or a missing path
 *   GET    artifacts/<key>        the file, as an attachment
 *   PUT    artifacts/<key>        raw body = file content; `{}`
 *   DELETE artifacts/<key>        a file or folder; `{}`
 *   POST   mpu/{create,complete,abort}/<key>   501: the client falls back to a plain PUT
 *
 * Keys are read from the raw request target (the parsed URL has already resolved dot segments).
 */

const PREFIXES = ['/api/2.0/mlflow-artifacts', '/ajax-api/2.0/mlflow-artifacts'];
const MPU_MESSAGE =
  'Multipart upload is not supported for the current artifact repository: trackline stores artifacts on its local disk; upload with a single PUT.';

export function createArtifactProxyRoute(deps: RouteDeps, config: ServerConfig): Route {
  return async (req, res, url) => {
    const prefix = PREFIXES.find((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
    if (prefix === undefined) return false;
    try {
      const raw = rawPath(req.url ?? '/');
      if (!raw.startsWith(`${prefix}/`) || raw.split('/').some((s) => s === '.' || s === '..')) {
        throw invalidPath('the request path must be written without dot segments');
      }
      await dispatch(req, res, url, raw.slice(prefix.length + 1), { store: deps.store, files: deps.artifacts.files, config });
    } catch (error) {
      if (error instanceof ArtifactTooLargeError) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, { error_code: 'INVALID_PARAMETER_VALUE', message: error.message });
      } else sendMlflowError(res, error);
    }
    return true;
  };
}

interface ProxyDeps {
  store: TrackingStore;
  files: ArtifactStore;
  config: ServerConfig;
}

async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL, rest: string, deps: ProxyDeps) {
  const method = req.method ?? 'GET';
  if (rest === 'artifacts' && method === 'GET') return list(res, url, deps);
  if (rest.startsWith('artifacts/')) {
    const key = keyFromUrl(rest.slice('artifacts/'.length), false);
    if (method === 'GET') return download(res, key, deps);
    if (method === 'PUT') return upload(req, res, key, deps);
    if (method === 'DELETE') return remove(res, key, deps);
    sendJson(res, 405, { error_code: 'BAD_REQUEST', message: `${method} is not supported on artifacts; use GET, PUT or DELETE` }, { allow: 'GET, PUT, DELETE' });
    return;
  }
  if (/^mpu\/(create|complete|abort)\//.test(rest) && method === 'POST') throw mlflowError('NOT_IMPLEMENTED', MPU_MESSAGE);
  throw mlflowError('ENDPOINT_NOT_FOUND', `No API endpoint at ${method} ${url.pathname}`);
}

/** The path of the request target as the client wrote it (no query, no authority). */
function rawPath(target: string): string {
  const path = target.replace(/^https?:\/\/[^/?#]*/i, '');
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

async function list(res: ServerResponse, url: URL, { store, files }: ProxyDeps) {
  const key = keyFromUrl(url.searchParams.get('path') ?? '', true);
  // A missing folder, a file, or a folder no run or model owns all list as `{}` (the client probes with it).
  if (!(await ownerOf(store, key, 'read'))) return sendJson(res, 200, {});
  const children = await files.list(key);
  if (children.length === 0) return sendJson(res, 200, {});
  sendJson(res, 200, {
    files: children.map((c) => ({ path: baseName(c.key), is_dir: c.isDir, ...(!c.isDir && { file_size: c.size }) })),
  });
}

async function download(res: ServerResponse, key: string, { store, files }: ProxyDeps) {
  const owned = await ownerOf(store, key, 'read');
  const stat = owned && (await files.stat(key));
  if (!stat || stat.isDir) throw notFound(`path: no artifact file at ${JSON.stringify(key)}`, 'path');
  const opened = await files.get(key);
  const type = servedType(key);
  res.writeHead(200, {
    'content-type': type.contentType,
    'content-length': opened.stat.size,
    'content-disposition': contentDisposition(key, false),
    'x-content-type-options': 'nosniff',
  });
  await pipeline(opened.body, res);
}

async function upload(req: IncomingMessage, res: ServerResponse, key: string, { store, files, config }: ProxyDeps) {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > config.maxUploadBytes) throw new ArtifactTooLargeError(config.maxUploadBytes);
  const owned = await writableOwner(store, key);
  await files.put(key, req, { maxBytes: config.maxUploadBytes });
  if (owned.runId) await store.runs.notifyArtifactsChanged(owned.runId);
  sendJson(res, 200, {});
}

async function remove(res: ServerResponse, key: string, { store, files }: ProxyDeps) {
  const owned = await writableOwner(store, key);
  if (!(await files.delete(key))) throw notFound(`path: no artifact at ${JSON.stringify(key)}`, 'path');
  if (owned.runId) await store.runs.notifyArtifactsChanged(owned.runId);
  sendJson(res, 200, {});
}
