import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DASHBOARD_DIST, ensureDashboardBuilt } from '../api/web-build.js';
import { launchBrowser } from '../tests/e2e/browser.js';
import { FIRST_ROW_OBSERVER, chartsPainted, firstRowPaint, scrollThrough, sortChange, zoom } from './dashboard/page-metrics.js';
import { seedLongRun, seedRuns } from './dashboard/seed.js';
import { HttpClient } from './lib/http-client.js';
import { startServerProcess } from './lib/server-process.js';
import { percentile, round } from './lib/stats.js';
import { tempDir } from './lib/tmp.js';
import type { Bench, BenchRow } from './types.js';

/**
 * The dashboard's targets, measured in headless Chromium (software rendering) against the real server
 * in its own process, with the load clients in this process: all on the same 2 cores. Page-side times
 * come from the Performance API and requestAnimationFrame (page-metrics.ts).
 *
 * TRACKLINE_BENCH_LONG=1 adds the 10-minute heap check (a 10,000-run table open under live updates).
 */

const median = (xs: number[]) => percentile(xs, 50);

async function withServer<T>(label: string, seed: (file: string) => Promise<T>, body: (url: string, seeded: T) => Promise<BenchRow[]>): Promise<BenchRow[]> {
  const dir = tempDir(`dashboard-${label}`);
  try {
    const t0 = performance.now();
    const seeded = await seed(dir.file('t.db'));
    process.stderr.write(`bench: dashboard ${label}: seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: `dashboard-${label}` });
    try {
      return await body(server.url, seeded);
    } finally {
      await server.stop();
    }
  } finally {
    dir.remove();
  }
}

async function newPage(): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await launchBrowser({ viewport: { width: 1400, height: 900 } });
  const page = await browser.context.newPage();
  await page.addInitScript(FIRST_ROW_OBSERVER);
  return { page, close: browser.close };
}

async function table10k(): Promise<BenchRow[]> {
  return withServer(
    '10k',
    (file) => seedRuns(file, { runs: 10_000, params: 20, metrics: 10 }),
    async (url, experimentId) => {
      const { page, close } = await newPage();
      try {
        const target = `${url}/#/experiments/${experimentId}`;
        await firstRowPaint(page, target); // warm the server's caches and the browser's
        const paints: number[] = [];
        for (let i = 0; i < 5; i++) paints.push(await firstRowPaint(page, target));
        const sorts: number[] = [];
        for (const column of ['metrics.m3', 'metrics.m7', 'params.p4', 'metrics.m1', 'attributes.run_name', 'metrics.m5']) sorts.push(await sortChange(page, column));
        await firstRowPaint(page, target);
        const scroll = await scrollThrough(page, 15);
        return [
          { name: 'dashboard: 10,000 runs x 20 params x 10 metrics, first table paint after navigation (median of 5)', value: round(median(paints)), unit: 'ms', target: '<= 1000 ms', pass: median(paints) <= 1000, notes: `max ${round(Math.max(...paints))} ms` },
          { name: 'dashboard: 10,000 runs, sort change to repaint (median of 6 columns)', value: round(median(sorts)), unit: 'ms', target: '<= 300 ms', pass: median(sorts) <= 300, notes: `max ${round(Math.max(...sorts))} ms` },
          {
            name: 'dashboard: 10,000 runs, scrolling top to bottom (15 rows a frame), frame time p95',
            value: round(percentile(scroll.frames, 95)),
            unit: 'ms',
            target: 'p95 <= 20 ms',
            pass: percentile(scroll.frames, 95) <= 20,
            notes: `${scroll.frames.length} frames, p50 ${round(median(scroll.frames))} ms, max ${round(Math.max(...scroll.frames))} ms`,
          },
          {
            name: 'dashboard: 10,000 runs, each 100-row window fetched while scrolling, p95',
            value: round(percentile(scroll.fetches, 95)),
            unit: 'ms',
            target: '<= 100 ms',
            pass: Math.max(...scroll.fetches) <= 100,
            notes: `${scroll.fetches.length} windows read (of 100), p50 ${round(median(scroll.fetches))} ms, max ${round(Math.max(...scroll.fetches))} ms; ${scroll.placeholdersAtEnd} rows unloaded at the end`,
          },
        ];
      } finally {
        await close();
      }
    },
  );
}

