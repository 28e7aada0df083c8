import { request } from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';
import { ChildServer, runCli } from './child-server.js';
import { KeepAliveClient, acknowledged } from './http-client.js';
import { LOG_BATCH, createRun } from './ops.js';

describe('trackline server CLI', () => {
  test('--help prints the options and exits 0', async () => {
    const result = await runCli(['server', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--host', '--port', '--db', '--artifacts', '--allow-origin', '--allow-host', '--redis', '--help']) {
      expect(result.stdout).toContain(option);
    }
  });

  test('a port in use fails with a message that names --port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'trackline-port-'));
    try {
      const result = await runCli(['server', '--port', String(port), '--db', join(dir, 'trackline.db'), '--artifacts', join(dir, 'a')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`port ${port} .*already in use.*--port`));
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad flag fails with a message naming it', async () => {
    const result = await runCli(['server', '--port', 'seventy']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--port: expected a port number/);
  });
});

describe('graceful shutdown', () => {
  test('SIGTERM during many concurrent writes: exit code 0 and every acknowledged write is stored', async () => {
    const server = await ChildServer.start();
    try {
      const runId = await createRun(server.url);
      // A live subscriber is told the server is going away (close 1001), not cut off silently.
      const watcher = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
      const watcherClosed = new Promise<number>((resolve) => watcher.on('close', (code) => resolve(code)));
      await new Promise((resolve, reject) => watcher.on('open', resolve).on('error', reject));

      // One request is mid-upload when the signal comes: it must still be answered, and stored.
      const held = heldLogBatch(server.url, runId, 999_999);

      const clients = Array.from({ length: 8 }, () => new KeepAliveClient(server.url));
      const acked: number[] = [];
      let failures = 0;
      let sent = 0;
      let terminated: Promise<{ code: number | null }> | undefined;
      // Each client logs batches of 10 points (steps w*10 .. w*10+9) until the server stops answering.
      const writers = clients.map(async (client, c) => {
        for (let i = 0; failures < 50 && i < 400; i++) {
          const w = c * 1_000 + i;
          const metrics = Array.from({ length: 10 }, (_, k) => ({ key: 'loss', value: k, step: w * 10 + k }));
          sent++;
          try {
            const answer = await client.graphql(LOG_BATCH, { runId, metrics });
            if (acknowledged(answer)) acked.push(w);
            else failures++;
          } catch {
            failures++; // connection refused or reset once the server stops: not acknowledged
          }
          if (acked.length === 150 && !terminated) {
            terminated = server.stop('SIGTERM');
            void untilOutput(server, 'SIGTERM').then(held.finish);
          }
        }
      });
      await Promise.all(writers);
      for (const client of clients) client.close();
      const exit = await (terminated ?? server.stop('SIGTERM'));

      expect(exit.code).toBe(0);
      // Answered, and told not to reuse the connection.
      expect(await held.answer).toMatchObject({ status: 200, connection: 'close' });
      acked.push(999_999);
      expect(server.stdout).toContain('trackline: stopped');
      expect(await watcherClosed).toBe(1001);
      expect(acked.length).toBeGreaterThanOrEqual(150);
      expect(sent).toBeGreaterThan(acked.length); // the signal came while writes were still going on

      // Reopen the file as the next start would, and find every acknowledged batch, whole.
      const store = new TrackingStore(connect(server.dbPath));
      try {
        const rows = await store.db.kysely.selectFrom('metrics').select(['step', 'seq']).where('run_id', '=', runId).execute();
        const stored = new Set(rows.map((r) => Number(r.step)));
        const missing = acked.flatMap((w) => Array.from({ length: 10 }, (_, k) => w * 10 + k)).filter((step) => !stored.has(step));
        expect(missing).toEqual([]);
        // Nothing half-written either: every stored batch is complete, and each took exactly one seq.
        const batches = new Set([...stored].map((step) => Math.floor(step / 10)));
        expect(rows.length).toBe(batches.size * 10);
        const seqs = new Set(rows.map((r) => Number(r.seq)));
        const run = await store.runs.get(runId);
        expect([seqs.size, run?.metricSeq]).toEqual([batches.size, batches.size]);
      } finally {
        await store.close();
      }
    } finally {
      await server.dispose();
    }
  });

  test('SIGINT stops the server with exit code 0 too', async () => {
    const server = await ChildServer.start();
    try {
      const exit = await server.stop('SIGINT');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(server.stdout).toContain('SIGINT');
    } finally {
      await server.dispose();
    }
  });
});

/** Resolves once the child server has printed `text`. */
async function untilOutput(server: ChildServer, text: string): Promise<void> {
  while (!server.stdout.includes(text)) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A logBatch whose body is sent in two parts: the second only when `finish()` is called. */
function heldLogBatch(baseUrl: string, runId: string, write: number) {
  const body = JSON.stringify({
    query: LOG_BATCH,
    variables: { runId, metrics: Array.from({ length: 10 }, (_, k) => ({ key: 'loss', value: k, step: write * 10 + k })) },
  });
  let finish!: () => void;
  const answer = new Promise<{ status: number; connection?: string; body: any }>((resolve, reject) => {
    const req = request(
      new URL('/graphql', baseUrl),
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 20));
    finish = () => req.end(body.slice(20));
  });
  return { answer, finish: () => finish() };
}
