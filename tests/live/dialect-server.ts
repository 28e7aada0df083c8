import { join } from 'node:path';
import type { ServerConfig } from '../../api/config.js';
import { type Dialect, createPgSchema } from '../helpers/db.js';
import { type TestServer, startTestServer } from '../helpers/server.js';

export interface DialectServer {
  server: TestServer;
  /** what `connect()` opens to reach the same database (a second store, as another server would) */
  dbUrl: string;
  drop(): Promise<void>;
}

/** A real server on SQLite (a temp file) or on a fresh schema of the test Postgres. */
export async function startServerOn(dialect: Dialect, overrides: Partial<ServerConfig> = {}): Promise<DialectServer> {
  if (dialect === 'sqlite') {
    const server = await startTestServer(overrides);
    return { server, dbUrl: join(server.dir, 'trackline.db'), drop: () => server.stop() };
  }
  const schema = await createPgSchema('live');
  const server = await startTestServer({ ...overrides, db: schema.url });
  return {
    server,
    dbUrl: schema.url,
    drop: async () => {
      await server.stop();
      await schema.drop();
    },
  };
}
