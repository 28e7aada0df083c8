import { readFileSync } from 'node:fs';

/**
 * `npx tsx bench/profile.ts <file.cpuprofile> [rows]`: where a CPU profile spent its time, by function
 * and by file (self time). Profiles come from `TRACKLINE_BENCH_PROF=<dir> npm run bench -- core`, which
 * starts each server child with `node --cpu-prof`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npx tsx bench/profile.ts <file.cpuprofile> [rows]\n');
  process.exit(1);
}
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const frame = (nodes.get(id) as ProfileNode).callFrame;
  const micros = profile.timeDeltas[i] ?? 0;
  total += micros;
  const where = shorten(frame.url);
  const fn = `${frame.functionName || '(anonymous)'} ${where}${where ? `:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  const owner = where.replace(/^node_modules\/((@[^/]+\/)?[^/]+)\/.*/, '$1') || frame.functionName;
  byFile.set(owner, (byFile.get(owner) ?? 0) + micros);
});

const top = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
process.stdout.write(`${(total / 1e6).toFixed(1)} s sampled\n\nself time by function\n${top(byFunction)}\n\nself time by file or package\n${top(byFile)}\n`);

/** Paths relative to the repository (or node_modules), without the file:// prefix. */
function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules);
  const root = process.cwd();
  return path.startsWith(root) ? path.slice(root.length + 1) : path;
}
