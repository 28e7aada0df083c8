import type { StoreEvent } from '../../db/store/index.js';

/**
 * Carries committed store events to subscriptions. In-process by default; a Redis implementation
 * lets several servers sharing one Postgres see each other's writes. Delivery may be lossy or out of
 * order across servers: subscriptions repair both from the database using metric seqs.
 */
export interface LiveBus {
  publish(event: StoreEvent): void;
  subscribe(listener: (event: StoreEvent) => void): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements LiveBus {
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  publish(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
