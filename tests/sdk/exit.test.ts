import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { runStatus, storedPoints } from './support.js';

const CHILD = fileURLToPath(new URL('./fixtures/exit-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

interface Outcome {
  runId: string;
  pendingAtReady: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the fixture under Node with tsx's loader (no wrapper process, so signals reach it directly). */
async function runChild(mode: string, onReady?: (child: ChildProcess) => void): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], {
    cwd: ROOT,
    env: { ...process.env, TRACKLINE_URL: server.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d;
    if (onReady && /READY \w+ \d+\n/.test(stdout)) {
      onReady(child);
      onReady = undefined;
    }
  });
  // A child that never gets ready must not hang the suite: it fails the test instead.
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(guard);
  const ready = /READY (\w+) (\d+)/.exec(stdout);
  if (!ready) throw new Error(`the child never got ready (code ${code}): ${stderr}`);
  return { runId: ready[1] as string, pendingAtReady: Number(ready[2]), code, signal, stderr };
}

async function expectEnded(outcome: Outcome, status: string): Promise<void> {
  expect(outcome.pendingAtReady).toBe(500);
  expect(await runStatus(server, outcome.runId)).toBe(status);
  expect(await storedPoints(server, outcome.runId, 'loss')).toBe(1500);
}

describe('open runs are ended whatever way the script goes', () => {
  it('normal exit: pending points flushed, run FINISHED, exit code 0', async () => {
    const outcome = await runChild('normal');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    await expectEnded(outcome, 'FINISHED');
  });

  it('normal exit with process.exitCode set: run FAILED, the code kept', async () => {
    const outcome = await runChild('exit-code');
    expect(outcome.code).toBe(3);
    await expectEnded(outcome, 'FAILED');
  });

  it('process.exit(): the synchronous last-chance path still flushes and ends FINISHED', async () => {
    const outcome = await runChild('process-exit');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    await expectEnded(outcome, 'FINISHED');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: pending points flushed, run KILLED, the process dies of ${signal}`, async () => {
      const outcome = await runChild('signal', (child) => child.kill(signal));
      expect(outcome.signal).toBe(signal);
      await expectEnded(outcome, 'KILLED');
    });
  }

  it('an uncaught exception: printed, run FAILED, exit code 1', async () => {
    const outcome = await runChild('throw');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('boom from the training loop');
    await expectEnded(outcome, 'FAILED');
  });

  it('an unhandled rejection: printed, run FAILED, exit code 1', async () => {
    const outcome = await runChild('reject');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('rejected and never caught');
    await expectEnded(outcome, 'FAILED');
  });
});