async function table100k(): Promise<BenchRow[]> {
  return withServer(
    '100k',
    (file) => seedRuns(file, { runs: 100_000, params: 5, metrics: 3 }),
    async (url, experimentId) => {
      const { page, close } = await newPage();
      try {
        const target = `${url}/#/experiments/${experimentId}`;
        await firstRowPaint(page, target);
        const paints: number[] = [];
        for (let i = 0; i < 5; i++) paints.push(await firstRowPaint(page, target));
        // Dragging the scrollbar to row 70,000 reads the window there, not the 700 before it.
        const jump = await page.evaluate(async () => {
          const table = document.querySelector('[data-testid="runs-table"]') as HTMLElement;
          const started = performance.now();
          table.scrollTop = 70_000 * 32;
          for (let i = 0; i < 500; i++) {
            await new Promise((r) => setTimeout(r, 10));
            const row = document.querySelector('.rt-body [data-run-id]:not(.loading)');
            const rowIndex = Number(row?.getAttribute('aria-rowindex') ?? 0);
            if (rowIndex > 69_000 && !document.querySelector('.rt-body .rt-row.loading')) break;
          }
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const reads = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.endsWith('/graphql') && e.startTime >= started);
          return { ms: performance.now() - started, reads: reads.length };
        });
        return [
          { name: 'dashboard: 100,000 runs x 5 params x 3 metrics, first table paint (median of 5)', value: round(median(paints)), unit: 'ms', target: '<= 1500 ms', pass: median(paints) <= 1500, notes: `max ${round(Math.max(...paints))} ms` },
          { name: 'dashboard: 100,000 runs, scrollbar dragged to row 70,000, rows there painted', value: round(jump.ms), unit: 'ms', notes: `${jump.reads} requests (windows at the position, not the ones passed)` },
        ];
      } finally {
        await close();
      }
    },
  );
}

async function longRunPage(): Promise<BenchRow[]> {
  return withServer(
    'charts',
    (file) => seedLongRun(file, { keys: 10, points: 1_000_000 }),
    async (url, { experimentId, runId }) => {
      const { page, close } = await newPage();
      try {
        const target = `${url}/#/experiments/${experimentId}/runs/${runId}?tab=charts`;
        await chartsPainted(page, target, 10);
        const paints: number[] = [];
        for (let i = 0; i < 3; i++) paints.push(await chartsPainted(page, target, 10));
        const zooms: number[] = [];
        for (const [from, to] of [[0.3, 0.5], [0.2, 0.6], [0.4, 0.45], [0.1, 0.9], [0.5, 0.7]] as const) {
          zooms.push(await zoom(page, from, to));
          await page.locator('[data-metric-key]').first().getByRole('button', { name: 'reset zoom' }).click();
          await page.waitForTimeout(300);
        }
        return [
          { name: 'dashboard: run page, 10 metrics x 1,000,000 points, all charts painted after navigation (median of 3)', value: round(median(paints)), unit: 'ms', target: '<= 1000 ms', pass: median(paints) <= 1000, notes: `max ${round(Math.max(...paints))} ms` },
          { name: 'dashboard: a zoom on a 1,000,000-point chart, re-queried and repainted (median of 5)', value: round(median(zooms)), unit: 'ms', target: '<= 150 ms', pass: median(zooms) <= 150, notes: `max ${round(Math.max(...zooms))} ms` },
        ];
      } finally {
        await close();
      }
    },
  );
}

/**
 * Log-to-paint while 100 runs log 10 points/s each (a batch of 2 points per run every 200 ms, as the
 * SDK sends them): a probe point is logged with a known step and the page records when it is painted
 * (page clock and this process's clock are the same machine's).
 */
