import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, isPostgresUrl } from '../db/connect.js';
import { acquireServerLock } from '../db/server-lock.js';
import { TrackingStore } from '../db/store/index.js';
import { InProcessBus, type LiveBus } from '../schema/live/bus.js';
import { RedisBus } from './live/redis-bus.js';
import type { ServerDeps } from '../schema/context.js';
import type { ServerConfig } from './config.js';
import { createArtifactRoutes } from './artifacts/routes.js';
import { createZipRoute } from './artifacts/zip-route.js';
import { openRunArtifacts } from './artifacts/run-artifacts.js';
import { createGraphqlHandler } from './graphql.js';
import { ReadPool } from './reads/pool.js';
import { RequestGuard } from './guard.js';
import { BodyTooLargeError, readBody, sendJson, sendText, sendTooLarge, type Route } from './http.js';
import { createMlflowRoutes } from './mlflow/routes.js';
import { createStaticRoute, graphiqlPolicy } from './static.js';
import { createWebSocketServer } from './websocket.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: TrackingStore;
  readonly bus: LiveBus;
  readonly guard: RequestGuard;
  /** Stops accepting, finishes in-flight requests and writes, closes sockets and the database. */
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

/** How long a shutdown waits for in-flight requests before it cuts the remaining connections. */
const SHUTDOWN_GRACE_MS = 15_000;

const delay = (ms: number) => new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref());

/** Routes whose data a foreign web page must not read or change: they get the Origin check. */
const PROTECTED = /^\/(graphql|api\/|ajax-api\/|artifacts(-zip)?(\/|$)|get-artifact)/;

/** Loading GraphiQL's page executes nothing (yoga renders it for any GET that accepts HTML). */
const isDataRoute = (req: IncomingMessage, url: URL) =>
  PROTECTED.test(url.pathname) && !(url.pathname === '/graphql' && req.method === 'GET' && accepts(req, 'text/html'));

const accepts = (req: IncomingMessage, type: string) => (req.headers.accept ?? '').toLowerCase().includes(type);
const mediaType = (header: string | undefined) => header?.split(';')[0]?.trim().toLowerCase() || undefined;

