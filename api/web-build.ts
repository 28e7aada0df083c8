import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Building the dashboard (client/web, SolidJS + Vite) into dist/web, and knowing when that build is
 * stale: `npm start` (its prestart step) and the browser tests build it when it is missing or older than
 * any of its sources, so a fresh clone and a changed page both get the page they expect.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DASHBOARD_DIST = join(ROOT, 'dist', 'web');
const STAMP = join(DASHBOARD_DIST, '.built');

/** Everything the bundle is made from. */
const SOURCES = ['client/web', 'common', 'package-lock.json'].map((p) => join(ROOT, p));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why the build must be made again, or undefined when it is current. */
export function dashboardStaleness(): string | undefined {
  if (!existsSync(STAMP) || !existsSync(join(DASHBOARD_DIST, 'index.html'))) return 'the dashboard has not been built';
  const built = statSync(STAMP).mtimeMs;
  const changed = SOURCES.find((source) => newestMtime(source) > built);
  return changed ? `${changed.slice(ROOT.length + 1)} changed since the last build` : undefined;
}

export async function buildDashboard(options: { quiet?: boolean } = {}): Promise<void> {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'client/web/vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  if (!options.quiet) process.stderr.write(`trackline: dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Builds when stale; concurrent callers (test files in parallel) share one build per process. */
let building: Promise<void> | undefined;
export function ensureDashboardBuilt(options: { quiet?: boolean } = {}): Promise<void> {
  const reason = dashboardStaleness();
  if (!reason) return Promise.resolve();
  if (!options.quiet) process.stderr.write(`trackline: building the dashboard (${reason})\n`);
  building ??= buildDashboard(options).finally(() => {
    building = undefined;
  });
  return building;
}

// `tsx api/web-build.ts [--if-stale]`: npm run build:web, and npm start's prestart step.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifStale = process.argv.includes('--if-stale');
  await (ifStale ? ensureDashboardBuilt() : buildDashboard()).catch((error: unknown) => {
    process.stderr.write(`trackline: building the dashboard failed: ${String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = 1;
  });
}
