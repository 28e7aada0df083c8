import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { connect } from '../client/sdk/index.js';
import { startServerProcess } from './lib/server-process.js';
import { tempDir } from './lib/tmp.js';
import type { Bench, BenchRow } from './types.js';

/**
 * The script client's own target (issue "Typed script client and the seed workflow"): one script
 * calls run.logMetric 1,000,000 times in a loop, then end(). Targets: done in <= 10 s end to end
 * with every point stored, and <= 1 µs per logMetric call on the script's side.
 *
 * The server runs in a child process on a temp SQLite file (as a user's would); this process is the
 * script. Run alone: `npx tsx bench/sdk.bench.ts`. The server's own CPU time is in the notes: it, not
 * the SDK, bounds the end-to-end figure (a 1,000-point GraphQL logBatch costs the server ~10-12 ms).
 */
const CALLS = 1_000_000;

export const bench: Bench = { name: 'sdk', run };

async function run(): Promise<BenchRow[]> {
  const dir = tempDir('sdk');
  const server = await startServerProcess({ db: dir.file('trackline.db'), artifacts: dir.file('artifacts'), label: 'sdk' });
  try {
    const tl = connect({ url: server.url, exitHandlers: false });
    await warmUp(tl);
    const run = await tl.startRun({ name: 'one-million' });
    const cpuBefore = server.stats().cpuSeconds;
    const scriptCpuBefore = process.cpuUsage();

    const start = performance.now();
    for (let step = 0; step < CALLS; step++) run.logMetric('loss', 1 / (step + 1), { step });
    const loopEnd = performance.now();
    await run.end();
    const end = performance.now();

    const stored = await storedPoints(server.url, run.id);
    const perCall = ((loopEnd - start) * 1000) / CALLS;
    const total = (end - start) / 1000;
    const serverCpu = server.stats().cpuSeconds - cpuBefore;
    const scriptCpuUsed = process.cpuUsage(scriptCpuBefore);
    const scriptCpu = (scriptCpuUsed.user + scriptCpuUsed.system) / 1e6;
    const notes = `${CALLS.toLocaleString('en')} calls, default batching (1,000 points, 4 in flight); server in a child process on SQLite; stored ${stored}; CPU: server ${serverCpu.toFixed(1)} s, script ${scriptCpu.toFixed(1)} s; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`;
    return [
      { name: 'sdk: 1M run.logMetric calls then end(), end to end', value: round(total), unit: 's', target: '<= 10 s, every point stored', pass: total <= 10 && stored === CALLS, notes },
      { name: 'sdk: run.logMetric cost on the script side', value: round(perCall), unit: 'µs/call', target: '<= 1 µs', pass: perCall <= 1, notes: 'the loop alone, before end()' },
      { name: 'sdk: points stored / s (end to end)', value: Math.round(CALLS / total), unit: 'points/s', notes },
    ];
  } finally {
    await server.stop();
    dir.remove();
  }
}

/** A small run first, so JIT warm-up and the first connections are not in the measurement. */
async function warmUp(tl: ReturnType<typeof connect>): Promise<void> {
  await tl.withRun({ name: 'warm-up' }, (run) => {
    for (let step = 0; step < 20_000; step++) run.logMetric('loss', step, { step });
  });
}

async function storedPoints(url: string, runId: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query ($id: ID!) { metricPoints(runId: $id, key: "loss", first: 1) { totalCount } }', variables: { id: runId } }),
  });
  const body = (await response.json()) as { data?: { metricPoints: { totalCount: number } } };
  return body.data?.metricPoints.totalCount ?? -1;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
