import { setTimeout as sleep } from 'node:timers/promises';
import type { TestServer } from '../helpers/server.js';

/** Quick retries for tests: a failure path should not take seconds. */
export const FAST_RETRY = { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 };

/** The stored points of one series, counted by the server. */
export async function storedPoints(server: TestServer, runId: string, key: string): Promise<number> {
  const data = await server.ok<{ metricPoints: { totalCount: number } }>(
    'query ($runId: ID!, $key: String!) { metricPoints(runId: $runId, key: $key, first: 1) { totalCount } }',
    { runId, key },
  );
  return data.metricPoints.totalCount;
}

/** The run's metric seq: one per committed metric write, none for a write of duplicates only. */
export async function metricSeq(server: TestServer, runId: string, key: string): Promise<number> {
  const data = await server.ok<{ metricHistory: { lastSeq: number } }>(
    'query ($runId: ID!, $key: String!) { metricHistory(runId: $runId, key: $key, maxPoints: 1) { lastSeq } }',
    { runId, key },
  );
  return data.metricHistory.lastSeq;
}

export async function runStatus(server: TestServer, runId: string): Promise<string | undefined> {
  const data = await server.ok<{ run: { status: string } | null }>('query ($id: ID!) { run(id: $id) { status } }', { id: runId });
  return data.run?.status;
}

/** Polls until `check` holds; fails with `what` after `ms`. For effects of timers, never for speed. */
export async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
