import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { ServerConfig } from '../../api/config.js';
import { type Dialect, PG_URL } from '../helpers/db.js';
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
  const schema = `live_${randomBytes(6).toString('hex')}`;
  await onAdmin(`CREATE SCHEMA ${schema}`);
  const url = new URL(PG_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const server = await startTestServer({ ...overrides, db: url.toString() });
  return {
    server,
    dbUrl: url.toString(),
    drop: async () => {
      await server.stop();
      await onAdmin(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

async function onAdmin(sql: string) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
