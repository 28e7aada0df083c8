import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { startServerProcess } from './lib/server-process.js';
import type { Bench, BenchRow } from './types.js';

/**
 * Artifact throughput: a 1 GiB upload and download through HTTP on loopback, against a server in a
 * child process (so the RSS measured is the server's own). The data is generated on the fly and checked
 * byte for byte on the way back; the server's copy is deleted with its temp folder at the end.
 *
 * Targets (issue "Artifacts and models"): >= 200 MB/s each way; server RSS growth < 50 MB.
 * Run alone: `npx tsx bench/artifacts.bench.ts`.
 */

const SIZE = 1024 ** 3;
const BLOCK = 1024 * 1024;
const MB = 1e6;

export const bench: Bench = { name: 'artifacts', run };

async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'trackline-bench-artifacts-'));
  const server = await startServerProcess({ db: join(dir, 'trackline.db'), artifacts: join(dir, 'artifacts'), label: 'artifacts' });
  try {
    const runId = await createRun(server.url);
    await upload(server.url, runId, 'warmup.bin', 16 * BLOCK);
    await download(server.url, runId, 'warmup.bin', 16 * BLOCK);

    const rss = new RssSampler(server.pid);
    const uploadSeconds = await timed(() => upload(server.url, runId, 'big.bin', SIZE));
    const downloadSeconds = await timed(() => download(server.url, runId, 'big.bin', SIZE));
    const growth = rss.stop() / MB;

    const up = SIZE / MB / uploadSeconds;
    const down = SIZE / MB / downloadSeconds;
    const note = `1 GiB, loopback, server in a child process; MB = 10^6 bytes; ${rss.samples} RSS samples, baseline ${(rss.baseline / MB).toFixed(1)} MB`;
    return [
      { name: 'artifacts: 1 GiB PUT /artifacts over HTTP', value: round(up), unit: 'MB/s', target: '>= 200 MB/s', pass: up >= 200, notes: note },
      { name: 'artifacts: 1 GiB GET /artifacts over HTTP (verified byte for byte)', value: round(down), unit: 'MB/s', target: '>= 200 MB/s', pass: down >= 200, notes: note },
      { name: 'artifacts: server RSS growth during the 1 GiB upload + download', value: round(growth), unit: 'MB', target: '< 50 MB', pass: growth < 50, notes: note },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the data: 1 MiB random blocks, each stamped with its index, so any misplaced byte is caught

const BASE = randomBytes(BLOCK);

function block(index: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  BASE.copy(out, 0, 0, length);
  if (length >= 8) out.writeDoubleLE(index, 0);
  return out;
}

async function* generate(size: number): AsyncGenerator<Buffer> {
  for (let offset = 0, index = 0; offset < size; offset += BLOCK, index++) yield block(index, Math.min(BLOCK, size - offset));
}

/** Checks downloaded chunks against the generated stream, whatever their boundaries. */
class Verifier {
  offset = 0;
  private readonly header = Buffer.alloc(8);

  check(chunk: Buffer): void {
    for (let at = 0; at < chunk.length; ) {
      const index = Math.floor(this.offset / BLOCK);
      const within = this.offset % BLOCK;
      const take = Math.min(chunk.length - at, BLOCK - within);
      this.header.writeDoubleLE(index, 0);
      for (let i = 0; i < take; ) {
        const pos = within + i;
        const expected = pos < 8 ? this.header.subarray(pos, 8) : BASE.subarray(pos, within + take);
        const n = Math.min(expected.length, take - i);
        if (!chunk.subarray(at + i, at + i + n).equals(expected.subarray(0, n))) {
          throw new Error(`downloaded bytes differ from the upload near offset ${this.offset + i}`);
        }
        i += n;
      }
      at += take;
      this.offset += take;
    }
  }
}

// ---- HTTP, with node:http (streams both ways, no buffering of the body)

function upload(url: string, runId: string, path: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/artifacts/${runId}/${path}`, { method: 'PUT', headers: { 'content-length': size } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200 || JSON.parse(body).size !== size) reject(new Error(`upload failed: ${res.statusCode} ${body}`));
        else resolve();
      });
    });
    req.on('error', reject);
    Readable.from(generate(size)).pipe(req);
  });
}

function download(url: string, runId: string, path: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    request(`${url}/artifacts/${runId}/${path}`, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download failed: ${res.statusCode}`));
      const verifier = new Verifier();
      res.on('data', (chunk: Buffer) => {
        try {
          verifier.check(chunk);
        } catch (error) {
          res.destroy();
          reject(error);
        }
      });
      res.on('end', () => (verifier.offset === size ? resolve() : reject(new Error(`downloaded ${verifier.offset} of ${size} bytes`))));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function createRun(url: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { createRun(experimentId: "0", name: "artifact-bench") { id } }' }),
  });
  const result = (await response.json()) as { data?: { createRun: { id: string } }; errors?: unknown };
  if (!result.data) throw new Error(`createRun failed: ${JSON.stringify(result.errors)}`);
  return result.data.createRun.id;
}

// ---- measuring

async function timed(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Samples a process's resident set (Linux /proc) until stopped; reports peak minus the first sample. */
class RssSampler {
  readonly baseline: number;
  private peak: number;
  samples = 1;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.baseline = this.read();
    this.peak = this.baseline;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, this.read());
      this.samples++;
    }, 20);
  }

  stop(): number {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, this.read());
    return this.peak - this.baseline;
  }

  private read(): number {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    if (!match) throw new Error(`no VmRSS for process ${this.pid}`);
    return Number(match[1]) * 1024;
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await bench.run());
}
