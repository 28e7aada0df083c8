import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, type ServerConfig } from '../../api/config.js';
import { type RunningServer, startServer } from '../../api/server.js';
import { type GraphqlResponse, ok, postGraphql } from './graphql.js';

export interface TestServer extends RunningServer {
  dir: string;
  /** POST a GraphQL operation; returns the parsed JSON body ({ data, errors }). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResponse<T>>;
  /** Like gql, but throws on errors and returns data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A real trackline server on a free port, with a temp SQLite file and artifact folder. Its reads run
 * on one read worker (production has two or more): the same path, at half the start-up cost.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'trackline-test-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    db: join(dir, 'trackline.db'),
    artifacts: join(dir, 'artifacts'),
    allowOrigins: [],
    allowHosts: [],
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    maxUploadBytes: DEFAULTS.maxUploadBytes,
    readWorkers: 1,
    ...overrides,
  });
  return Object.assign(Object.create(null), server, {
    dir,
    close: server.close,
    gql: (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => postGraphql(server.url, query, variables, headers),
    ok: (query: string, variables?: Record<string, unknown>) => ok(server.url, query, variables),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
