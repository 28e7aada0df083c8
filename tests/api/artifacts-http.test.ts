import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { createRun, put, rawRequest, waitFor } from './artifacts-support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const runFolder = (runId: string, experimentId = '0') => join(server.dir, 'artifacts', experimentId, runId, 'artifacts');
const url = (runId: string, path: string) => `${server.url}/artifacts/${runId}/${path}`;
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function download(runId: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(url(runId, path), { headers });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

describe('round trips', () => {
  it('stores and returns small, empty, binary and non-ASCII-named files byte for byte', async () => {
    const { id } = await createRun(server);
    const files: Record<string, Buffer> = {
      'hello.txt': Buffer.from('hello, artifacts\n'),
      'empty.bin': Buffer.alloc(0),
      'all-bytes.bin': Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256)),
      'nested/deeper/random.npy': randomBytes(100_003),
      [encodeURIComponent('résumé plot (1).png')]: randomBytes(4096),
    };
    for (const [path, bytes] of Object.entries(files)) {
      const response = await put(server, id, path, bytes);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ path: decodeURIComponent(path), size: bytes.length });
    }
    for (const [path, bytes] of Object.entries(files)) {
      const { response, body } = await download(id, path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(body.equals(bytes)).toBe(true);
      // The file on disk is exactly what was sent, under the decoded name.
      expect(readFileSync(join(runFolder(id), decodeURIComponent(path))).equals(bytes)).toBe(true);
    }
  });

  it('streams a 50 MB generated file up and down unchanged', async () => {
    const { id } = await createRun(server);
    const bytes = randomBytes(50 * 1024 * 1024);
    // A streamed (chunked) upload: the server never sees a Content-Length.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1 << 20) controller.enqueue(bytes.subarray(offset, offset + (1 << 20)));
        controller.close();
      },
    });
    const uploaded = await fetch(url(id, 'big/weights.bin'), { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(uploaded.status).toBe(200);
    expect((await uploaded.json()).size).toBe(bytes.length);
    const { response, body: back } = await download(id, 'big/weights.bin');
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(sha(back)).toBe(sha(bytes));
    expect(back.equals(bytes)).toBe(true);
  });

  it('overwrites a file, and a finished run still takes uploads (as MLflow)', async () => {
    const { id } = await createRun(server);
    await put(server, id, 'a.txt', 'first');
    await server.ok('mutation($id: ID!) { updateRun(id: $id, status: FINISHED) { id } }', { id });
    expect((await put(server, id, 'a.txt', 'second')).status).toBe(200);
    expect((await download(id, 'a.txt')).body.toString()).toBe('second');
  });
});

