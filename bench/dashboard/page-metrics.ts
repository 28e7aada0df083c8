import type { Page } from 'playwright-core';

/**
 * Measurements taken inside the page (Performance API and requestAnimationFrame), so they show what
 * the browser did, not what the driver saw. Times are the page's performance.now() in ms; "painted"
 * means the frame after the DOM change has been rendered (two rAFs after the change).
 */

/**
 * Installed before any page script: records when the first run row (with its cells) appears. Also
 * defines `__name`, which tsx (esbuild keepNames) wraps around named functions in the code this file
 * hands to page.evaluate.
 */
export const FIRST_ROW_OBSERVER = `
  globalThis.__name = (f) => f;
  window.__firstRowPainted = new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    const check = () => {
      if (document.querySelector('.rt-body [data-run-id] [data-column]')) { observer.disconnect(); done(); return true; }
      return false;
    };
    const observer = new MutationObserver(check);
    document.addEventListener('DOMContentLoaded', () => { if (!check()) observer.observe(document.body, { subtree: true, childList: true, attributes: true }); });
  });
`;

/** A fresh load of the dashboard (from a blank page: a hash-only change would not reload it). */
export async function firstRowPaint(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  return page.evaluate(() => (window as unknown as { __firstRowPainted: Promise<number> }).__firstRowPainted);
}

/** Clicks a sortable header and measures until the first row shown is another run, painted. */
export async function sortChange(page: Page, column: string): Promise<number> {
  await page.locator(`.rt-header [data-column="${column}"] button`).first().waitFor({ timeout: 30_000 });
  return page.evaluate(async (col) => {
    const firstId = () => document.querySelector('.rt-body [data-run-id]')?.getAttribute('data-run-id');
    const before = firstId();
    const button = document.querySelector(`.rt-header [data-column="${CSS.escape(col)}"] button`) as HTMLButtonElement;
    const t0 = performance.now();
    button.click();
    await new Promise<void>((resolve) => {
      const check = () => {
        const now = firstId();
        if (now && now !== before && document.querySelector('.rt-body [data-run-id] [data-column]')) {
          observer.disconnect();
          resolve();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run-id'] });
    });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, column);
}

/**
 * Scrolls the runs table from top to bottom at `rowsPerFrame` rows a frame, recording each frame's
 * duration, then keeps going until every row in view is loaded; returns the frame times and the
 * durations of the /graphql requests made meanwhile (the windows read).
 */
export async function scrollThrough(page: Page, rowsPerFrame: number): Promise<{ frames: number[]; fetches: number[]; placeholdersAtEnd: number }> {
  return page.evaluate(async (perFrame) => {
    const table = document.querySelector('[data-testid="runs-table"]') as HTMLElement;
    const started = performance.now();
    const frames: number[] = [];
    let last = performance.now();
    await new Promise<void>((resolve) => {
      const step = (t: number) => {
        frames.push(t - last);
        last = t;
        if (table.scrollTop + table.clientHeight >= table.scrollHeight - 1) return resolve();
        table.scrollTop += perFrame * 32;
        requestAnimationFrame(step);
      };
      requestAnimationFrame((t) => {
        last = t;
        requestAnimationFrame(step);
      });
    });
    // Let the last window arrive.
    for (let i = 0; i < 200 && document.querySelector('.rt-body .rt-row.loading'); i++) await new Promise((r) => setTimeout(r, 20));
    const fetches = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.endsWith('/graphql') && e.startTime >= started)
      .map((e) => e.duration);
    return { frames: frames.slice(1), fetches, placeholdersAtEnd: document.querySelectorAll('.rt-body .rt-row.loading').length };
  }, rowsPerFrame);
}

/** Navigates to a run page and measures until every chart on it has drawn its history. */
export async function chartsPainted(page: Page, url: string, charts: number): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  return page.evaluate(async (n) => {
    await new Promise<void>((resolve) => {
      const check = () => {
        const drawn = [...document.querySelectorAll('[data-metric-key]')].filter((el) => (el as HTMLElement).dataset.points);
        if (drawn.length >= n) {
          observer.disconnect();
          resolve();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] });
      check();
    });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now();
  }, charts);
}

/** Drags across the middle of the first chart (a zoom) and measures until it has redrawn the window. */
export async function zoom(page: Page, from: number, to: number): Promise<number> {
  const chart = page.locator('[data-metric-key]').first();
  const over = chart.locator('.u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('zoom: the chart has no plot area');
  await page.evaluate(() => {
    const el = document.querySelector('[data-metric-key]') as HTMLElement;
    (window as unknown as { __zoom: Promise<number> }).__zoom = new Promise((resolve) => {
      // From the mouse-up that ends the drag (what starts the zoom) to the redrawn window, painted.
      let released = 0;
      document.addEventListener('mouseup', () => (released = performance.now()), { capture: true, once: true });
      const before = el.dataset.lastStep;
      const observer = new MutationObserver(() => {
        if (el.dataset.lastStep !== before) {
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - released)));
        }
      });
      observer.observe(el, { attributes: true, attributeFilter: ['data-last-step'] });
    });
  });
  await page.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 2 });
  await page.mouse.up();
  return page.evaluate(() => (window as unknown as { __zoom: Promise<number> }).__zoom);
}
