import { Agent, request } from 'node:http';

/**
 * A cheap keep-alive HTTP client for load: node:http with a pooled Agent (no fetch/undici layers),
 * bodies given as ready-made Buffers or strings.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, sockets = 8) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(path: string, body: Buffer | string): Promise<{ status: number; text: string }> {
    return this.send('POST', path, body);
  }

  get(path: string): Promise<{ status: number; text: string }> {
    return this.send('GET', path);
  }

  private send(method: 'GET' | 'POST', path: string, body?: Buffer | string): Promise<{ status: number; text: string }> {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    return new Promise((resolve, reject) => {
      const req = request(
        { agent: this.agent, host: this.url.hostname, port: this.url.port, path, method, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A GraphQL operation; throws on HTTP or GraphQL errors, returns data. */
  async graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    return parseGraphql<T>(await this.post('/graphql', JSON.stringify({ query, variables })));
  }

  close(): void {
    this.agent.destroy();
  }
}

export function parseGraphql<T>(response: { status: number; text: string }): T {
  const body = JSON.parse(response.text) as { data?: T; errors?: unknown[] };
  if (response.status !== 200 || body.errors?.length) {
    throw new Error(`GraphQL request failed (HTTP ${response.status}): ${response.text.slice(0, 500)}`);
  }
  return body.data as T;
}
