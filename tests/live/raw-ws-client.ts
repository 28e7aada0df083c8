import WebSocket from 'ws';

/** A graphql-transport-ws message as the server sends it. */
export interface ServerMessage {
  type: string;
  id?: string;
  payload?: any;
}

/**
 * A bare graphql-transport-ws client over `ws`: connection_init, subscribe, and direct control of the
 * TCP socket, so a test can stop reading (as a stalled client does) and start again. The graphql-ws
 * client library reads eagerly and cannot stall.
 */
export class RawGraphqlWs {
  /** messages received per subscription id, in order */
  readonly received = new Map<string, ServerMessage[]>();
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiter: (() => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.id !== undefined) {
        let list = this.received.get(message.id);
        if (!list) this.received.set(message.id, (list = []));
        list.push(message);
      }
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: String(reason) });
        this.wake();
      }),
    );
  }

  static async connect(httpUrl: string): Promise<RawGraphqlWs> {
    const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const ack = new Promise<void>((resolve, reject) => {
      socket.once('message', (data) => {
        const message = JSON.parse(String(data)) as ServerMessage;
        if (message.type === 'connection_ack') resolve();
        else reject(new Error(`expected connection_ack, got ${String(data)}`));
      });
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await ack;
    return new RawGraphqlWs(socket);
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.received.set(id, []);
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  /** The `next` payloads received for a subscription. */
  nexts(id: string): any[] {
    return (this.received.get(id) ?? []).filter((m) => m.type === 'next').map((m) => m.payload);
  }

  /** Stops reading from the TCP socket: the kernel buffers fill, then the server's writes stall. */
  pause(): void {
    this.tcp.pause();
  }

  resume(): void {
    this.tcp.resume();
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Waits until `condition` holds after some message, or the socket closed; fails after `timeoutMs`. */
  async until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && this.socket.readyState !== WebSocket.CLOSED) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.socket.terminate();
  }

  private get tcp(): { pause(): void; resume(): void } {
    // ws keeps the net.Socket private; pausing it is what a client that stops reading looks like.
    return (this.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  }

  private wake() {
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.();
  }
}
