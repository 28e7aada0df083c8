import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../api/server.js';
import { ensureDashboardBuilt } from '../../api/web-build.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { type Browser, launchBrowser } from './browser.js';

// The dashboard in a real browser (headless Chromium) against a real server on a temp database.
// Tests assert on what is shown through the data-* contract (data-run-id, data-column, aria-sort,
// data-metric-key / data-series / data-points / data-last-step, data-live-status), never on pixels or
// timing; every wait is for a state, with a generous timeout. Each test saves a screenshot in
// tests/e2e/screenshots/ (gitignored) to be looked at.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const LIVE = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;
let page: Page;
let sweepId: string;
/** the server started again by the reconnect test, on the first one's port and database */
let restarted: RunningServer | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await ensureDashboardBuilt({ quiet: true });
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error('dashboard page error:', error.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('dashboard console error:', m.text());
  });
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/polynomial-degree.ts'], { cwd: ROOT, env: { ...process.env, TRACKLINE_URL: server.url } });
  sweepId = (await server.ok(`{ experiment(name: "polynomial-degree") { id } }`)).experiment.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await restarted?.close();
  await server?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const open = async (hash: string) => {
  await page.goto(`${server.url}/${hash}`);
  await page.locator('[data-live-status="connected"]').waitFor(LIVE);
};
const rows = () => page.locator('.rt-body [data-run-id]');
/** The run ids of the rows rendered, in display order (rows are recycled, so DOM order is not display order). */
const runIdsShown = () =>
  rows().evaluateAll((els) =>
    els.sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex'))).map((e) => e.getAttribute('data-run-id')),
  );
const createExperiment = async (name: string) => (await server.ok(`mutation($n: String!) { createExperiment(name: $n) { id } }`, { n: name })).createExperiment.id as string;
const createRun = async (experimentId: string, name: string) =>
  (await server.ok(`mutation($e: ID!, $n: String!) { createRun(experimentId: $e, name: $n) { id } }`, { e: experimentId, n: name })).createRun.id as string;
const logMetric = (runId: string, key: string, value: number, step: number) =>
  server.ok(`mutation($r: ID!, $k: String!, $v: MetricValue!, $s: Long!) { logMetric(runId: $r, key: $k, value: $v, step: $s) { id } }`, { r: runId, k: key, v: value, s: step });

