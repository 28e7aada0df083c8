import type { BenchRow } from '../types.js';
import { round } from './stats.js';

/** The results as one plain-text table: name, value, unit, target, pass. */
export function formatTable(rows: readonly (BenchRow & { bench: string })[]): string {
  const header = ['bench', 'name', 'value', 'unit', 'target', 'pass'];
  const cells = rows.map((r) => [
    r.bench,
    r.name,
    String(round(r.value)),
    r.unit,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The same table in Markdown, for the README. */
export function formatMarkdown(rows: readonly (BenchRow & { bench: string })[]): string {
  const out = ['| bench | measure | value | unit | target | pass |', '|---|---|---:|---|---|---|'];
  for (const r of rows) {
    out.push(`| ${r.bench} | ${r.name} | ${round(r.value)} | ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'no'} |`);
  }
  return out.join('\n');
}
