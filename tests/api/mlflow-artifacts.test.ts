import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';
import { Mlflow, expectError } from './mlflow-support.js';

let server: TestServer;
let mlflow: Mlflow;
let runId: string;

const PROXY = '/api/2.0/mlflow-artifacts/artifacts';

/** A request sent exactly as written (fetch would resolve `..` and `%2e%2e` before sending). */
function raw(method: string, path: string, body?: Buffer | string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers: body === undefined ? {} : { 'content-type': 'application/octet-stream' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (answer: { body: Buffer }) => JSON.parse(answer.body.toString('utf8'));

beforeAll(async () => {
  server = await startTestServer();
  mlflow = new Mlflow(server.url);
  runId = await mlflow.createRun('0');
});
afterAll(() => server?.stop());

describe('the MLflow artifact proxy', () => {
  test('PUT, list, GET and DELETE round-trip under mlflow-artifacts:/0/<run>/artifacts', async () => {
    const bytes = Buffer.from('artifact_path: model\nflavors: {}\n');
    const put = await raw('PUT', `${PROXY}/0/${runId}/artifacts/model/MLmodel`, bytes);
    expect(put.status).toBe(200);
    expect(json(put)).toEqual({});
    const pkl = Buffer.from([0, 1, 2, 3, 255]);
    expect((await raw('PUT', `${PROXY}/0/${runId}/artifacts/model/model.pkl`, pkl)).status).toBe(200);

    const listed = await raw('GET', `${PROXY}?path=${encodeURIComponent(`0/${runId}/artifacts/model`)}`);
    expect(json(listed)).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: bytes.length },
        { path: 'model.pkl', is_dir: false, file_size: 5 },
      ],
    });
    const top = json(await raw('GET', `${PROXY}?path=${encodeURIComponent(`0/${runId}/artifacts`)}`));
    expect(top).toEqual({ files: [{ path: 'model', is_dir: true }] });
    // A file or a missing path lists as {} (the client probes with a listing before downloading).
    expect(json(await raw('GET', `${PROXY}?path=${encodeURIComponent(`0/${runId}/artifacts/model/MLmodel`)}`))).toEqual({});
    expect(json(await raw('GET', `${PROXY}?path=${encodeURIComponent(`0/${runId}/artifacts/none`)}`))).toEqual({});

    const got = await raw('GET', `${PROXY}/0/${runId}/artifacts/model/model.pkl`);
    expect(got.status).toBe(200);
    expect(got.body.equals(pkl)).toBe(true);
    expect(String(got.headers['content-disposition'])).toMatch(/^attachment; filename="model.pkl"/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(String((await raw('GET', `${PROXY}/0/${runId}/artifacts/model/MLmodel`)).headers['content-type'])).toMatch(/^text\/plain/);

    // The same files are trackline's own run artifacts.
    const own = await fetch(`${server.url}/artifacts/${runId}/model/model.pkl`);
    expect(Buffer.from(await own.arrayBuffer()).equals(pkl)).toBe(true);

    expect(json(await raw('DELETE', `${PROXY}/0/${runId}/artifacts/model/model.pkl`))).toEqual({});
    expect((await raw('GET', `${PROXY}/0/${runId}/artifacts/model/model.pkl`)).status).toBe(404);
    expect((await raw('DELETE', `${PROXY}/0/${runId}/artifacts/model/model.pkl`)).status).toBe(404);
  });

  test('artifacts/list answers run-relative paths with root_uri; a missing folder has no files', async () => {
    const id = await mlflow.createRun('0');
    await raw('PUT', `${PROXY}/0/${id}/artifacts/notes/hello.txt`, 'hi');
    await raw('PUT', `${PROXY}/0/${id}/artifacts/cfg.json`, '{}');
    const top = await mlflow.getOk('/artifacts/list', { run_id: id });
    expect(top).toEqual({
      root_uri: `mlflow-artifacts:/0/${id}/artifacts`,
      files: [
        { path: 'cfg.json', is_dir: false, file_size: 2 },
        { path: 'notes', is_dir: true },
      ],
    });
    expect((await mlflow.getOk('/artifacts/list', { run_id: id, path: 'notes' })).files).toEqual([{ path: 'notes/hello.txt', is_dir: false, file_size: 2 }]);
    expect(await mlflow.getOk('/artifacts/list', { run_id: id, path: 'missing' })).toEqual({ root_uri: `mlflow-artifacts:/0/${id}/artifacts` });
    const traversal = await mlflow.get('/artifacts/list', { run_id: id, path: '../path' });
    expectError(traversal, 400, 'INVALID_PARAMETER_VALUE');
    expect(traversal.body.message).toBe('Invalid path');
    expectError(await mlflow.get('/artifacts/list', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  test('path traversal, absolute and encoded paths are refused with "Invalid path"', async () => {
    for (const path of [
      `${PROXY}/0/${runId}/artifacts/../../../etc/passwd`,
      `${PROXY}/0/${runId}/artifacts/%2e%2e/%2e%2e/x`,
      `${PROXY}/0/${runId}/artifacts/a%2f..%2f..%2fx`,
      `${PROXY}/%2fetc/passwd`,
      `${PROXY}/0/${runId}/artifacts/a%5c..%5c..%5cx`,
      `${PROXY}/0/${runId}/artifacts/%252e%252e/x`,
      `${PROXY}?path=${encodeURIComponent('../x')}`,
      `/api/2.0/mlflow-artifacts/../mlflow-artifacts/artifacts/x`,
    ]) {
      for (const method of path.includes('?') ? ['GET'] : ['GET', 'PUT', 'DELETE']) {
        const answer = await raw(method, path, method === 'PUT' ? 'x' : undefined);
        expect(answer.status, `${method} ${path}`).toBe(400);
        expect(json(answer)).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid path' });
      }
    }
  });

  test('only active runs (and logged models) own writable keys', async () => {
    const other = await mlflow.createExperiment('art-other');
    // A key outside any run's folder, a run under the wrong experiment, an unknown run.
    for (const key of ['0/loose.txt', `${other}/${runId}/artifacts/x.txt`, `0/${'f'.repeat(32)}/artifacts/x.txt`, `0/${runId}/other/x.txt`]) {
      const answer = await raw('PUT', `${PROXY}/${key}`, 'x');
      expect(answer.status, key).toBe(404);
      expect(json(answer).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    }
    const gone = await mlflow.createRun('0');
    await mlflow.ok('/runs/delete', { run_id: gone });
    const refused = await raw('PUT', `${PROXY}/0/${gone}/artifacts/x.txt`, 'x');
    expect(refused.status).toBe(400);
    expect(json(refused).error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  test('multipart upload answers 501 with the message the client falls back on', async () => {
    const direct = await fetch(`${server.url}/api/2.0/mlflow-artifacts/mpu/create/0/${runId}/artifacts/big.bin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'big.bin', num_parts: 2 }),
    });
    expect(direct.status).toBe(501);
    const body = (await direct.json()) as { error_code: string; message: string };
    expect(body.error_code).toBe('NOT_IMPLEMENTED');
    expect(body.message.startsWith('Multipart upload is not supported for the current artifact repository')).toBe(true);
  });

  test('an experiment whose location is outside trackline: its runs cannot be listed or written here', async () => {
    const id = (await mlflow.ok('/experiments/create', { name: 'art-s3', artifact_location: 's3://bucket/p' })).experiment_id;
    const run = await mlflow.createRun(id);
    expect((await mlflow.getRun(run)).info.artifact_uri).toBe(`s3://bucket/p/${run}/artifacts`);
    expectError(await mlflow.get('/artifacts/list', { run_id: run }), 400, 'INVALID_PARAMETER_VALUE', 's3://bucket/p');
  });
});
