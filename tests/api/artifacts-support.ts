import { connect } from 'node:net';
import type { TestServer } from '../helpers/server.js';

/** Shared by the artifact test files: raw HTTP (fetch would normalise hostile URLs) and a few shortcuts. */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One HTTP/1.1 request written byte for byte on a fresh socket, so the request target reaches the
 * server exactly as given (`..`, `\`, `#`, `%2e` untouched; fetch and the URL class would rewrite them).
 */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  options: { body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    ...(body && !options.headers?.['transfer-encoding'] && { 'content-length': String(body.length) }),
    ...options.headers,
  };
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(Buffer.from(head, 'latin1'));
      if (body) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(parseResponse(Buffer.concat(chunks))));
  });
}

function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no HTTP response head in ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine = '', ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: raw.subarray(split + 4) };
}

export async function createRun(server: TestServer, experimentId = '0'): Promise<{ id: string; artifactUri: string }> {
  const data = await server.ok<{ createRun: { id: string; artifactUri: string } }>(
    'mutation($e: ID!) { createRun(experimentId: $e) { id artifactUri } }',
    { e: experimentId },
  );
  return data.createRun;
}

export async function put(server: TestServer, runId: string, path: string, body: Buffer | string | Uint8Array): Promise<Response> {
  return fetch(`${server.url}/artifacts/${runId}/${path}`, { method: 'PUT', body: typeof body === 'string' ? body : new Uint8Array(body) });
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