describe('download headers', () => {
  let runId: string;
  const content = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');

  beforeAll(async () => {
    runId = (await createRun(server)).id;
    for (const name of ['data.txt', 'plot.png', 'photo.JPG', 'anim.gif', 'pic.webp', 'metrics.json', 'table.csv', 'MLmodel', 'evil.svg', 'page.html', 'model.pkl', 'noext']) {
      await put(server, runId, name, name === 'data.txt' ? content : `content of ${name}`);
    }
  });

  it.each([
    ['plot.png', 'image/png', 'inline'],
    ['photo.JPG', 'image/jpeg', 'inline'],
    ['anim.gif', 'image/gif', 'inline'],
    ['pic.webp', 'image/webp', 'inline'],
    ['data.txt', 'text/plain; charset=utf-8', 'inline'],
    ['metrics.json', 'application/json; charset=utf-8', 'inline'],
    ['table.csv', 'text/plain; charset=utf-8', 'inline'],
    ['MLmodel', 'text/plain; charset=utf-8', 'inline'],
    ['evil.svg', 'image/svg+xml', 'attachment'],
    ['page.html', 'text/html; charset=utf-8', 'attachment'],
    ['model.pkl', 'application/octet-stream', 'attachment'],
    ['noext', 'application/octet-stream', 'attachment'],
  ])('%s is served as %s, %s, with nosniff', async (name, type, disposition) => {
    const { response } = await download(runId, name);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^${disposition}; filename="${name}"`));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f-]+"$/);
  });

  it('names non-ASCII files with an RFC 6266 filename*', async () => {
    await put(server, runId, encodeURIComponent('ünïcode "quoted".txt'), 'x');
    const { response } = await download(runId, encodeURIComponent('ünïcode "quoted".txt'));
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="_n_code _quoted_.txt"; filename*=UTF-8''%C3%BCn%C3%AFcode%20%22quoted%22.txt`,
    );
  });

  it.each([
    ['bytes=0-0', 206, 'bytes 0-0/36', '0'],
    ['bytes=10-15', 206, 'bytes 10-15/36', 'abcdef'],
    ['bytes=30-', 206, 'bytes 30-35/36', 'uvwxyz'],
    ['bytes=-4', 206, 'bytes 32-35/36', 'wxyz'],
    ['bytes=-100', 206, 'bytes 0-35/36', '0123456789abcdefghijklmnopqrstuvwxyz'],
    ['bytes=34-1000', 206, 'bytes 34-35/36', 'yz'],
    ['bytes=0-1,5-6', 200, null, '0123456789abcdefghijklmnopqrstuvwxyz'],
    ['bytes=9-3', 200, null, '0123456789abcdefghijklmnopqrstuvwxyz'],
    ['items=0-3', 200, null, '0123456789abcdefghijklmnopqrstuvwxyz'],
  ])('Range %s -> %i %s', async (range, status, contentRange, text) => {
    const { response, body } = await download(runId, 'data.txt', { range });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-range')).toBe(contentRange);
    expect(response.headers.get('content-length')).toBe(String(text.length));
    expect(body.toString()).toBe(text);
  });

  it('answers 416 for a range past the end, and for any range of an empty file', async () => {
    const past = await download(runId, 'data.txt', { range: 'bytes=36-' });
    expect(past.response.status).toBe(416);
    expect(past.response.headers.get('content-range')).toBe('bytes */36');
    await put(server, runId, 'empty.txt', '');
    const empty = await download(runId, 'empty.txt', { range: 'bytes=0-' });
    expect(empty.response.status).toBe(416);
  });

  it('honours If-None-Match and If-Range, and HEAD sends headers only', async () => {
    const first = await download(runId, 'data.txt');
    const etag = first.response.headers.get('etag') as string;
    const cached = await fetch(url(runId, 'data.txt'), { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    const stillValid = await download(runId, 'data.txt', { range: 'bytes=0-3', 'if-range': etag });
    expect(stillValid.response.status).toBe(206);
    const changed = await download(runId, 'data.txt', { range: 'bytes=0-3', 'if-range': '"stale"' });
    expect(changed.response.status).toBe(200);
    expect(changed.body.equals(content)).toBe(true);
    const head = await rawRequest(server.port, 'HEAD', `/artifacts/${runId}/data.txt`);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('36');
    expect(head.body.length).toBe(0);
  });

  it('gives an overwritten file a new ETag', async () => {
    await put(server, runId, 'changing.txt', 'one');
    const before = (await download(runId, 'changing.txt')).response.headers.get('etag');
    const second = await put(server, runId, 'changing.txt', 'two');
    const after = (await download(runId, 'changing.txt')).response.headers.get('etag');
    expect(after).not.toBe(before);
    // The upload's answer carries the ETag of the version it stored.
    expect(second.headers.get('etag')).toBe(after);
  });
});

describe('interrupted and concurrent uploads', () => {
  it('leaves nothing behind when the client disconnects mid-upload, and keeps serving', async () => {
    const { id } = await createRun(server);
    for (const framing of ['content-length', 'chunked'] as const) {
      const socket = connect(server.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const head = framing === 'content-length' ? 'content-length: 10485760' : 'transfer-encoding: chunked';
      socket.write(`PUT /artifacts/${id}/cut/${framing}/part.bin HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}\r\n\r\n`);
      const chunk = randomBytes(256 * 1024);
      socket.write(framing === 'chunked' ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
      // The upload is under way once its temp file exists; then the client goes away.
      const folder = join(runFolder(id), 'cut', framing);
      await waitFor(() => existsSync(folder) && readdirSync(folder).length > 0, 'the upload to start');
      socket.destroy();
      await waitFor(() => !existsSync(join(runFolder(id), 'cut')), 'the cut upload to be cleaned up');
    }
    expect(existsSync(runFolder(id)) ? readdirSync(runFolder(id)) : []).toEqual([]);
    const listing = await server.ok('query($id: ID!) { run(id: $id) { artifacts { name } } }', { id });
    expect(listing.run.artifacts).toEqual([]);
    expect((await put(server, id, 'after.txt', 'still alive')).status).toBe(200);
  });

  it('survives clients that drop a download midway, and closes the file each time', async () => {
    const { id } = await createRun(server);
    const bytes = randomBytes(16 * 1024 * 1024);
    await put(server, id, 'dropped.bin', bytes);
    // The server runs in this process: its open descriptors of the file are ours to count.
    const openCopies = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).endsWith('/dropped.bin');
        } catch {
          return false;
        }
      }).length;
    for (let i = 0; i < 5; i++) {
      const socket = connect(server.port, '127.0.0.1');
      socket.write(`GET /artifacts/${id}/dropped.bin HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
      await new Promise((resolve) => socket.once('data', resolve));
      socket.destroy();
    }
    await waitFor(() => openCopies() === 0, 'the dropped downloads to close the file');
    expect((await download(id, 'dropped.bin')).body.equals(bytes)).toBe(true);
  });

  it('ends concurrent uploads to one path with one complete file', async () => {
    const { id } = await createRun(server);
    const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(2 * 1024 * 1024 + i, 65 + i));
    const responses = await Promise.all(versions.map((bytes) => put(server, id, 'same/target.bin', bytes)));
    expect(responses.map((r) => r.status)).toEqual(versions.map(() => 200));
    const { body } = await download(id, 'same/target.bin');
    const winner = versions.find((v) => v.equals(body));
    expect(winner).toBeDefined();
    expect(readdirSync(join(runFolder(id), 'same'))).toEqual(['target.bin']);
  });
});

describe('limits and refusals', () => {
  it('answers 413 above --max-upload, by Content-Length or while streaming, and stores nothing', async () => {
    const small = await startTestServer({ maxUploadBytes: 1000 });
    try {
      const { id } = await createRun(small);
      const exact = await fetch(`${small.url}/artifacts/${id}/exact.bin`, { method: 'PUT', body: new Uint8Array(1000) });
      expect(exact.status).toBe(200);
      const declared = await rawRequest(small.port, 'PUT', `/artifacts/${id}/declared.bin`, { body: Buffer.alloc(1001) });
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body.toString()).message).toMatch(/limit of 1000 bytes/);
      const chunkedBody = Buffer.concat([Buffer.from('7d0\r\n'), Buffer.alloc(2000), Buffer.from('\r\n0\r\n\r\n')]);
      const streamed = await rawRequest(small.port, 'PUT', `/artifacts/${id}/streamed.bin`, {
        body: chunkedBody,
        headers: { 'transfer-encoding': 'chunked' },
      });
      expect(streamed.status).toBe(413);
      expect(streamed.headers['content-type']).toMatch(/application\/json/);
      const folder = join(small.dir, 'artifacts', '0', id, 'artifacts');
      expect(readdirSync(folder)).toEqual(['exact.bin']);
    } finally {
      await small.stop();
    }
  });

  it('refuses uploads and deletes for a deleted run but still serves its files', async () => {
    const { id } = await createRun(server);
    await put(server, id, 'kept.txt', 'kept');
    await server.ok('mutation($id: ID!) { deleteRun(id: $id) { id } }', { id });
    const upload = await put(server, id, 'new.txt', 'nope');
    expect(upload.status).toBe(400);
    const error = await upload.json();
    expect(error.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(error.message).toMatch(/deleted/);
    expect((await fetch(url(id, 'kept.txt'), { method: 'DELETE' })).status).toBe(400);
    expect(existsSync(join(runFolder(id), 'new.txt'))).toBe(false);
    expect((await download(id, 'kept.txt')).body.toString()).toBe('kept');
  });

  it('answers FAILED_PRECONDITION, naming the location, for runs whose artifacts live outside trackline', async () => {
    // Unsafe mlflow-artifacts: locations never get this far: creating the experiment refuses them.
    for (const location of ['mlflow-artifacts://other-host:5000/x', 'mlflow-artifacts:/../escape']) {
      const refused = await server.gql('mutation($l: String) { createExperiment(name: "unsafe", artifactLocation: $l) { id } }', { l: location });
      expect(refused.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    }
    for (const location of ['s3://bucket/models', '/srv/mlruns']) {
      const name = `foreign ${location}`;
      const { createExperiment } = await server.ok('mutation($n: String!, $l: String) { createExperiment(name: $n, artifactLocation: $l) { id } }', {
        n: name,
        l: location,
      });
      const run = await createRun(server, createExperiment.id);
      const upload = await put(server, run.id, 'model.pkl', 'x');
      expect(upload.status).toBe(400);
      const error = await upload.json();
      expect(error.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(error.message).toContain(location);
      expect((await fetch(url(run.id, 'model.pkl'))).status).toBe(400);
      const listing = await server.gql('query($id: ID!) { run(id: $id) { artifacts { name } } }', { id: run.id });
      expect(listing.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
      expect(listing.errors?.[0]?.message).toContain(location);
    }
  });

  it('answers 404 for unknown runs and files, 400 for folders as files, 405 for other methods', async () => {
    const { id } = await createRun(server);
    await put(server, id, 'folder/file.txt', 'x');
    const unknownRun = await put(server, 'f'.repeat(32), 'a.txt', 'x');
    expect(unknownRun.status).toBe(404);
    expect((await unknownRun.json()).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await fetch(url(id, 'missing.txt'))).status).toBe(404);
    expect((await fetch(url(id, 'missing.txt'), { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(url(id, 'folder'))).status).toBe(404);
    const overFolder = await put(server, id, 'folder', 'x');
    expect(overFolder.status).toBe(400);
    expect((await overFolder.json()).message).toMatch(/folder/);
    const underFile = await put(server, id, 'folder/file.txt/child', 'x');
    expect(underFile.status).toBe(400);
    expect((await underFile.json()).message).toMatch(/is a file/);
    const post = await fetch(url(id, 'folder/file.txt'), { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toContain('PUT');
    expect((await download(id, 'folder/file.txt')).body.toString()).toBe('x');
  });

  it('refuses cross-origin browser requests like every data route', async () => {
    const { id } = await createRun(server);
    const response = await fetch(url(id, 'x.txt'), { method: 'PUT', body: 'x', headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(existsSync(join(runFolder(id), 'x.txt'))).toBe(false);
  });
});

describe('listing, deleting and live events', () => {
  it('lists folders through GraphQL Run.artifacts, with sizes and times as Long', async () => {
    const { id } = await createRun(server);
    await put(server, id, 'model/MLmodel', 'flavors: {}');
    await put(server, id, 'model/data/weights.bin', randomBytes(1234));
    await put(server, id, 'plot.png', randomBytes(10));
    const query = 'query($id: ID!, $p: String) { run(id: $id) { artifactUri artifacts(path: $p) { name path isDir size modified } } }';
    const top = (await server.ok(query, { id })).run;
    expect(top.artifactUri).toBe(`mlflow-artifacts:/0/${id}/artifacts`);
    expect(top.artifacts.map((e: any) => [e.name, e.path, e.isDir, e.size])).toEqual([
      ['model', 'model', true, null],
      ['plot.png', 'plot.png', false, 10],
    ]);
    for (const entry of top.artifacts) expect(Number.isSafeInteger(entry.modified) && entry.modified > 0).toBe(true);
    const model = (await server.ok(query, { id, p: 'model' })).run.artifacts;
    expect(model.map((e: any) => [e.path, e.isDir, e.size])).toEqual([
      ['model/MLmodel', false, 11],
      ['model/data', true, null],
    ]);
    expect((await server.ok(query, { id, p: 'model/data' })).run.artifacts.map((e: any) => e.path)).toEqual(['model/data/weights.bin']);
    expect((await server.ok(query, { id, p: 'no/such/folder' })).run.artifacts).toEqual([]);
    expect((await server.ok(query, { id, p: 'plot.png' })).run.artifacts).toEqual([]);
  });

  it('deletes files and folders', async () => {
    const { id } = await createRun(server);
    await put(server, id, 'keep.txt', 'k');
    await put(server, id, 'tmp/a.txt', 'a');
    await put(server, id, 'tmp/b/c.txt', 'c');
    const one = await fetch(url(id, 'tmp/a.txt'), { method: 'DELETE' });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ path: 'tmp/a.txt' });
    expect((await fetch(url(id, 'tmp'), { method: 'DELETE' })).status).toBe(200);
    expect(readdirSync(runFolder(id))).toEqual(['keep.txt']);
  });

  it('announces every upload and delete as a runChanged ARTIFACTS event', async () => {
    const { id } = await createRun(server);
    const probe = await createRun(server);
    const client = wsClient(server.url);
    const events = subscribe(client, 'subscription { runChanged(experimentId: "0") { kinds run { id artifacts { name } } } }');
    // The next event about the run under test; the readiness probes below write to another run.
    const nextEvent = async () => {
      for (;;) {
        const data = await events.nextData();
        if (data.runChanged.run.id === id) return data.runChanged;
      }
    };
    try {
      // Subscriptions send no initial event: the subscription is live once a probe's event arrives.
      await waitFor(async () => {
        await put(server, probe.id, 'probe.txt', 'p');
        return events.pending > 0;
      }, 'the subscription to be live');
      await put(server, id, 'report.txt', 'r');
      const uploaded = await nextEvent();
      expect(uploaded.kinds).toEqual(['ARTIFACTS']);
      expect(uploaded.run.artifacts.map((e: any) => e.name)).toEqual(['report.txt']);
      await fetch(url(id, 'report.txt'), { method: 'DELETE' });
      const deleted = await nextEvent();
      expect(deleted.kinds).toEqual(['ARTIFACTS']);
      expect(deleted.run.artifacts).toEqual([]);
      // A refused upload announces nothing: the next event is the one of the upload after it.
      expect((await put(server, id, 'a%00b', 'no')).status).toBe(400);
      await put(server, id, 'last.txt', 'l');
      expect((await nextEvent()).run.artifacts.map((e: any) => e.name)).toEqual(['last.txt']);
    } finally {
      events.close();
      await client.dispose();
    }
  });
});
