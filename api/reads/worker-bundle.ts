import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = join(ROOT, 'api/reads/worker.ts');
const OUT = join(ROOT, 'node_modules/.cache/trackline/read-worker.mjs');
const INPUTS = `${OUT}.inputs.json`;

/**
 * The read worker as one ES module, built from the TypeScript sources when missing or older than any
 * of them. Node 20 runs no TypeScript, and loading tsx in every worker thread cost each one about
 * 0.6 s to start and 70 MB; the bundle starts in about 0.15 s and costs about 35 MB. Native and
 * pool modules stay outside (better-sqlite3 is a compiled addon; piscina must be the very copy that
 * runs the worker, or the answers it moves would not be recognised).
 */
export async function readWorkerBundle(): Promise<string> {
  if (!(await isFresh())) {
    const temp = `${OUT}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(dirname(OUT), { recursive: true });
    const result = await build({
      entryPoints: [ENTRY],
      outfile: temp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', 'pg-native', 'piscina'],
      // Bundled CommonJS packages still call require().
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
    // Renamed into place: several servers (test processes) may build it at the same moment.
    await writeFile(INPUTS, JSON.stringify(inputs.map((input) => resolve(ROOT, input))));
    await rename(temp, OUT);
  }
  return pathToFileURL(OUT).href;
}

async function isFresh(): Promise<boolean> {
  try {
    const built = (await stat(OUT)).mtimeMs;
    const inputs = JSON.parse(await readFile(INPUTS, 'utf8')) as string[];
    const times = await Promise.all(inputs.map(async (input) => (await stat(input)).mtimeMs));
    return times.every((time) => time <= built);
  } catch {
    return false; // missing, or a source was moved or removed
  }
}
