import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, type ServerConfig } from '../../api/config.js';
import { type RunningServer, startServer } from '../../api/server.js';

export interface TestServer extends RunningServer {
  dir: string;
  /** POST a GraphQL operation; returns the parsed JSON body ({ data, errors }). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: any[] }>;
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
  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };
  return Object.assign(Object.create(null), server, {
    dir,
    close: server.close,
    gql,
    async ok(query: string, variables?: Record<string, unknown>) {
      const result = await gql(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