async function live(): Promise<BenchRow[]> {
  const dir = tempDir('dashboard-live');
  const server = await startServerProcess({ db: dir.file('t.db'), artifacts: dir.file('a'), label: 'dashboard-live' });
  const http = new HttpClient(server.url, 8);
  // The probes have a connection of their own: queued behind the load's requests they would measure the queue.
  const probeHttp = new HttpClient(server.url, 1);
  const gql = async <T,>(query: string, variables: Record<string, unknown>, client = http) => {
    const response = await client.post('/graphql', JSON.stringify({ query, variables }));
    return (JSON.parse(response.text) as { data: T }).data;
  };
  const { page, close } = await newPage();
  try {
    const experimentId = (await gql<{ createExperiment: { id: string } }>('mutation { createExperiment(name: "live") { id } }', {})).createExperiment.id;
    const runIds: string[] = [];
    for (let i = 0; i < 100; i++) {
      runIds.push((await gql<{ createRun: { id: string } }>('mutation($e: ID!, $n: String) { createRun(experimentId: $e, name: $n) { id } }', { e: experimentId, n: `live-${i}` })).createRun.id);
    }
    const log = (runId: string, points: { key: string; value: number; step: number; timestamp: number }[], client = http) =>
      gql('mutation($r: ID!, $m: [MetricInput!]) { logBatch(runId: $r, metrics: $m) { id } }', { r: runId, m: points }, client);
    for (const id of runIds) await log(id, [{ key: 'loss', value: 1, step: 0, timestamp: Date.now() }]);

    let stopLoad = false;
    let step = 1;
    const load = (async () => {
      while (!stopLoad) {
        const tick = Date.now();
        const s = step;
        step += 2;
        await Promise.all(runIds.slice(1).map((id) => log(id, [0, 1].map((d) => ({ key: 'loss', value: Math.random(), step: s + d, timestamp: tick + d })))));
        await new Promise((r) => setTimeout(r, Math.max(0, 200 - (Date.now() - tick))));
      }
    })();

    // Each probe is a new latest value (and step): values below 1e6 print as plain integers in the table.
    let probeValue = 100_000;
    const probe = async (expectPaint: (value: number) => Promise<number>) => {
      const latencies: number[] = [];
      for (let i = 0; i < 40; i++) {
        const value = probeValue++;
        const sent = Date.now();
        const painted = expectPaint(value);
        await log(runIds[0] as string, [{ key: 'loss', value, step: value, timestamp: sent }, { key: 'loss2', value, step: value, timestamp: sent }], probeHttp);
        latencies.push((await painted) - sent);
        await new Promise((r) => setTimeout(r, 150));
      }
      return latencies;
    };
    // The page reports the epoch time at which the probe value was painted.
    const paintedWhen = (selector: string, attribute: string | null, value: number) =>
      page.evaluate(
        ([sel, attr, v]) =>
          new Promise<number>((resolve) => {
            const matches = () => {
              const el = document.querySelector(sel as string) as HTMLElement | null;
              if (!el) return false;
              return attr ? el.getAttribute(attr as string) === String(v) : el.textContent === String(v);
            };
            const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now())));
            if (matches()) return done();
            const observer = new MutationObserver(() => {
              if (matches()) {
                observer.disconnect();
                done();
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          }),
        [selector, attribute, value] as const,
      );

    await page.goto(`${server.url}/#/experiments/${experimentId}/runs/${runIds[0]}?tab=charts`);
    await page.locator('[data-metric-key="loss"][data-points]').waitFor({ timeout: 30_000 });
    const chart = await probe((v) => paintedWhen('[data-metric-key="loss"]', 'data-last-step', v));

    await page.goto(`${server.url}/#/experiments/${experimentId}?order=${encodeURIComponent('attributes.start_time ASC')}`);
    await page.locator('.rt-body [data-run-id]').first().waitFor({ timeout: 30_000 });
    const cell = `[data-run-id="${runIds[0]}"] [data-column="metrics.loss2"]`;
    await page.locator(cell).waitFor({ timeout: 30_000 });
    const table = await probe((v) => paintedWhen(cell, null, v));
    stopLoad = true;
    await load;
    return [
      { name: 'dashboard live: log-to-paint of a point on an open chart, 100 runs logging 10 points/s each, p95', value: round(percentile(chart, 95)), unit: 'ms', target: 'p95 <= 100 ms', pass: percentile(chart, 95) <= 100, notes: `p50 ${round(median(chart))} ms, max ${round(Math.max(...chart))} ms, ${chart.length} probes` },
      { name: 'dashboard live: log-to-paint of a metric cell in the runs table, same load, p95', value: round(percentile(table, 95)), unit: 'ms', target: 'p95 <= 100 ms', pass: percentile(table, 95) <= 100, notes: `p50 ${round(median(table))} ms, max ${round(Math.max(...table))} ms, ${table.length} probes` },
    ];
  } finally {
    await close();
    http.close();
    probeHttp.close();
    await server.stop();
    dir.remove();
  }
}

