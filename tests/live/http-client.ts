import { Agent, request } from 'node:http';

/**
 * One HTTP client with its own keep-alive connection, like one training script talking to the server.
 * Several of them make several concurrent connections.
 */
export class KeepAliveClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly baseUrl: string) {}

  /** POSTs a GraphQL operation; resolves with the status and parsed body, rejects on a network error. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const url = new URL('/graphql', this.baseUrl);
    const payload = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              body = { raw: text };
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** True when a GraphQL answer acknowledges the write: HTTP 200 and no errors. */
export const acknowledged = (answer: { status: number; body: any }) =>
  answer.status === 200 && !answer.body?.errors?.length && answer.body?.data != null;