describe('the dashboard', () => {
  it('shows the example sweep, and sorting by mse puts first the run the API reports as lowest', async () => {
    await open(`#/experiments/${sweepId}`);
    await expect.poll(() => rows().count(), LIVE).toBe(10);
    const lowest = (await server.ok(`query($e: [ID!]!) { runs(experimentIds: $e, orderBy: ["metrics.mse ASC"], first: 1) { edges { node { id name } } } }`, { e: [sweepId] })).runs.edges[0].node;
    const header = page.locator('.rt-header [data-column="metrics.mse"]');
    await header.getByRole('button').first().click();
    await expect.poll(() => header.getAttribute('aria-sort'), LIVE).toBe('ascending');
    await expect.poll(async () => (await runIdsShown())[0], LIVE).toBe(lowest.id);
    expect(page.url()).toContain('order=metrics.mse+ASC');
    // The best (lowest) mse of the whole set is highlighted, and it is that run's cell.
    const best = page.locator('.rt-body .rt-cell.best[data-column="metrics.mse"]');
    await expect.poll(() => best.count(), LIVE).toBe(1);
    expect(await best.locator('xpath=..').getAttribute('data-run-id')).toBe(lowest.id);
    await shot('sweep-sorted-by-mse');

    // Export CSV: every run of the filter, in the table's order and columns.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]?.split(',')).toEqual(expect.arrayContaining(['run_id', 'attributes.run_name', 'metrics.mse', 'params.degree']));
    expect(lines[1]?.startsWith(`${lowest.id},${lowest.name},`)).toBe(true);

    // The view is in the URL: a reload shows the same order, back returns to the unsorted view.
    await page.reload();
    await expect.poll(async () => (await runIdsShown())[0], LIVE).toBe(lowest.id);
    await page.goBack();
    await expect.poll(() => page.locator('.rt-header [data-column="metrics.mse"]').getAttribute('aria-sort'), LIVE).toBe('none');
  });

  it('shows the server\'s error for a bad filter beside the box, and a good filter narrows the table', async () => {
    await open(`#/experiments/${sweepId}`);
    const box = page.getByRole('textbox', { name: 'Filter' });
    await box.fill('metrics.mse <');
    await box.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor(LIVE);
    const serverError = (await server.gql(`query($e: [ID!]!) { runs(experimentIds: $e, filter: "metrics.mse <") { totalCount } }`, { e: [sweepId] })).errors?.[0]?.message;
    expect(await alert.textContent()).toContain(serverError);
    await shot('filter-error');
    await box.fill("params.degree = '2' or");
    await box.fill('metrics.mse < 5');
    await box.press('Enter');
    const expected = (await server.ok(`query($e: [ID!]!) { runs(experimentIds: $e, filter: "metrics.mse < 5") { totalCount } }`, { e: [sweepId] })).runs.totalCount;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(10);
    await expect.poll(() => rows().count(), LIVE).toBe(expected);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await shot('filter-narrowed');
  });

  it('suggests keys and operators while typing a filter', async () => {
    await open(`#/experiments/${sweepId}`);
    const box = page.getByRole('textbox', { name: 'Filter' });
    await box.fill('metrics.m');
    await page.getByRole('option', { name: 'metrics.mse' }).waitFor(LIVE);
    await page.getByRole('option', { name: 'metrics.mse' }).dispatchEvent('mousedown');
    await expect.poll(() => box.inputValue()).toBe('metrics.mse ');
    await page.getByRole('option', { name: '<=' }).waitFor(LIVE);
    await shot('filter-suggestions');
  });

  it('shows runs created through GraphQL and through the MLflow REST API without a reload', async () => {
    await open(`#/experiments/${sweepId}`);
    await expect.poll(() => rows().count(), LIVE).toBe(10);
    const viaGraphql = await createRun(sweepId, 'live-graphql');
    await page.locator(`[data-run-id="${viaGraphql}"]`).waitFor(LIVE);
    const response = await fetch(`${server.url}/api/2.0/mlflow/runs/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ experiment_id: sweepId, run_name: 'live-mlflow', start_time: Date.now() }),
    });
    const viaMlflow = ((await response.json()) as { run: { info: { run_id: string } } }).run.info.run_id;
    await page.locator(`[data-run-id="${viaMlflow}"]`).waitFor(LIVE);
    // A metric logged through the MLflow REST API reaches its cell, and a new metric key its column.
    await fetch(`${server.url}/api/2.0/mlflow/runs/log-metric`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ run_id: viaMlflow, key: 'mse', value: 123.5, timestamp: Date.now(), step: 0 }),
    });
    await expect.poll(() => page.locator(`[data-run-id="${viaMlflow}"] [data-column="metrics.mse"]`).textContent(), LIVE).toBe('123.5');
    await shot('live-new-runs');

    // The status badge changes live when the run ends.
    const status = page.locator(`[data-run-id="${viaGraphql}"] [data-column="attributes.status"] [data-status]`);
    expect(await status.getAttribute('data-status')).toBe('RUNNING');
    await server.ok(`mutation($r: ID!) { updateRun(id: $r, status: FINISHED, endTime: ${Date.now()}) { id } }`, { r: viaGraphql });
    await expect.poll(() => status.getAttribute('data-status'), LIVE).toBe('FINISHED');
    await server.ok(`mutation($ids: [ID!]!) { deleteRuns(ids: $ids) { id } }`, { ids: [viaGraphql, viaMlflow] });
    await expect.poll(() => rows().count(), LIVE).toBe(10);
  });

  it('keeps scroll position and selection through live updates deep in a long table', async () => {
    const experimentId = await createExperiment('long-table');
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(await createRun(experimentId, `run-${String(i).padStart(3, '0')}`));
    await open(`#/experiments/${experimentId}?order=${encodeURIComponent('metrics.loss ASC')}`);
    await expect.poll(() => page.getByTestId('run-count').textContent(), LIVE).toContain('300');
    const table = page.getByTestId('runs-table');
    await table.evaluate((el) => {
      el.scrollTop = 150 * 32;
    });
    const target = page.locator('.rt-body [data-run-id][aria-rowindex="156"]');
    await target.waitFor(LIVE);
    const targetId = (await target.getAttribute('data-run-id')) as string;
    await page.locator(`[data-run-id="${targetId}"] input[type="checkbox"]`).check();
    const scrollBefore = await table.evaluate((el) => el.scrollTop);
    const rowTop = () => page.locator(`[data-run-id="${targetId}"]`).evaluate((el) => el.getBoundingClientRect().top);
    const topBefore = await rowTop();

    // Metrics on the sorted key and new runs: the rows stay put and the table offers to re-sort.
    for (const [i, id] of ids.slice(0, 20).entries()) await logMetric(id, 'loss', i, 0);
    await createRun(experimentId, 'late-arrival');
    const banner = page.getByTestId('resort');
    await banner.waitFor(LIVE);
    expect(await table.evaluate((el) => el.scrollTop)).toBe(scrollBefore);
    expect(await page.locator(`[data-run-id="${targetId}"] input[type="checkbox"]`).isChecked()).toBe(true);
    expect(await rowTop()).toBe(topBefore);
    expect(page.url()).toContain(`sel=${targetId}`);
    await shot('long-table-deep-live');
    await banner.click();
    await expect.poll(() => banner.count(), LIVE).toBe(0);
    expect(await page.locator(`[data-run-id="${targetId}"] input[type="checkbox"]`).isChecked()).toBe(true);
    await table.evaluate((el) => {
      el.scrollTop = 0;
    });
    // At the top the sorted key's lowest values come first: loss 0 is ids[0].
    await expect.poll(async () => (await runIdsShown())[0], LIVE).toBe(ids[0]);

    // Keyboard: focus the table, move down, Enter opens the run.
    await table.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/experiments/${experimentId}/runs/${ids[1]}`), LIVE);
  });

  it('nests child runs under their parent, and a filter matching only a grandchild keeps its parent chain', async () => {
    const experimentId = await createExperiment('nested');
    const create = async (name: string, parentRunId?: string) =>
      (await server.ok(`mutation($e: ID!, $n: String!, $p: ID) { createRun(experimentId: $e, name: $n, parentRunId: $p) { id } }`, { e: experimentId, n: name, p: parentRunId })).createRun
        .id as string;
    const parent = await create('sweep-parent');
    const child = await create('trial-1', parent);
    await create('trial-2', parent);
    const grandchild = await create('fold-a', child);
    await create('lonely');
    await server.ok(`mutation($r: ID!) { setTag(runId: $r, key: "fold", value: "a") { id } }`, { r: grandchild });
    await open(`#/experiments/${experimentId}`);
    await expect.poll(async () => (await runIdsShown()).length, LIVE).toBe(2);
    const expander = page.locator(`[data-run-id="${parent}"] .rt-expander`);
    expect(await expander.getAttribute('aria-label')).toBe('expand 2 child runs');
    await expander.click();
    await expect.poll(async () => (await runIdsShown()).length, LIVE).toBe(4);
    await page.locator(`[data-run-id="${child}"] .rt-expander`).click();
    await page.locator(`[data-run-id="${grandchild}"]`).waitFor(LIVE);
    await shot('nested-expanded');

    const box = page.getByRole('textbox', { name: 'Filter' });
    await box.fill("tags.fold = 'a'");
    await box.press('Enter');
    // Only the parent chain of the match: sweep-parent > trial-1 > fold-a (still expanded), not trial-2 or lonely.
    await expect.poll(async () => (await runIdsShown()).length, LIVE).toBe(3);
    expect(new Set(await runIdsShown())).toEqual(new Set([parent, child, grandchild]));
    await shot('nested-filtered');
  });

  it('draws a metric on the run page and appends points logged through the API in place', async () => {
    const experimentId = await createExperiment('live-chart');
    const runId = await createRun(experimentId, 'training');
    for (let step = 0; step < 50; step++) await logMetric(runId, 'train/loss', 1 / (step + 1), step);
    await open(`#/experiments/${experimentId}/runs/${runId}`);
    const chart = page.locator('[data-metric-key="train/loss"]');
    await expect.poll(() => chart.getAttribute('data-last-step'), LIVE).toBe('49');
    expect(await chart.getAttribute('data-series')).toBe('1');
    expect(await chart.getAttribute('data-points')).toBe('50');
    await logMetric(runId, 'train/loss', 0.01, 50);
    await logMetric(runId, 'train/loss', 0.005, 51);
    await expect.poll(() => chart.getAttribute('data-last-step'), LIVE).toBe('51');
    expect(await chart.getAttribute('data-points')).toBe('52');
    await shot('run-page-live-chart');
  });

  it('overlays the selected runs in the compare view', async () => {
    await open(`#/experiments/${sweepId}`);
    await expect.poll(() => rows().count(), LIVE).toBe(10);
    const boxes = page.locator('.rt-body [data-run-id] input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await boxes.nth(2).check();
    await page.getByRole('link', { name: 'Compare' }).click();
    const chart = page.locator('[data-metric-key="mse"]');
    await expect.poll(() => chart.getAttribute('data-series'), LIVE).toBe('3');
    await shot('compare-three-runs');
  });

  it('previews artifacts and downloads them byte-exact, a folder as a zip', async () => {
    const experimentId = await createExperiment('artifacts');
    const runId = await createRun(experimentId, 'with-files');
    const json = JSON.stringify({ weights: [1, 2, 3], degree: 2 });
    const binary = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
    for (const [path, body] of [['model/model.json', Buffer.from(json)], ['model/weights.bin', binary], ['metrics.csv', Buffer.from('step,loss\n0,1.5\n1,0.75\n')]] as const) {
      expect((await fetch(`${server.url}/artifacts/${runId}/${path}`, { method: 'PUT', body })).status).toBe(200);
    }
    await open(`#/experiments/${experimentId}/runs/${runId}?tab=artifacts`);
    await page.locator(`[data-artifact-path="metrics.csv"] .artifact-file`).click();
    await page.locator('.csv-preview td', { hasText: '0.75' }).waitFor(LIVE);
    await page.locator('[data-artifact-path="model"] .artifact-dir').click();
    await page.locator('[data-artifact-path="model/model.json"] .artifact-file').click();
    const preview = page.getByTestId('artifact-preview');
    await expect.poll(() => preview.locator('pre').textContent(), LIVE).toBe(JSON.stringify(JSON.parse(json), null, 2));
    await shot('artifacts-json-preview');

    const [fileDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-artifact-path="model/weights.bin"] a.download').click()]);
    expect(readFileSync(await fileDownload.path())).toEqual(binary);
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-artifact-path="model"] > .artifact-row a.download').click()]);
    const entries = unzipSync(readFileSync(await zipDownload.path()));
    expect(Buffer.from(entries['weights.bin'] as Uint8Array)).toEqual(binary);
    expect(new TextDecoder().decode(entries['model.json'])).toBe(json);
  });

  it('renders a hostile note inert', async () => {
    const experimentId = await createExperiment('hostile');
    const runId = await createRun(experimentId, 'xss');
    const note = [
      '# Results',
      '<script>window.__pwned = "script"</script>',
      '<img src="x" onerror="window.__pwned = \'onerror\'">',
      '[click me](javascript:window.__pwned=\'link\')',
      '<a href="javascript:window.__pwned=\'raw\'">raw link</a>',
      '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
      '**bold** text',
    ].join('\n\n');
    await server.ok(`mutation($r: ID!, $v: String!) { setTag(runId: $r, key: "mlflow.note.content", value: $v) { id } }`, { r: runId, v: note });
    await open(`#/experiments/${experimentId}/runs/${runId}`);
    const rendered = page.getByTestId('note-rendered');
    await rendered.locator('strong', { hasText: 'bold' }).waitFor(LIVE);
    expect(await rendered.locator('script, iframe, [onerror]').count()).toBe(0);
    const hrefs = await rendered.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.some((h) => /^\s*javascript:/i.test(h))).toBe(false);
    for (const link of await rendered.locator('a').all()) await link.click({ modifiers: [] }).catch(() => undefined);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    await shot('hostile-note');
  });

  it('shows an empty experiment\'s first-run snippet, an unknown experiment\'s error, and both themes', async () => {
    const experimentId = await createExperiment('empty one');
    await open(`#/experiments/${experimentId}`);
    const empty = page.getByTestId('empty-experiment');
    await empty.waitFor(LIVE);
    expect(await empty.textContent()).toContain(`mlflow.set_tracking_uri("${server.url}")`);
    await shot('empty-experiment');
    await open('#/experiments/999999');
    await page.getByRole('alert').first().waitFor(LIVE);
    await shot('unknown-experiment');
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(`#/experiments/${sweepId}`);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => rows().count(), LIVE).toBe(10);
    await shot('sweep-dark');
    await page.getByRole('button', { name: /theme/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => localStorage.clear());
  });

  it('shows offline when the server goes away, and resumes without missing a point when it comes back', async () => {
    const experimentId = await createExperiment('restart');
    const runId = await createRun(experimentId, 'survivor');
    for (let step = 0; step < 10; step++) await logMetric(runId, 'loss', 10 - step, step);
    await open(`#/experiments/${experimentId}/runs/${runId}`);
    const chart = page.locator('[data-metric-key="loss"]');
    await expect.poll(() => chart.getAttribute('data-last-step'), LIVE).toBe('9');

    const { port, dir } = server;
    await server.close();
    await page.locator('[data-live-status="offline"]').waitFor(LIVE);
    await shot('offline');
    // The same database and port again; points logged before the page has reconnected are replayed.
    restarted = await startServer({
      host: '127.0.0.1',
      port,
      db: join(dir, 'trackline.db'),
      artifacts: join(dir, 'artifacts'),
      allowOrigins: [],
      allowHosts: [],
      maxBodyBytes: 16 * 1024 * 1024,
      maxUploadBytes: 1024 ** 3,
    });
    for (let step = 10; step < 20; step++) await logMetric(runId, 'loss', 10 - step, step);
    await page.locator('[data-live-status="connected"]').waitFor(LIVE);
    for (let step = 20; step < 25; step++) await logMetric(runId, 'loss', 10 - step, step);
    await expect.poll(() => chart.getAttribute('data-last-step'), LIVE).toBe('24');
    expect(await chart.getAttribute('data-points')).toBe('25');
    await shot('reconnected');
  });
});
