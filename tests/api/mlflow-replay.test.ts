import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, describe, expect, test } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

/**
 * Replays what the real MLflow Python client sent to a real MLflow server (tests/fixtures/mlflow-transcripts,
 * recorded with clients 2.12.2, 2.22 and 3.6) against trackline, request by request, and checks that
 * every answer has the status and the shape the client relies on. Ids and times differ: the ids trackline
 * hands out are mapped onto the recorded ones as the answers come in.
 */

interface Exchange {
  method: string;
  url: string;
  ctype: string | null;
  body: string | null;
  status: number;
  resp: string;
}

const FIXTURES = new URL('../fixtures/mlflow-transcripts/', import.meta.url);
const load = (name: string): Exchange[] =>
  readFileSync(new URL(name, FIXTURES), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Exchange);

/** Recorded ids (runs, models, experiments) -> trackline's, learned from the answers. */
class IdMap {
  private readonly runs = new Map<string, string>();
  private readonly experiments = new Map<string, string>([['0', '0']]);

  learn(recorded: unknown, ours: unknown, key?: string): void {
    if (typeof recorded === 'string' && typeof ours === 'string') {
      if (key === 'experiment_id') this.experiments.set(recorded, ours);
      else if (key === 'run_id' || key === 'run_uuid' || key === 'model_id') this.runs.set(recorded, ours);
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(ours)) {
      recorded.forEach((r, i) => this.learn(r, ours[i], key));
      return;
    }
    if (isObject(recorded) && isObject(ours)) {
      for (const [k, v] of Object.entries(recorded)) this.learn(v, ours[k], k);
    }
  }

  /** Run and model ids are unique hex: replaced wherever they occur. */
  text(value: string): string {
    let out = value;
    for (const [recorded, ours] of this.runs) out = out.replaceAll(recorded, ours);
    return out;
  }

  experiment(id: string): string {
    return this.experiments.get(id) ?? id;
  }

  /** Experiment ids are small numbers: only replaced where the protocol puts them. */
  body(value: unknown, key?: string): unknown {
    if (typeof value === 'string') return key === 'experiment_id' ? this.experiment(value) : value;
    if (Array.isArray(value)) return value.map((v) => this.body(v, key === 'experiment_ids' ? 'experiment_id' : key));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.body(v, k)]));
    return value;
  }

  url(url: URL): string {
    const path = url.pathname.replace(/^(\/api\/2\.0\/mlflow-artifacts\/artifacts\/)([^/]+)/, (_m, head: string, exp: string) => head + this.experiment(exp));
    const params = new URLSearchParams();
    for (const [k, v] of url.searchParams) {
      if (k === 'experiment_id') params.append(k, this.experiment(v));
      else if (k === 'path') params.append(k, v.replace(/^[^/]+/, (exp) => this.experiment(exp)));
      else params.append(k, v);
    }
    const query = params.toString();
    return this.text(query ? `${path}?${query}` : path);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Values that must match exactly (the client branches on them); tags whose values are random or
// environment-specific are left out.
const EXACT_KEYS = new Set(['error_code', 'lifecycle_stage', 'status', 'name', 'is_dir', 'path', 'step', 'key']);
const VOLATILE_TAGS = new Set(['mlflow.runName', 'mlflow.log-model.history']);

/** Every key and value type of the recorded answer is in ours; arrays are compared by their first element. */
function expectSameShape(recorded: unknown, ours: unknown, where: string, ids: IdMap): void {
  if (Array.isArray(recorded)) {
    expect(Array.isArray(ours), `${where}: a list`).toBe(true);
    if (recorded.length === 0) return;
    const list = ours as unknown[];
    expect(list.length, `${where}: a non-empty list`).toBeGreaterThan(0);
    if (recorded.every((r) => isObject(r) && typeof r.key === 'string')) {
      // Key/value lists (tags, params, metrics): each recorded entry has its counterpart, in any order.
      for (const entry of recorded as Record<string, unknown>[]) {
        const match = list.find((o) => isObject(o) && o.key === entry.key);
        expect(match, `${where}: an entry with key ${String(entry.key)}`).toBeDefined();
        expectSameShape(entry, match, `${where}[key=${String(entry.key)}]`, ids);
      }
      return;
    }
    expectSameShape(recorded[0], list[0], `${where}[0]`, ids);
    return;
  }
  if (isObject(recorded)) {
    expect(isObject(ours), `${where}: an object`).toBe(true);
    const theirs = ours as Record<string, unknown>;
    for (const [k, v] of Object.entries(recorded)) {
      expect(theirs, `${where}.${k} is missing`).toHaveProperty([k]);
      if (EXACT_KEYS.has(k) && typeof v !== 'object') expect(theirs[k], `${where}.${k}`).toEqual(v);
      else if (k === 'value' && typeof recorded.key === 'string' && !VOLATILE_TAGS.has(recorded.key) && where.includes('.data.')) {
        expect(theirs[k], `${where}.value of ${recorded.key}`).toEqual(typeof v === 'string' ? ids.text(v) : v);
      } else expectSameShape(v, theirs[k], `${where}.${k}`, ids);
    }
    return;
  }
  expect(typeof ours, `${where}: type of ${JSON.stringify(recorded)}`).toBe(typeof recorded);
}

/** For answers the recording cut short: every field name it shows must occur in ours. */
function keyNames(text: string): Set<string> {
  return new Set([...text.matchAll(/"([a-z_]+)":/g)].map((m) => m[1] as string));
}

function deepKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) deepKeys(v, into);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      deepKeys(v, into);
    }
  }
  return into;
}

