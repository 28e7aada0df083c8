import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProcStats, procStats } from './proc-stats.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  pid: number;
  stats(): ProcStats;
  /** SIGTERM and wait for a clean exit (which is also when a --cpu-prof profile is written). */
  stop(): Promise<void>;
}

/**
 * Starts `trackline server` in a child process on a free port, so its memory and CPU are its own and
 * the load clients do not share its event loop. TRACKLINE_BENCH_PROF=<dir> adds `--cpu-prof` to it.
 */
export async function startServerProcess(options: { db: string; artifacts: string; label: string }): Promise<ServerProcess> {
  const nodeArgs: string[] = [];
  const profDir = process.env.TRACKLINE_BENCH_PROF;
  if (profDir) {
    mkdirSync(profDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${options.label}-${Date.now()}.cpuprofile`);
  }
  const args = [...nodeArgs, join(ROOT, 'bin/trackline.js'), 'server', '--port', '0', '--db', options.db, '--artifacts', options.artifacts];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDIS_URL: '' } });
  const url = await waitForListening(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    pid: child.pid as number,
    stats: () => procStats(child.pid as number),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error('the server did not start within 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\nstdout: ${out}\nstderr: ${err}`));
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      // Keep forwarding the server's own error reports: a failing bench should show why.
      if (out.includes('listening on')) process.stderr.write(`[server] ${chunk.toString()}`);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1] as string);
      }
    });
    child.once('exit', (code) => fail(new Error(`the server exited with code ${code} before listening`)));
  });
}
