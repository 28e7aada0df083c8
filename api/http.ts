import type { IncomingMessage, ServerResponse } from 'node:http';

/** A route handler answers the request and returns true, or returns false to let the next one try. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body exceeds the limit of ${limit} bytes`);
  }
}

/** Reads a whole (JSON) body, refusing more than `limit` bytes without holding them all. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** A 413 answer in the shape the route's callers understand. */
export function sendTooLarge(res: ServerResponse, limit: number, shape: 'graphql' | 'mlflow'): void {
  const message = `request body too large: the limit is ${limit} bytes`;
  // The client may still be sending: close the connection after answering rather than read it all.
  res.setHeader('connection', 'close');
  if (shape === 'mlflow') sendJson(res, 413, { error_code: 'INVALID_PARAMETER_VALUE', message });
  else sendJson(res, 413, { errors: [{ message, extensions: { code: 'INVALID_ARGUMENT' } }] });
}
