import type { RouteDeps } from '../deps.js';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../../db/errors.js';
import type { ServerConfig } from '../config.js';
import { sendJson, type Route } from '../http.js';
import { contentDisposition, servedType } from './content-types.js';
import { sendArtifactError } from './http-errors.js';
import { parseRange } from './range.js';
import { type ArtifactTarget, parseArtifactTarget } from './request-target.js';
import type { RunArtifacts, RunFile } from './run-artifacts.js';
import { type ArtifactStat, ArtifactTooLargeError } from './store.js';


/**
 * trackline's own artifact routes, the contract the SDK and the dashboard use:
 *
 *   PUT    /artifacts/<runId>/<path>   raw body = file content, streamed to disk; 200 {path, size}
 *   GET    /artifacts/<runId>/<path>   the file (Range, ETag/If-None-Match/If-Range); HEAD likewise
 *   DELETE /artifacts/<runId>/<path>   a file or a folder; 200 {path}
 *
 * `<path>` is percent-encoded URL text, decoded once (paths.ts has the rules). Errors are JSON
 * `{error_code, message}`: 400 bad path / deleted run / run stored outside trackline, 404 unknown run or
 * file, 413 over --max-upload. Folders are listed through GraphQL (Run.artifacts).
 */
export function createArtifactRoutes(deps: RouteDeps, config: ServerConfig): Route[] {
  const { artifacts } = deps;
  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse, target: ArtifactTarget) => Promise<void>> = {
    GET: (req, res, target) => serveFile(artifacts, req, res, target),
    HEAD: (req, res, target) => serveFile(artifacts, req, res, target),
    PUT: (req, res, target) => receiveFile(artifacts, config.maxUploadBytes, req, res, target),
    DELETE: (_req, res, target) => removeFile(artifacts, res, target),
  };

  const route: Route = async (req, res, url) => {
    try {
      const target = parseArtifactTarget(req.url ?? '/', url.pathname);
      if (!target) return false;
      const handler = handlers[req.method ?? ''];
      if (!handler) {
        const message = `${req.method} is not supported on /artifacts; use ${Object.keys(handlers).join(', ')}`;
        sendJson(res, 405, { error_code: 'INVALID_PARAMETER_VALUE', message }, { allow: Object.keys(handlers).join(', '), connection: 'close' });
        return true;
      }
      await handler(req, res, target);
    } catch (error) {
      sendArtifactError(req, res, error);
    }
    return true;
  };
  return [route];
}

async function receiveFile(artifacts: RunArtifacts, maxBytes: number, req: IncomingMessage, res: ServerResponse, target: ArtifactTarget) {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) throw new ArtifactTooLargeError(maxBytes);
  const { file, stat } = await artifacts.put(target.runId, target.path, req, maxBytes);
  sendJson(res, 200, { path: file.path, size: stat.size }, stat.etag ? { etag: stat.etag } : {});
}

async function removeFile(artifacts: RunArtifacts, res: ServerResponse, target: ArtifactTarget) {
  const file = await artifacts.delete(target.runId, target.path);
  sendJson(res, 200, { path: file.path });
}

/** Tries again when the file is replaced between reading its stat and opening it (an upload landed). */
const OPEN_ATTEMPTS = 3;

async function serveFile(artifacts: RunArtifacts, req: IncomingMessage, res: ServerResponse, target: ArtifactTarget) {
  const file = await artifacts.locate(target.runId, target.path, 'read');
  for (let attempt = 1; ; attempt++) {
    const stat = await artifacts.files.stat(file.key);
    if (!stat || stat.isDir) {
      const what = stat ? 'is a folder (list it with GraphQL Run.artifacts)' : 'does not exist';
      throw notFound(`path: ${JSON.stringify(file.path)} of run ${file.run.id} ${what}`, 'path');
    }
    const headers = fileHeaders(file, stat);
    if (matchesEtag(req.headers['if-none-match'], stat.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    const range = rangeOf(req, stat);
    if (range.kind === 'unsatisfiable') {
      const message = `range: ${req.headers.range} is not satisfiable for a file of ${stat.size} bytes`;
      sendJson(res, 416, { error_code: 'INVALID_PARAMETER_VALUE', message }, { 'content-range': `bytes */${stat.size}` });
      return;
    }
    const partial = range.kind === 'partial' ? { start: range.start, end: range.end } : undefined;
    const length = partial ? partial.end - partial.start + 1 : stat.size;
    const sized = { ...headers, 'content-length': length, ...(partial && { 'content-range': `bytes ${partial.start}-${partial.end}/${stat.size}` }) };
    if (req.method === 'HEAD') {
      res.writeHead(partial ? 206 : 200, sized).end();
      return;
    }
    const opened = await artifacts.files.get(file.key, partial, file.path);
    if (opened.stat.etag !== stat.etag && attempt < OPEN_ATTEMPTS) {
      opened.body.destroy();
      continue;
    }
    res.writeHead(partial ? 206 : 200, { ...sized, etag: opened.stat.etag });
    await pipeline(opened.body, res);
    return;
  }
}

function rangeOf(req: IncomingMessage, stat: ArtifactStat) {
  const ifRange = req.headers['if-range'];
  // If-Range: the range only applies to the version the client already has part of.
  if (ifRange !== undefined && ifRange !== stat.etag) return { kind: 'full' as const };
  return parseRange(req.headers.range, stat.size);
}

function matchesEtag(header: string | undefined, etag: string | undefined): boolean {
  if (header === undefined || etag === undefined) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function fileHeaders(file: RunFile, stat: ArtifactStat): OutgoingHttpHeaders {
  const type = servedType(file.path);
  return {
    'content-type': type.contentType,
    'content-disposition': contentDisposition(file.path, type.inline),
    'x-content-type-options': 'nosniff',
    // Even if a browser rendered a file as a document, it could run nothing and reach nothing.
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    // Requests without Origin pass the server's guard: keep other sites from embedding the files (<img>).
    'cross-origin-resource-policy': 'same-origin',
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'last-modified': new Date(stat.modified).toUTCString(),
    ...(stat.etag && { etag: stat.etag }),
  };
}
