import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request. */
export type Fault =
  | 'pass'
  /** forward it, let the server answer, then drop the connection instead of relaying the answer */
  | 'cut-after-server'
  /** forward half the body, then drop both connections: the server never gets the whole request */
  | 'cut-mid-request'
  /** answer 503 without forwarding */
  | 'unavailable';

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** the GraphQL operationName, when the body is a GraphQL request */
  operation: string | undefined;
  fault: Fault;
  /** the upstream status, when the request reached the server and it answered */
  upstreamStatus?: number;
}

/**
 * A real HTTP proxy in front of a real server that breaks chosen requests the way networks do:
 * the retry tests use it to lose an answer after the server committed, or a request halfway.
 */
export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  /** the most requests that were open at the same time */
  maxConcurrent = 0;
  private open = 0;
  private server: Server | undefined;

  constructor(
    private readonly upstream: string,
    private readonly decide: (request: ProxiedRequest, index: number) => Fault,
    private readonly rewriteHeaders: (headers: IncomingMessage['headers']) => IncomingMessage['headers'] = (h) => h,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The requests of one GraphQL operation, in arrival order. */
  of(operation: string): ProxiedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxConcurrent = Math.max(this.maxConcurrent, ++this.open);
    res.on('close', () => this.open--);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const entry: ProxiedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: body.toString('utf8'),
      operation: operationName(body),
      fault: 'pass',
    };
    entry.fault = this.decide(entry, this.requests.length);
    this.requests.push(entry);
    if (entry.fault === 'unavailable') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('upstream unavailable (injected)');
      return;
    }
    const target = new URL(entry.url, this.upstream);
    const headers = this.rewriteHeaders({ ...req.headers, host: target.host });
    const upstream = request(target, { method: entry.method, headers });
    upstream.on('error', () => res.socket?.destroy());
    if (entry.fault === 'cut-mid-request') {
      upstream.write(body.subarray(0, Math.floor(body.length / 2)));
      // Give the half body time to reach the server before both sides are cut.
      setTimeout(() => {
        upstream.destroy();
        res.socket?.destroy();
      }, 50);
      return;
    }
    upstream.end(body);
    upstream.on('response', async (answer) => {
      const parts: Buffer[] = [];
      for await (const part of answer) parts.push(part as Buffer);
      entry.upstreamStatus = answer.statusCode;
      if (entry.fault === 'cut-after-server') {
        res.socket?.destroy();
        return;
      }
      const { 'transfer-encoding': _chunked, connection: _connection, ...rest } = answer.headers;
      res.writeHead(answer.statusCode ?? 502, { ...rest, 'content-length': Buffer.concat(parts).length });
      res.end(Buffer.concat(parts));
    });
  }
}

function operationName(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { operationName?: unknown; query?: unknown };
    if (typeof parsed.operationName === 'string') return parsed.operationName;
    const match = typeof parsed.query === 'string' ? /(?:query|mutation)\s+(\w+)/.exec(parsed.query) : null;
    return match?.[1];
  } catch {
    return undefined;
  }
}
