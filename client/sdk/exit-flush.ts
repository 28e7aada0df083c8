import { spawnSync } from 'node:child_process';
import { stringifyDocument } from '@urql/core';
import type { BufferedPoint } from './metric-buffer.js';
import { SdkLogBatch, SdkUpdateRun } from './run-operations.js';

/** A run's last words: its unsent points, then the end call. */
export interface LastChanceRun {
  graphqlUrl: string;
  headers: Record<string, string>;
  runId: string;
  batches: BufferedPoint[][];
  status: 'FINISHED' | 'FAILED' | 'KILLED';
  endTime: number;
}

/** The child's whole program. Plain JS with global fetch, so it runs on any Node 20 without tsx. */
const CHILD = `
import { readFileSync } from 'node:fs';
const input = JSON.parse(readFileSync(0, 'utf8'));
async function post(run, query, variables) {
  const response = await fetch(run.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...run.headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
}
for (const run of input.runs) {
  try {
    for (const metrics of run.batches) await post(run, input.logBatch, { runId: run.runId, metrics });
    await post(run, input.updateRun, { id: run.runId, status: run.status, endTime: run.endTime });
  } catch (error) {
    process.stderr.write('trackline: could not end run ' + run.runId + ' at exit: ' + error.message + '\\n');
  }
}
`;

const CHILD_TIMEOUT_MS = 10_000;

/**
 * At 'exit' only synchronous code runs, so the pending HTTP work goes to a short-lived child process
 * that we wait for. Resending points that were in flight is safe: they carry the SDK's timestamps,
 * so the server ignores any that already landed.
 */
export function lastChanceFlush(runs: LastChanceRun[]): void {
  const input = JSON.stringify({ runs, logBatch: stringifyDocument(SdkLogBatch), updateRun: stringifyDocument(SdkUpdateRun) });
  spawnSync(process.execPath, ['--input-type=module', '--eval', CHILD], {
    input,
    stdio: ['pipe', 'inherit', 'inherit'],
    timeout: CHILD_TIMEOUT_MS,
  });
}
