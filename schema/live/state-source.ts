import type { LiveBus } from './bus.js';
import type { StoreEvent } from '../../db/store/index.js';
import { Signal } from './signal.js';

/** Events queued for one runChanged / experimentChanged subscription before they are coalesced. */
export const STATE_QUEUE_LIMIT = 1_000;

/**
 * The source of a subscription whose events carry state (a run or an experiment, read fresh when the
 * event is resolved). Events queue in order; when the client lags and the queue fills, it keeps one
 * event per entity, merging what changed, so memory stays bounded and nothing is lost.
 */
export class StateSource<E> implements AsyncIterableIterator<E> {
  private queue: E[] = [];
  private limit = STATE_QUEUE_LIMIT;
  private closed = false;
  private readonly signal = new Signal();
  private readonly unsubscribe: () => void;

  constructor(
    bus: LiveBus,
    private readonly select: (event: StoreEvent) => E | undefined,
    private readonly keyOf: (event: E) => string,
    private readonly merge: (older: E, newer: E) => E,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.onEvent(event));
  }

  private onEvent(event: StoreEvent) {
    if (this.closed) return;
    const selected = this.select(event);
    if (selected === undefined) return;
    this.queue.push(selected);
    if (this.queue.length > this.limit) {
      this.coalesce();
      // More distinct entities than the limit still leave a long queue: merge again only once it has
      // doubled, or every new event would rescan it (quadratic work while the client lags).
      this.limit = Math.max(STATE_QUEUE_LIMIT, this.queue.length * 2);
    }
    this.signal.notify();
  }

  /** One event per entity, at the position of its newest event, carrying everything that changed. */
  private coalesce() {
    const merged = new Map<string, E>();
    for (const event of this.queue) {
      const key = this.keyOf(event);
      const older = merged.get(key);
      merged.delete(key);
      merged.set(key, older === undefined ? event : this.merge(older, event));
    }
    this.queue = [...merged.values()];
  }

  async next(): Promise<IteratorResult<E>> {
    while (!this.closed) {
      const event = this.queue.shift();
      if (event !== undefined) return { value: event, done: false };
      this.limit = STATE_QUEUE_LIMIT; // caught up
      await this.signal.wait();
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<E>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<E>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.queue = [];
    this.signal.notify();
  }
}