function sendGraphqlError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'INVALID_ARGUMENT' } }] });
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // One server per SQLite file (a second one is refused here, naming the file).
  const lock = isPostgresUrl(config.db) || config.db === ':memory:' ? undefined : acquireServerLock(config.db);
  try {
    return await startOn(config, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function startOn(config: ServerConfig, lock: { release(): void } | undefined): Promise<RunningServer> {
  const store = await new TrackingStore(connect(config.db, { busyTimeoutMs: config.busyTimeoutMs })).init();
  const bus: LiveBus = config.redisUrl ? await RedisBus.connect(config.redisUrl) : new InProcessBus();
  store.onChange((event) => bus.publish(event));
  const artifacts = await openRunArtifacts(config.artifacts, store);
  const deps: ServerDeps = { store, bus, artifacts };
  // Reads on worker threads, each with a connection of its own: not for an in-memory database (tests).
  const reads = config.db === ':memory:' || config.readWorkers === 0 ? undefined : await ReadPool.start({ ...config, threads: config.readWorkers });
  const yoga = createGraphqlHandler(deps, reads);
  const ws = createWebSocketServer(yoga, config.maxBodyBytes);
  const guard = new RequestGuard({ bindHost: config.host, allowHosts: config.allowHosts, allowOrigins: config.allowOrigins });
  // `npm run dev` only: the Vite dev server's pages call the API from their own origin.
  if (config.devOrigin) guard.allowOrigin(config.devOrigin);
  const routes: Route[] = [
    ...createArtifactRoutes({ store, artifacts }, config),
    createZipRoute(artifacts),
    ...createMlflowRoutes({ store, artifacts }, config, reads),
    createStaticRoute(config.dashboardDir),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const malformed = guard.normalize(req);
    if (malformed) return sendJson(res, malformed.status, { error_code: 'BAD_REQUEST', message: malformed.message });
    const url = new URL(req.url as string, 'http://trackline.invalid');
    if (url.pathname === '/health') return sendText(res, 200, 'OK');
    const refused = guard.check(req, isDataRoute(req, url));
    if (refused) return sendJson(res, refused.status, { error_code: 'PERMISSION_DENIED', message: refused.message });
    if (url.pathname === '/graphql') return serveGraphql(req, res);
    for (const route of routes) if (await route(req, res, url)) return;
    sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` });
  };

  const serveGraphql = async (req: IncomingMessage, res: ServerResponse) => {
    // yoga would also stream results as server-sent events or multipart responses when the client
    // accepts them (urql's fetch does): answers here are plain JSON, subscriptions go over graphql-ws.
    if (req.headers.accept !== undefined) {
      const accepted = req.headers.accept.split(',').filter((type) => !/^\s*(text\/event-stream|multipart\/mixed)\b/i.test(type));
      if (accepted.length === 0) {
        return sendGraphqlError(res, 406, 'answers are JSON (application/json); subscriptions are served over WebSocket (graphql-ws) at /graphql');
      }
      req.headers.accept = accepted.join(',');
    }
    let response: Response;
    if (req.method === 'POST') {
      // Only a JSON body: a form or text/plain body is what a foreign page can send without CORS.
      const type = mediaType(req.headers['content-type']);
      if (type !== 'application/json') {
        return sendGraphqlError(res, 415, `POST /graphql takes an application/json body, got ${type ? JSON.stringify(type) : 'none'}`);
      }
      // Read under the limit (declared or chunked), then hand yoga a request with that body.
      const body = await readBody(req, config.maxBodyBytes);
      const headers = new yoga.fetchAPI.Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new yoga.fetchAPI.Request(`http://${req.headers.host}${req.url}`, { method: 'POST', headers, body: new Uint8Array(body) });
      response = await yoga.fetch(request, { req });
    } else {
      // Not yoga.requestListener: its adapter answers its own failures with a stack trace in the body.
      response = await yoga.handleNodeRequestAndResponse(req, res, { req });
    }
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string | number> = { ...Object.fromEntries(response.headers), 'content-length': body.length };
    // GraphiQL's page needs inline script and style: a policy of its own, not the dashboard's.
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      headers['content-security-policy'] = graphiqlPolicy(req.headers.host ?? '');
      headers['x-content-type-options'] = 'nosniff';
    }
    res.writeHead(response.status, headers);
    res.end(body);
  };

  let closing: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();
  const answering = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    // Once stopping, every answer closes its connection, so no client sends another request into a reset.
    if (closing) res.setHeader('connection', 'close');
    answering.add(res);
    res.once('close', () => answering.delete(res));
    const done = handle(req, res)
      .catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return sendTooLarge(res, error.limit, 'graphql');
        // Never crash on a request: answer 500 if nothing was sent yet.
        console.error('trackline: request failed', error);
        if (!res.headersSent) sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: 'internal error' });
        else res.destroy();
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, code: string, message: string) => {
      const body = JSON.stringify({ error_code: code, message });
      const reason = status === 400 ? 'Bad Request' : 'Forbidden';
      socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    };
    const malformed = guard.normalize(req);
    if (malformed) return refuse(malformed.status, 'BAD_REQUEST', malformed.message);
    const url = new URL(req.url as string, 'http://trackline.invalid');
    if (url.pathname !== '/graphql') return refuse(403, 'PERMISSION_DENIED', `no WebSocket endpoint at ${url.pathname}`);
    const refused = guard.check(req, true);
    if (refused) return refuse(refused.status, 'PERMISSION_DENIED', refused.message);
    ws.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });

  try {
    await listen(server, config);
  } catch (error) {
    // Not serving after all (the port is taken): give back what was opened, so the process can exit.
    await ws.close();
    await reads?.close();
    await store.close();
    await bus.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of answering) if (!res.headersSent) res.setHeader('connection', 'close');
      await ws.close();
      // Requests keep arriving on busy keep-alive connections until their answer says close: wait for all.
      // Finish what is in flight, but a stalled upload must not hold the shutdown forever.
      const deadline = delay(SHUTDOWN_GRACE_MS);
      while (inFlight.size) {
        if ((await Promise.race([Promise.allSettled([...inFlight]).then(() => 'done'), deadline])) === 'late') break;
      }
      server.closeAllConnections();
      await stopped;
      await reads?.close();
      await store.close();
      await bus.close();
      lock?.release();
    })());

  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`,
    port,
    store,
    bus,
    guard,
    close,
  };
}

function listen(server: Server, config: ServerConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(`port ${config.port} on ${config.host} is already in use; choose another with --port (or PORT)`));
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