/** The JavaScript the first route loads: the entry script and the chunks it preloads, gzipped. */
function firstRouteBytes(): BenchRow[] {
  const html = readFileSync(join(DASHBOARD_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(join(DASHBOARD_DIST, f)), { level: 9 }).length, 0);
  const all = readdirSync(join(DASHBOARD_DIST, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = all.filter((f) => !files.includes(`assets/${f}`));
  const lazyGz = lazy.reduce((n, f) => n + gzipSync(readFileSync(join(DASHBOARD_DIST, 'assets', f)), { level: 9 }).length, 0);
  return [
    { name: 'dashboard: first route JavaScript, gzipped (entry + preloaded chunks)', value: round(gz / 1024), unit: 'KB', target: '<= 200 KB', pass: gz <= 200 * 1024, notes: `${files.length} file(s); run page, charts (uPlot) and markdown load lazily: ${lazy.length} chunks, ${round(lazyGz / 1024)} KB gzipped` },
  ];
}

async function longHeap(): Promise<BenchRow[]> {
  const minutes = Number(process.env.TRACKLINE_BENCH_LONG_MINUTES ?? 10);
  return withServer(
    'heap',
    (file) => seedRuns(file, { runs: 10_000, params: 20, metrics: 10 }),
    async (url, experimentId) => {
      const { page, close } = await newPage();
      const http = new HttpClient(url, 4);
      try {
        await firstRowPaint(page, `${url}/#/experiments/${experimentId}`);
        const ids = await page.locator('.rt-body [data-run-id]').evaluateAll((els) => els.slice(0, 20).map((e) => e.getAttribute('data-run-id') as string));
        const cdp = await page.context().newCDPSession(page);
        const heap = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1024 / 1024;
        const start = await heap();
        const end = Date.now() + minutes * 60_000;
        let step = 200;
        while (Date.now() < end) {
          await Promise.all(
            ids.map((id) =>
              http.post('/graphql', JSON.stringify({ query: 'mutation($r: ID!, $s: Long!, $v: MetricValue!) { logMetric(runId: $r, key: "m0", value: $v, step: $s) { id } }', variables: { r: id, s: step, v: Math.random() } })),
            ),
          );
          step++;
          await new Promise((r) => setTimeout(r, 100));
        }
        await cdp.send('HeapProfiler.collectGarbage');
        const after = await heap();
        return [{ name: `dashboard: JS heap after ${minutes} min of live updates, 10,000-run table open`, value: round(after), unit: 'MB', target: '<= 300 MB', pass: after <= 300, notes: `${round(start)} MB at the start, after GC at the end` }];
      } finally {
        http.close();
        await close();
      }
    },
  );
}

export const bench: Bench = {
  name: 'dashboard',
  async run() {
    await ensureDashboardBuilt();
    const rows: BenchRow[] = [...firstRouteBytes()];
    const only = (process.env.TRACKLINE_BENCH_DASHBOARD ?? 'table,table100k,charts,live').split(',');
    if (only.includes('table')) rows.push(...(await table10k()));
    if (only.includes('table100k')) rows.push(...(await table100k()));
    if (only.includes('charts')) rows.push(...(await longRunPage()));
    if (only.includes('live')) rows.push(...(await live()));
    if (process.env.TRACKLINE_BENCH_LONG === '1') rows.push(...(await longHeap()));
    return rows;
  },
};
