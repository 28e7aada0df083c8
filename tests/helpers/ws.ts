import { type Client, type FormattedExecutionResult, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** How long `next()` waits before failing the test: a guard against hangs, not a measurement. */
const DEFAULT_WAIT_MS = 15_000;

export interface WsClientOptions {
  /** sent as the Origin header of the upgrade request (browsers always send one) */
  origin?: string;
  /** extra headers of the upgrade request, e.g. a foreign Host */
  headers?: Record<string, string>;
}

/**
 * A graphql-ws client for a server's `http://host:port` URL, over the `ws` package (Node 20 has no
 * global WebSocket). No retries: a test must see a refused or dropped connection, not paper over it.
 */
export function wsClient(httpUrl: string, options: WsClientOptions = {}): Client {
  const { origin, headers } = options;
  // graphql-ws constructs the socket itself with (url, protocol): a subclass adds the upgrade headers.
  class TestWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { ...(origin && { origin }), ...(headers && { headers }) });
    }
  }
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: TestWebSocket,
    retryAttempts: 0,
    lazy: true,
  });
}

/** The events of one subscription, buffered in arrival order so a test can await them one by one. */
export class EventQueue<T = any> {
  private readonly buffer: FormattedExecutionResult<T, unknown>[] = [];
  private waiter: (() => void) | undefined;
  private outcome: { error?: unknown } | undefined;
  private readonly unsubscribe: () => void;
  /** every event received so far, in order (also those already taken by `next`) */
  readonly received: FormattedExecutionResult<T, unknown>[] = [];

  constructor(client: Client, query: string, variables?: Record<string, unknown>) {
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          this.buffer.push(result);
          this.received.push(result);
          this.wake();
        },
        error: (error) => this.end({ error }),
        complete: () => this.end({}),
      },
    );
  }

  /** The next event; fails if the subscription ended (completed or errored) or nothing came in time. */
  async next(waitMs = DEFAULT_WAIT_MS): Promise<FormattedExecutionResult<T, unknown>> {
    const deadline = Date.now() + waitMs;
    while (this.buffer.length === 0) {
      if (this.outcome) throw new Error(`subscription ended before the next event: ${describe(this.outcome.error)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${waitMs} ms (${this.received.length} received so far)`);
      await this.waitForChange(left);
    }
    return this.buffer.shift() as FormattedExecutionResult<T, unknown>;
  }

  /** The data of the next event; fails on an event with errors. */
  async nextData(waitMs?: number): Promise<T> {
    const event = await this.next(waitMs);
    if (event.errors?.length || !event.data) throw new Error(`expected data, got ${JSON.stringify(event)}`);
    return event.data;
  }

  /** The data of the next `count` events. */
  async take(count: number, waitMs?: number): Promise<T[]> {
    const out: T[] = [];
    while (out.length < count) out.push(await this.nextData(waitMs));
    return out;
  }

  /** Resolves when the server completes the subscription; rejects when it ends with an error. */
  async ended(waitMs = DEFAULT_WAIT_MS): Promise<void> {
    const deadline = Date.now() + waitMs;
    while (!this.outcome) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the subscription did not end within ${waitMs} ms`);
      await this.waitForChange(left);
    }
    if (this.outcome.error !== undefined) throw new Error(`subscription failed: ${describe(this.outcome.error)}`);
  }

  /** How the subscription ended, once it has: `{}` for complete, `{ error }` otherwise. */
  get endedWith(): { error?: unknown } | undefined {
    return this.outcome;
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Unsubscribes (sends `complete` to the server). */
  close(): void {
    this.unsubscribe();
  }

  private end(how: { error?: unknown }) {
    this.outcome ??= how;
    this.wake();
  }

  private wake() {
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.();
  }

  private waitForChange(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Subscribes and returns the queue of its events. */
export function subscribe<T = any>(client: Client, query: string, variables?: Record<string, unknown>): EventQueue<T> {
  return new EventQueue<T>(client, query, variables);
}

function describe(error: unknown): string {
  if (error === undefined) return 'completed';
  if (error instanceof Error) return error.message;
  // A close event from the socket, or a list of GraphQL errors.
  if (error && typeof error === 'object' && 'code' in error) {
    const close = error as { code: number; reason?: string };
    return `socket closed with code ${close.code}${close.reason ? ` (${close.reason})` : ''}`;
  }
  return JSON.stringify(error);
}
