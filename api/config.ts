import { parseArgs } from 'node:util';

export interface ServerConfig {
  host: string;
  port: number;
  /** a SQLite file path, ':memory:', or a postgres:// URL */
  db: string;
  artifacts: string;
  allowOrigins: string[];
  allowHosts: string[];
  redisUrl?: string;
  /** GraphQL and MLflow REST JSON bodies */
  maxBodyBytes: number;
  /** artifact uploads */
  maxUploadBytes: number;
  /** `npm run dev`: the Vite dev server's origin, allowed to call the API (TRACKLINE_DEV_ORIGIN) */
  devOrigin?: string;
  /** where the built dashboard is (default dist/web) */
  dashboardDir?: string;
  /** how long a write waits for another process's lock on the SQLite file before answering 503 */
  busyTimeoutMs?: number;
  /** threads that answer reads (0: reads run on the event loop); default from the machine's cores */
  readWorkers?: number;
  /** wall time one read may take before it is stopped (default 30 s) */
  readTimeoutMs?: number;
  /** heap one read worker may use (default 512 MB) */
  readHeapMb?: number;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 5000,
  db: './trackline.db',
  artifacts: './trackline-artifacts',
  maxBodyBytes: 16 * 1024 * 1024,
  maxUploadBytes: 5 * 1024 ** 3,
} as const;

export const SERVER_HELP = `Usage: trackline server [options]

Starts the trackline tracking server: GraphQL (and GraphiQL) at /graphql, live subscriptions over
WebSocket on the same path, the MLflow REST API under /api/2.0/mlflow, artifacts under /artifacts.

Options (environment variable in brackets; flags win):
  --host <addr>          address to bind [HOST] (default ${DEFAULTS.host})
  --port <n>             port to listen on, 0 for any free port [PORT] (default ${DEFAULTS.port})
  --db <path|url>        SQLite file, or postgres://user@host/db [TRACKLINE_DB] (default ${DEFAULTS.db})
  --artifacts <dir>      artifact root folder [TRACKLINE_ARTIFACTS] (default ${DEFAULTS.artifacts})
  --allow-origin <url>   also accept browser requests from this origin; repeatable [TRACKLINE_ALLOW_ORIGINS, comma-separated]
  --allow-host <name>    also accept this Host header, e.g. a proxy's name; repeatable [TRACKLINE_ALLOW_HOSTS]
  --max-upload <bytes>   largest artifact upload (default 5 GiB) [TRACKLINE_MAX_UPLOAD]
  --redis <url>          publish live events through Redis, for several servers on one Postgres [REDIS_URL]
  --read-workers <n>     threads that answer reads (GraphQL queries, MLflow searches and gets); 0 runs
                         them on the event loop (default: the machine's cores, 2 to 4) [TRACKLINE_READ_WORKERS]
  --read-timeout <ms>    longest a read may run before it is stopped with an error (default 30000)
                         [TRACKLINE_READ_TIMEOUT]
  --busy-timeout <ms>    how long a write waits while another process (a CLI command) holds the SQLite
                         file's write lock, before it answers 503 (default 5000) [TRACKLINE_BUSY_TIMEOUT]
  -h, --help             show this help
`;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Flags override environment variables, which override the defaults. Throws with a usable message. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      artifacts: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
      'max-upload': { type: 'string' },
      redis: { type: 'string' },
      'busy-timeout': { type: 'string' },
      'read-workers': { type: 'string' },
      'read-timeout': { type: 'string' },
    },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? String(DEFAULTS.port);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port: expected a port number 0-65535, got ${JSON.stringify(portText)}`);
  const uploadText = values['max-upload'] ?? env.TRACKLINE_MAX_UPLOAD;
  const maxUploadBytes = uploadText === undefined ? DEFAULTS.maxUploadBytes : Number(uploadText);
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes <= 0) {
    throw new Error(`--max-upload: expected a positive number of bytes, got ${JSON.stringify(uploadText)}`);
  }
  const busyTimeoutMs = count('busy-timeout', values['busy-timeout'] ?? env.TRACKLINE_BUSY_TIMEOUT, 'milliseconds');
  const readWorkers = count('read-workers', values['read-workers'] ?? env.TRACKLINE_READ_WORKERS, 'threads');
  const readTimeoutMs = count('read-timeout', values['read-timeout'] ?? env.TRACKLINE_READ_TIMEOUT, 'milliseconds');
  return {
    host: values.host ?? env.HOST ?? DEFAULTS.host,
    port,
    db: values.db ?? env.TRACKLINE_DB ?? DEFAULTS.db,
    artifacts: values.artifacts ?? env.TRACKLINE_ARTIFACTS ?? DEFAULTS.artifacts,
    allowOrigins: [...list(env.TRACKLINE_ALLOW_ORIGINS), ...(values['allow-origin'] ?? [])],
    allowHosts: [...list(env.TRACKLINE_ALLOW_HOSTS), ...(values['allow-host'] ?? [])],
    redisUrl: values.redis ?? env.REDIS_URL ?? undefined,
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    maxUploadBytes,
    devOrigin: env.TRACKLINE_DEV_ORIGIN || undefined,
    busyTimeoutMs,
    readWorkers,
    readTimeoutMs,
  };
}

/** An optional non-negative integer option; the message names the flag. */
function count(flag: string, text: string | undefined, unit: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new Error(`--${flag}: expected a number of ${unit}, got ${JSON.stringify(text)}`);
  return value;
}