function send(server: TestServer, method: string, path: string, headers: Record<string, string>, body?: string | Buffer) {
  const { hostname, port } = new URL(server.url);
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A recorded request body; the recorder cut long ones short (runs/log-model's model_json). Such a body is
 * rebuilt from what it shows: the run id and the MLmodel fields the server requires.
 */
function requestBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const runId = /"run_id": "([0-9a-f]{32})"/.exec(text)?.[1];
    const artifactPath = /\\"artifact_path\\": \\"([^\\]+)\\"/.exec(text)?.[1];
    if (!runId || !artifactPath) throw new Error(`cannot rebuild the cut request body ${text.slice(0, 120)}`);
    const model = { run_id: runId, artifact_path: artifactPath, utc_time_created: '2026-11-26 00:00:00.000000', flavors: { python_function: {} } };
    return { run_id: runId, model_json: JSON.stringify(model) };
  }
}

/** Artifact uploads were recorded as "<stream ...>": each path gets content of its own. */
const uploadBody = (path: string) => Buffer.from(`uploaded ${path}\n`);

async function replay(server: TestServer, names: string[]) {
  const ids = new IdMap();
  const uploads = new Map<string, Buffer>();
  let count = 0;
  for (const name of names) {
    for (const [i, exchange] of load(name).entries()) {
      const where = `${name}#${i + 1} ${exchange.method} ${new URL(exchange.url).pathname}`;
      const path = ids.url(new URL(exchange.url));
      const headers: Record<string, string> = { 'user-agent': 'mlflow-python-client/replay' };
      if (exchange.ctype) headers['content-type'] = exchange.ctype;
      let body: string | Buffer | undefined;
      if (exchange.body?.startsWith('<stream')) {
        body = uploadBody(path);
        uploads.set(path, body);
      } else if (exchange.body !== null) {
        body = JSON.stringify(ids.body(requestBody(ids.text(exchange.body))));
      }
      const answer = await send(server, exchange.method, path, headers, body);
      count++;
      expect(answer.status, `${where}: ${answer.body.toString('utf8').slice(0, 300)}`).toBe(exchange.status);
      if (exchange.resp === '<streamed>') {
        expect(answer.body.equals(uploads.get(path) as Buffer), `${where}: downloaded bytes`).toBe(true);
        continue;
      }
      const ours = JSON.parse(answer.body.toString('utf8')) as unknown;
      let recorded: unknown;
      try {
        recorded = JSON.parse(exchange.resp);
      } catch {
        // Cut short in the recording: compare the field names it shows.
        const missing = [...keyNames(exchange.resp)].filter((k) => !deepKeys(ours).has(k));
        expect(missing, `${where}: fields missing from our answer`).toEqual([]);
        continue;
      }
      expectSameShape(recorded, ours, where, ids);
      ids.learn(recorded, ours);
    }
  }
  return count;
}

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe('replaying the recorded MLflow client sessions', () => {
  test('client 2.22 on one server: seed script, NaN/batch/tags, artifacts, search and nested runs', async () => {
    const server = await startTestServer();
    servers.push(server);
    const names = ['seed-script-client-2.22.jsonl', 'nan-batch-tags-client-2.22.jsonl', 'artifacts-client-2.22.jsonl', 'search-nested-client-2.22.jsonl'];
    const recorded = names.reduce((n, name) => n + load(name).length, 0);
    expect(recorded).toBe(50);
    expect(await replay(server, names)).toBe(recorded);
  });

  test('client 2.12.2: seed script with log_model (runs/log-model)', async () => {
    const server = await startTestServer();
    servers.push(server);
    expect(await replay(server, ['seed-script-client-2.12.2.jsonl'])).toBe(16);
  });

  test('client 3.6: seed script with a logged model (logged-models, runs/outputs, PATCH)', async () => {
    const server = await startTestServer();
    servers.push(server);
    expect(await replay(server, ['seed-script-client-3.6.jsonl'])).toBe(19);
  });
});
