import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.js';

describe('GraphiQL at /graphql', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('serves GraphiQL to a browser, self-contained (no CDN) and speaking graphql-ws for subscriptions', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).toContain('<title>trackline</title>');
    expect(page).toContain('"subscriptionsProtocol":"WS"');
    expect(page).not.toMatch(/<script[^>]+src=["']?https?:/);
    expect(page).not.toMatch(/<link[^>]+href=["']?https?:\/\/unpkg/);
  });
});
