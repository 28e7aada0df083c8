import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Trackline, TracklineError, connect } from '../../client/sdk/index.js';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { FaultProxy } from './fault-proxy.js';
import { FAST_RETRY } from './support.js';

let server: TestServer;
let tl: Trackline;
let work: string;

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: 64 * 1024 * 1024 });
  tl = connect({ url: server.url, exitHandlers: false, retry: FAST_RETRY });
  work = await mkdtemp(join(tmpdir(), 'trackline-sdk-artifacts-'));
});
afterAll(async () => {
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

describe('uploading', () => {
  it('a file lands at <artifactPath>/<its name>; a folder recursively under <artifactPath>/', async () => {
    const run = await tl.startRun();
    const local = join(work, 'upload');
    await writeTree(local, { 'model.json': '{"w":[1,2]}', 'plots/loss.csv': 'step,loss\n0,1\n', 'plots/deep/er/x.txt': 'x', 'top.txt': 'top' });
    expect(await run.logArtifact(join(local, 'model.json'), 'model/')).toEqual(['model/model.json']);
    expect(await run.logArtifact(join(local, 'plots'))).toEqual(expect.arrayContaining(['loss.csv', 'deep/er/x.txt']));
    expect((await run.logArtifact(join(local, 'plots'), 'figures')).sort()).toEqual(['figures/deep/er/x.txt', 'figures/loss.csv']);
    expect((await tl.listArtifacts(run.id)).map((e) => `${e.path}${e.isDir ? '/' : ''}`)).toEqual(['deep/', 'figures/', 'loss.csv', 'model/']);
    const model = (await tl.listArtifacts(run.id, 'model'))[0];
    expect(model).toMatchObject({ name: 'model.json', path: 'model/model.json', isDir: false, size: 11 });
    await run.end();
  });

  it('streams a large file from disk and gets back the same bytes', async () => {
    const run = await tl.startRun();
    const big = randomBytes(24 * 1024 * 1024);
    await writeFile(join(work, 'weights.bin'), big);
    await run.logArtifact(join(work, 'weights.bin'), 'checkpoints');
    const back = await tl.downloadArtifacts(run.id, 'checkpoints/weights.bin', join(work, 'down-big'));
    expect(back).toBe(join(work, 'down-big', 'checkpoints', 'weights.bin'));
    expect(sha256(await readFile(back))).toBe(sha256(big));
    await run.end();
  });

  it('uploads a folder with at most artifactConcurrency files at once, and retries a refused PUT with a fresh stream', async () => {
    let refused = 0;
    const proxy = new FaultProxy(server.url, (r) => (r.method === 'PUT' && r.url.endsWith('/f3.txt') && refused++ === 0 ? 'unavailable' : 'pass'));
    const client = connect({ url: await proxy.start(), exitHandlers: false, retry: FAST_RETRY, artifactConcurrency: 2, token: 'secret' });
    const run = await client.startRun();
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}.txt`, `content ${i} `.repeat(1000)]));
    await writeTree(join(work, 'many'), files);
    await run.logArtifact(join(work, 'many'), 'many');
    await run.end();
    await proxy.stop();
    const puts = proxy.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(9);
    expect(proxy.maxConcurrent).toBe(2);
    expect(puts.every((r) => r.headers.authorization === 'Bearer secret')).toBe(true);
    const dest = await tl.downloadArtifacts(run.id, 'many', join(work, 'down-many'));
    for (const [name, content] of Object.entries(files)) expect(await readFile(join(dest, name), 'utf8')).toBe(content);
  });

  it('logText and logJson write the artifact at the given path', async () => {
    const run = await tl.startRun();
    await run.logText('héllo\n', 'notes/readme.md');
    await run.logJson({ a: [1, 2], b: 'x' }, 'config/run config.json');
    const dest = await tl.downloadArtifacts(run.id, '', join(work, 'down-text'));
    expect(await readFile(join(dest, 'notes/readme.md'), 'utf8')).toBe('héllo\n');
    expect(JSON.parse(await readFile(join(dest, 'config/run config.json'), 'utf8'))).toEqual({ a: [1, 2], b: 'x' });
    await tl.deleteArtifact(run.id, 'notes');
    expect((await tl.listArtifacts(run.id)).map((e) => e.name)).toEqual(['config']);
    await run.end();
  });
});

describe('logModel', () => {
  it('writes model/model.json and an MLmodel YAML descriptor, and records it in mlflow.log-model.history', async () => {
    const run = await tl.startRun();
    const logged = await run.logModel({ coefficients: [0.1, 0, 1] }, { flavor: 'polynomial', metadata: { degree: 2 } });
    expect(logged.artifactPath).toBe('model');
    const dest = await tl.downloadArtifacts(run.id, 'model', join(work, 'down-model'));
    expect(JSON.parse(await readFile(join(dest, 'model.json'), 'utf8'))).toEqual({ coefficients: [0.1, 0, 1] });
    const descriptor = parse(await readFile(join(dest, 'MLmodel'), 'utf8'));
    expect(descriptor).toMatchObject({
      artifact_path: 'model',
      flavors: { polynomial: { data: 'model.json' } },
      run_id: run.id,
      model_uuid: logged.modelUuid,
      metadata: { degree: 2 },
    });
    expect(descriptor.utc_time_created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);

    await writeFile(join(work, 'net.onnx'), 'onnx-bytes');
    await run.logModel(join(work, 'net.onnx'), { name: 'onnx-model', flavor: 'onnx' });
    expect((await tl.listArtifacts(run.id, 'onnx-model')).map((e) => e.name)).toEqual(['MLmodel', 'net.onnx']);
    const history = JSON.parse((await run.info()).tags['mlflow.log-model.history'] ?? '[]');
    expect(history.map((h: { artifact_path: string }) => h.artifact_path)).toEqual(['model', 'onnx-model']);
    await run.end();
  });
});

describe('artifact errors', () => {
  it('refuses paths that leave the run folder before sending, and the server refuses the rest with 400', async () => {
    const run = await tl.startRun();
    await expect(run.logText('x', '../escape.txt')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', operation: 'logText', field: 'path' });
    await expect(run.logText('x', 'a/./b')).rejects.toBeInstanceOf(TracklineError);
    await expect(run.logText('x', 'what?.txt')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', status: 400, operation: 'logText' });
    await expect(run.logArtifact(join(work, 'no-such-file'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'fileOrDir' });
    await expect(tl.downloadArtifacts(run.id, 'missing.txt', join(work, 'nowhere'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await run.end();
  });

  it('an upload over the server limit: INVALID_ARGUMENT with status 413, not retried', async () => {
    const small = await startTestServer({ maxUploadBytes: 1000 });
    const client = connect({ url: small.url, exitHandlers: false, retry: FAST_RETRY });
    const run = await client.startRun();
    await writeFile(join(work, 'big.txt'), 'x'.repeat(5000));
    await expect(run.logArtifact(join(work, 'big.txt'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', status: 413, operation: 'logArtifact' });
    await run.end();
    await small.stop();
  });
});
