import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { createRun, put, rawRequest } from './artifacts-support.js';

/**
 * The hostile-path table (docs/architecture.md section 6; the classes of MLflow's path-traversal advisories): every path below is refused with
 * 400 on GET, PUT and DELETE, and nothing outside the artifact root is read, written or removed. A
 * sentinel file sits next to the root, exactly where the traversals aim.
 */

let server: TestServer;
let runId: string;
let root: string;
let sentinel: string;
const SECRET = `SENTINEL-${Math.random().toString(36).slice(2)}`;

/** Everything under `dir` (names, sizes, mtimes, contents of small files), to prove nothing changed. */
function snapshot(dir: string, skip: (name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (skip(relative(dir, path))) continue;
      if (entry.isSymbolicLink()) out.push(`${relative(dir, path)} -> link`);
      else if (entry.isDirectory()) {
        out.push(`${relative(dir, path)}/`);
        walk(path);
      } else {
        const info = statSync(path);
        out.push(`${relative(dir, path)} ${info.size} ${info.mtimeMs} ${readFileSync(path).toString('base64')}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

// Raw request targets after `/artifacts/`; {run} is a real, active run. Written as a client could send them.
const HOSTILE: string[] = [
  // dot segments, plain
  '{run}/..',
  '{run}/../sentinel.txt',
  '{run}/../../../../sentinel.txt',
  '{run}/../../../../../../../../etc/passwd',
  '{run}/a/../../../../../sentinel.txt',
  '{run}/a/..',
  '{run}/a/../b.txt',
  '{run}/.',
  '{run}/./a.txt',
  '{run}/a/./b.txt',
  // dot segments, percent-encoded (the URL parser would resolve these itself)
  '{run}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/sentinel.txt',
  '{run}/%2E%2E/%2E%2E/%2E%2E/%2E%2E/sentinel.txt',
  '{run}/.%2e/.%2e/.%2e/.%2e/sentinel.txt',
  '{run}/%2e./%2e./%2e./%2e./sentinel.txt',
  '{run}/..%2f..%2f..%2f..%2fsentinel.txt',
  '{run}/..%2F..%2F..%2F..%2Fsentinel.txt',
  '{run}/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsentinel.txt',
  // double encoding (CVE-2023-6831)
  '{run}/%252e%252e/%252e%252e/%252e%252e/%252e%252e/sentinel.txt',
  '{run}/%252e%252e%252f%252e%252e%252fsentinel.txt',
  '{run}/..%252f..%252f..%252f..%252fsentinel.txt',
  '{run}/.%252e/sentinel.txt',
  // invalid or overlong UTF-8 spellings of '.' and '/'
  '{run}/%c0%ae%c0%ae/%c0%ae%c0%ae/sentinel.txt',
  '{run}/%e0%80%ae%e0%80%ae/sentinel.txt',
  '{run}/..%c0%afsentinel.txt',
  '{run}/%%32%65%%32%65/sentinel.txt',
  // backslashes (CVE-2023-2780)
  '{run}/..\\..\\..\\..\\sentinel.txt',
  '{run}/..%5c..%5c..%5c..%5csentinel.txt',
  '{run}/a\\..\\..\\..\\..\\..\\sentinel.txt',
  '{run}/%2e%2e%5c%2e%2e%5c%2e%2e%5c%2e%2e%5csentinel.txt',
  // absolute, drive-letter and UNC paths (CVE-2023-1176, CVE-2023-3765)
  '{run}//etc/passwd',
  '{run}/%2fetc%2fpasswd',
  '{run}/%2F{sentinel}',
  '{run}/C:/Windows/win.ini',
  '{run}/C:%5cWindows%5cwin.ini',
  '{run}/c:sentinel.txt',
  '{run}/\\\\127.0.0.1\\c$\\sentinel.txt',
  '{run}/%5c%5cserver%5cshare%5csentinel.txt',
  '{run}///server/share/sentinel.txt',
  '{run}/file:%2f%2f%2fetc%2fpasswd',
  // NUL and other control bytes
  '{run}/sentinel.txt%00.png',
  '{run}/..%00/sentinel.txt',
  '{run}/a%0a.txt',
  '{run}/a\u0000b.txt',
  // ; ? # smuggling (CVE-2024-1593, CVE-2024-1483, CVE-2024-8859)
  '{run}/..;/..;/..;/..;/sentinel.txt',
  '{run}/a;/../../../../../sentinel.txt',
  '{run}/a%3b/../../x',
  '{run}/a?/../../../../../sentinel.txt',
  '{run}/a.txt?path=../../../../sentinel.txt',
  '{run}/a%3f/../x',
  '{run}/a#/../../../../../sentinel.txt',
  '{run}/a%23/../x',
  // empty segments
  '{run}/a//b.txt',
  '{run}/a/',
  '{run}/',
  // traversal in the run id position
  '..%2f..%2f..%2fsentinel.txt',
  '%2e%2e/%2e%2e/sentinel.txt',
  '../../sentinel.txt',
  '{run}%2f..%2f..%2f..%2f..%2fsentinel.txt',
  // symlinks inside the root that lead out of it (set up below)
  '{run}/escape/sentinel.txt',
  '{run}/escape/new.txt',
  '{run}/link.txt',
  '{run}/dangling/x.txt',
];

beforeAll(async () => {
  server = await startTestServer();
  root = join(server.dir, 'artifacts');
  sentinel = join(server.dir, 'sentinel.txt');
  writeFileSync(sentinel, SECRET);
  runId = (await createRun(server)).id;
  expect((await put(server, runId, 'inside.txt', 'inside')).status).toBe(200);
  const runFolder = join(root, '0', runId, 'artifacts');
  symlinkSync(server.dir, join(runFolder, 'escape'));
  symlinkSync(sentinel, join(runFolder, 'link.txt'));
  symlinkSync(join(server.dir, 'no-such-folder'), join(runFolder, 'dangling'));
});

afterAll(async () => {
  await server?.stop();
});

describe('hostile artifact paths', () => {
  it('has at least 40 hostile paths in the table', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE)('refuses %s on GET, HEAD, PUT and DELETE without touching anything outside the root', async (template) => {
    const target = `/artifacts/${template.replaceAll('{run}', runId).replaceAll('{sentinel}', encodeURIComponent(sentinel.slice(1)))}`;
    // The database files change on their own; everything else outside the root must not.
    const outsideBefore = snapshot(server.dir, (p) => p.startsWith('trackline.db') || p === 'artifacts');
    const rootBefore = snapshot(root);
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE']) {
      const response = await rawRequest(server.port, method, target, method === 'PUT' ? { body: 'PWNED' } : {});
      expect({ method, status: response.status }).toEqual({ method, status: 400 });
      expect(response.body.toString('latin1')).not.toContain(SECRET);
      if (response.body.length) {
        const error = JSON.parse(response.body.toString('utf8'));
        expect(error.error_code).toBe('INVALID_PARAMETER_VALUE');
        expect(error.message).toMatch(/path|runId/);
      }
    }
    expect(readFileSync(sentinel, 'utf8')).toBe(SECRET);
    expect(snapshot(server.dir, (p) => p.startsWith('trackline.db') || p === 'artifacts')).toEqual(outsideBefore);
    expect(snapshot(root)).toEqual(rootBefore);
  });

  it('still serves the legal file next to the hostile ones, and legal names that merely contain dots', async () => {
    const inside = await fetch(`${server.url}/artifacts/${runId}/inside.txt`);
    expect(await inside.text()).toBe('inside');
    for (const name of ['model..v2.json', '...', '..a', 'a..', '.hidden', 'x.y..z/w..v']) {
      expect((await put(server, runId, name, name)).status).toBe(200);
      const back = await fetch(`${server.url}/artifacts/${runId}/${name}`);
      expect(await back.text()).toBe(name);
    }
  });

  it('refuses hostile folders in GraphQL Run.artifacts without listing anything outside', async () => {
    const paths = ['..', '../..', 'a/../..', '/', '/etc', 'C:/', '\\\\server\\share', 'a//b', 'a\u0000', '%2e%2e', 'escape', 'dangling'];
    for (const path of paths) {
      const result = await server.gql('query($id: ID!, $p: String!) { run(id: $id) { artifacts(path: $p) { name } } }', { id: runId, p: path });
      expect({ path, code: result.errors?.[0]?.extensions?.code }).toEqual({ path, code: 'INVALID_ARGUMENT' });
      expect(JSON.stringify(result)).not.toContain('sentinel');
    }
  });

  it('does not list symlinks that lead out of the root', async () => {
    const data = await server.ok('query($id: ID!) { run(id: $id) { artifacts { name } } }', { id: runId });
    const names = data.run.artifacts.map((e: { name: string }) => e.name);
    expect(names).toContain('inside.txt');
    expect(names).not.toContain('escape');
    expect(names).not.toContain('link.txt');
    expect(names).not.toContain('dangling');
  });

  it('refuses writes into an experiment folder that is a symlink out of the root, creating nothing there', async () => {
    const outside = join(server.dir, 'outside-experiment');
    mkdirSync(outside);
    const experiment = await server.ok('mutation { createExperiment(name: "linked") { id } }');
    const id = experiment.createExperiment.id as string;
    symlinkSync(outside, join(root, id));
    const run = await createRun(server, id);
    const response = await put(server, run.id, 'deep/folder/file.txt', 'PWNED');
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
  });
});
