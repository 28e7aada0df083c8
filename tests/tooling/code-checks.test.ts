import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN, DEPENDENCY_VIOLATIONS, ENTRIES, type Tree, UNUSED } from './code-checks-fixture.js';

// The checks of `npm run check` (dependency-cruiser with .dependency-cruiser.cjs, knip with knip.jsonc) run
// through their CLIs on small trees laid out like the repository: each rule must report its violation by
// name, and the clean tree must pass. The repository's own code is checked by `npm run check` itself.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const DEPCRUISE_FMT = join(ROOT, 'node_modules/dependency-cruiser/bin/depcruise-fmt.mjs');
const KNIP = join(ROOT, 'node_modules/knip/bin/knip.js');

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * Lays the tree out in a new temporary directory with the repository's node_modules, and both checks'
 * configurations beside it (outside the tree, so that knip does not count them as the tree's files).
 */
async function layOut(tree: Tree): Promise<{ dir: string; depcruiseConfig: string; knipConfig: string }> {
  const base = await mkdtemp(join(tmpdir(), 'trackline-code-checks-'));
  dirs.push(base);
  const dir = join(base, 'tree');
  for (const [path, text] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  // Packages resolve as they do in the repository, under node_modules/ (kept as that path, not followed to
  // the real one), so the rules that match package paths see the same paths.
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const depcruiseConfig = join(base, 'dependency-cruiser.cjs');
  await writeFile(
    depcruiseConfig,
    `module.exports = ${JSON.stringify({ extends: join(ROOT, '.dependency-cruiser.cjs'), options: { preserveSymlinks: true, cache: false } })};\n`,
  );
  // The repository's knip configuration with the fixture's entry points in place of the repository's.
  const knip = ts.parseConfigFileTextToJson('knip.jsonc', await readFile(join(ROOT, 'knip.jsonc'), 'utf8'));
  expect(knip.error).toBeUndefined();
  const knipConfig = join(base, 'knip.json');
  await writeFile(knipConfig, JSON.stringify({ ...knip.config, $schema: undefined, entry: ENTRIES }));
  return { dir, depcruiseConfig, knipConfig };
}

/** Runs a CLI in `cwd`; a non-zero exit is an answer here (violations found), not an error. */
function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface CruiseViolation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

async function dependencyViolations(tree: Tree): Promise<{ code: number; violations: { rule: string; from: string; to: string }[] }> {
  const { dir, depcruiseConfig } = await layOut(tree);
  const { stdout, stderr } = await run([DEPCRUISE, '--config', depcruiseConfig, '--output-type', 'json', '.'], dir);
  expect(stdout, stderr).toMatch(/^\{/);
  // The exit code as `npm run check:deps` (the err reporter) gives it, from the same result.
  const resultFile = join(dir, '..', 'cruise.json');
  await writeFile(resultFile, stdout);
  const { code } = await run([DEPCRUISE_FMT, '--exit-code', '--output-type', 'err', resultFile], dir);
  const result = JSON.parse(stdout) as { summary: { violations: CruiseViolation[] } };
  // A package by its name: which of its files the import resolved to is the package's business.
  const named = (to: string) => to.replace(/^node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1');
  // A circle once, by its modules in order of name (which of its imports closes it depends on the walk).
  const violation = (v: CruiseViolation) => {
    if (!v.cycle) return { rule: v.rule.name, from: v.from, to: named(v.to) };
    const [first, ...rest] = [...new Set([v.from, ...v.cycle.map((c) => c.name)])].sort();
    return { rule: v.rule.name, from: first as string, to: rest.join(' ') };
  };
  return { code, violations: result.summary.violations.map(violation) };
}

type KnipIssue = Record<string, unknown> & { file: string };

/** knip's findings as `type: file name` lines ("files: db/unused.ts", "exports: common/codec.ts VERSION"). */
async function unusedFindings(tree: Tree): Promise<{ code: number; findings: string[]; output: string }> {
  const { dir, knipConfig } = await layOut(tree);
  const { code, stdout, stderr } = await run([KNIP, '--config', knipConfig, '--reporter', 'json', '--no-progress'], dir);
  expect(stdout, stderr).toMatch(/^\{/);
  const { issues } = JSON.parse(stdout) as { issues: KnipIssue[] };
  const findings: string[] = [];
  for (const issue of issues) {
    for (const [type, found] of Object.entries(issue)) {
      if (!Array.isArray(found)) continue;
      for (const item of found as { name: string }[]) findings.push(type === 'files' ? `files: ${issue.file}` : `${type}: ${issue.file} ${item.name}`);
    }
  }
  return { code, findings, output: stdout + stderr };
}

const byKey = (a: { rule: string; from: string; to: string }, b: { rule: string; from: string; to: string }) =>
  `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`);

// Each test runs its tools in child processes: run concurrently, they take about the time of the slowest.
describe.concurrent('the code checks', () => {
  describe('dependency-cruiser with .dependency-cruiser.cjs', () => {
    it('passes a tree whose imports follow the layers', async () => {
      const { code, violations } = await dependencyViolations(CLEAN);
      expect(violations).toEqual([]);
      expect(code).toBe(0);
    });

    it('reports each broken rule by name, and nothing else', async () => {
      const { code, violations } = await dependencyViolations(DEPENDENCY_VIOLATIONS.tree);
      expect(violations.sort(byKey)).toEqual([...DEPENDENCY_VIOLATIONS.expected].sort(byKey));
      // Every rule of the configuration has its violation in the fixture.
      const config = (await import(join(ROOT, '.dependency-cruiser.cjs'))) as { default: { forbidden: { name: string }[] } };
      expect(new Set(violations.map((v) => v.rule))).toEqual(new Set(config.default.forbidden.map((rule) => rule.name)));
      expect(code).toBeGreaterThan(0);
    });
  });

  describe('knip with knip.jsonc', () => {
    it('passes a tree where every file, export and package is used', async () => {
      const { code, findings, output } = await unusedFindings(CLEAN);
      expect(findings).toEqual([]);
      expect(code, output).toBe(0);
    });

    it('reports the unused file, the unused exports, and the unused and unlisted packages', async () => {
      const { code, findings } = await unusedFindings(UNUSED.tree);
      expect(findings.sort()).toEqual([...UNUSED.expected].sort());
      expect(code).toBe(1);
    });
  });
});
