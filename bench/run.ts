import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatMarkdown, formatTable } from './lib/table.js';
import type { Bench, BenchRow } from './types.js';

/**
 * `npm run bench [-- name ...]`: runs every bench/<name>.bench.ts (or only those named), prints one
 * table, and writes bench/results/<date>.json and bench/results/latest.json.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.bench.ts';

async function main(selected: string[]): Promise<number> {
  const available = readdirSync(HERE)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
  const unknown = selected.filter((name) => !available.includes(name));
  if (unknown.length) {
    process.stderr.write(`bench: no bench named ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 1;
  }
  const names = selected.length ? selected : available;
  const rows: (BenchRow & { bench: string })[] = [];
  const failures: { bench: string; error: string }[] = [];
  const started = new Date();
  for (const name of names) {
    process.stderr.write(`bench: ${name} ...\n`);
    const t0 = Date.now();
    try {
      const { bench } = (await import(pathToFileURL(join(HERE, `${name}${SUFFIX}`)).href)) as { bench: Bench };
      for (const row of await bench.run()) rows.push({ bench: bench.name, ...row });
    } catch (error) {
      // One broken bench must not hide the others' figures.
      failures.push({ bench: name, error: String((error as Error)?.stack ?? error) });
      process.stderr.write(`bench: ${name} failed: ${String((error as Error)?.stack ?? error)}\n`);
    }
    process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  writeResults(started, rows, failures);
  return failures.length ? 1 : 0;
}

function writeResults(started: Date, rows: (BenchRow & { bench: string })[], failures: { bench: string; error: string }[]) {
  const dir = join(HERE, 'results');
  mkdirSync(dir, { recursive: true });
  const report = {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryBytes: totalmem(), node: process.version, platform: process.platform },
    rows,
    failures,
    markdown: formatMarkdown(rows),
  };
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, text);
  writeFileSync(join(dir, 'latest.json'), text);
  process.stderr.write(`bench: results written to ${file} and ${join(dir, 'latest.json')}\n`);
}

process.exitCode = await main(process.argv.slice(2));
