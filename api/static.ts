import type { Route } from './http.js';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DASHBOARD_DIST } from './web-build.js';

/**
 * The built dashboard (dist/web, made by `npm run build:web`, or by `npm start` when missing or stale),
 * served at `/` from the API's own server and port. Vite names every asset by its content hash, so
 * /assets/* is cached for a year; index.html is revalidated on every load so a new build shows at once.
 * Every page of the dashboard gets a strict Content-Security-Policy: scripts and styles only from this
 * origin (no inline script), data only from this origin and its WebSocket.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** `connect-src` names the WebSocket origin too: not every browser counts ws: as 'self'. */
function dashboardPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // artifacts previewed as images; charts exported as PNG data URLs; CSV/ZIP downloads from blobs
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://${host} wss://${host}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * GraphiQL (served by yoga at GET /graphql) is one HTML page with its bundle inlined and a web worker
 * for its editor: it needs inline script and style. It stays confined to this origin all the same.
 */
export function graphiqlPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://${host} wss://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function createStaticRoute(root: string = DASHBOARD_DIST): Route {
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = url.pathname === '/' || url.pathname === '/index.html' ? '/index.html' : url.pathname;
    if (path === '/index.html') return serveIndex(req, res, root);
    // Only what the build writes: the hashed assets and a few top-level files (favicon).
    if (!/^\/(assets\/[\w.-]+|[\w-]+\.(svg|png|ico|txt))$/.test(path)) return false;
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return false;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return false;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': path.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else await pipeline(createReadStream(file), res);
    return true;
  };
}

async function serveIndex(req: IncomingMessage, res: ServerResponse, root: string): Promise<boolean> {
  const html = await readFile(join(root, 'index.html')).catch(() => undefined);
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': dashboardPolicy(req.headers.host ?? ''),
    'referrer-policy': 'same-origin',
  };
  const body =
    html ??
    Buffer.from(
      '<!doctype html><meta charset="utf-8"><title>trackline</title><p>The dashboard is not built yet: run <code>npm run build:web</code> ' +
        '(<code>npm start</code> builds it when it is missing). The API is at <a href="/graphql">/graphql</a>.</p>',
    );
  res.writeHead(html ? 200 : 503, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
