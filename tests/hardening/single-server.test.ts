import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connect.js';
import { DatabaseInUseError } from '../../db/server-lock.js';
import { TrackingStore } from '../../db/store/index.js';
import { connect as connectSdk } from '../../client/sdk/index.js';
import { Mlflow } from '../api/mlflow-support.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { ChildServer, runCli } from '../live/child-server.js';

// One server per SQLite file, refused at start with the file's name; a lock the OS drops when the
// process dies; other writers of the file (CLI commands) beside it; a write that meets their lock
// waits without blocking the event loop and, past --busy-timeout, answers 503 and writes nothing.

describe('a second server on the same SQLite file', () => {
  it('is refused at start with a message naming the file, in-process and from the CLI; after the first stops it starts', async () => {
    const first = await startTestServer();
    const db = join(first.dir, 'trackline.db');
    try {
      await expect(startTestServer({ db })).rejects.toBeInstanceOf(DatabaseInUseError);
      await expect(startTestServer({ db })).rejects.toThrow(db);
      const cli = await runCli(['server', '--port', '0', '--db', db, '--artifacts', join(first.dir, 'artifacts')]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`another trackline server is already serving ${db}`);
      expect(cli.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await first.close();
    }
    const second = await startTestServer({ db });
    await second.close();
    rmSync(first.dir, { recursive: true, force: true });
  });

  it('a restart right after kill -9 finds the lock free and the data there', async () => {
    const server = await ChildServer.start();
    const dir = mkdtempSync(join(tmpdir(), 'trackline-restart-'));
    try {
      await new Mlflow(server.url).ok('/experiments/create', { name: 'before-kill' });
      server.child.kill('SIGKILL');
      await server.stop('SIGKILL');
      const again = await startTestServer({ db: server.dbPath, artifacts: join(dir, 'a') });
      try {
        expect((await again.ok(`{ experiment(name: "before-kill") { name } }`)).experiment.name).toBe('before-kill');
      } finally {
        await again.close();
      }
    } finally {
      await server.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('other writers of the file beside the server', () => {
  let server: TestServer;
  let runId: string;
  beforeAll(async () => {
    server = await startTestServer({ busyTimeoutMs: 300 });
    runId = (await server.store.runs.create({ experimentId: '0', name: 'busy' })).id;
  });
  afterAll(() => server.stop());

  const dbPath = () => join(server.dir, 'trackline.db');

  it('a CLI-like process writes the same file while the server runs, and the server sees it', async () => {
    const tool = await new TrackingStore(connect(dbPath())).init();
    try {
      await tool.experiments.create({ name: 'from-a-tool' });
    } finally {
      await tool.close();
    }
    expect((await server.ok(`{ experiment(name: "from-a-tool") { name } }`)).experiment.name).toBe('from-a-tool');
  });

  /** Holds the file's write lock, as a long CLI command would, until release() is called. */
  function holdWriteLock() {
    const other = new SQLite(dbPath());
    other.exec('BEGIN IMMEDIATE');
    return () => {
      other.exec('ROLLBACK');
      other.close();
    };
  }

  it('a write that cannot get the lock in time answers 503 with Retry-After on both APIs, writes nothing, and the server stays responsive', async () => {
    const release = holdWriteLock();
    try {
      const [graphql, rest, health] = await Promise.all([
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `mutation { setTag(runId: "${runId}", key: "locked", value: "1") { id } }` }),
        }),
        new Mlflow(server.url).post('/runs/set-tag', { run_id: runId, key: 'locked', value: '2' }),
        // Asked while both writes wait for the lock: answered (the wait does not hold the event loop).
        fetch(`${server.url}/health`).then((r) => r.status),
      ]);
      expect(graphql.status).toBe(503);
      expect(graphql.headers.get('retry-after')).toBe('1');
      const body = (await graphql.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors[0]?.extensions.code).toBe('UNAVAILABLE');
      expect(body.errors[0]?.extensions.http).toBeUndefined();
      expect(rest.status).toBe(503);
      expect(rest.headers.get('retry-after')).toBe('1');
      expect(rest.body.error_code).toBe('TEMPORARILY_UNAVAILABLE');
      expect(health).toBe(200);
    } finally {
      release();
    }
    const { run } = await server.ok(`{ run(id: "${runId}") { tags { key } } }`);
    expect(run.tags.map((t: { key: string }) => t.key)).not.toContain('locked');
  });

  it('the SDK retries an UNAVAILABLE answer and its write lands once the lock is free', async () => {
    const release = holdWriteLock();
    setTimeout(release, 500);
    const tl = connectSdk({ url: server.url, exitHandlers: false, retry: { attempts: 10, baseDelayMs: 100, maxDelayMs: 200 } });
    const run = await tl.startRun({ name: 'after-the-lock' });
    await run.end();
    expect((await server.ok(`{ run(id: "${run.id}") { status } }`)).run.status).toBe('FINISHED');
  });
});
