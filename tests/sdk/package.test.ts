import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { runStatus, storedPoints } from './support.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The SDK's compiled files: its own, the generated documents, and the shared dependency-free codecs.
const DIST_DIRS = ['dist/client', 'dist/common'].map((d) => join(ROOT, d));

let server: TestServer;
beforeAll(async () => {
  // What `npm run build` / `prepare` do: plain tsc of client/sdk and client/graphql into dist/.
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.sdk.json')], { cwd: ROOT });
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.stop());

describe('trackline/sdk as a package', () => {
  it('a plain Node 20 script (no tsx) imports it by the package name and logs a run', async () => {
    const script = `
      import { connect } from 'trackline/sdk';
      const tl = connect();
      const exp = await tl.setExperiment('plain-node');
      const run = await tl.startRun({ experiment: exp });
      for (let step = 0; step < 10; step++) run.logMetric('m', step, { step });
      console.log(run.id);
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: ROOT,
      env: { ...process.env, TRACKLINE_URL: server.url },
    });
    const runId = stdout.trim();
    expect(await runStatus(server, runId)).toBe('FINISHED');
    expect(await storedPoints(server, runId, 'm')).toBe(10);
  });

  it('pulls in no server or dashboard code: only node builtins, @urql/core, yaml and its own files', async () => {
    const files: string[] = [];
    for (const dir of DIST_DIRS) {
      files.push(...(await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js')).map((f) => join(dir, f)));
    }
    const specifiers = new Set<string>();
    for (const file of files) {
      for (const match of (await readFile(file, 'utf8')).matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const specifier = (match[1] ?? match[2]) as string;
        specifiers.add(specifier.startsWith('.') ? relative(ROOT, join(file, '..', specifier)) : specifier);
      }
    }
    const outside = [...specifiers].filter(
      (s) => !s.startsWith('node:') && s !== '@urql/core' && s !== 'yaml' && !/^dist\/(client\/(sdk|graphql)|common)\//.test(s),
    );
    expect(outside).toEqual([]);
    expect(specifiers.has('@urql/core')).toBe(true);
  });
});
