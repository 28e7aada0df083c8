import type { StoreEvent } from '../../db/store/index.js';
import type { LiveBus } from './bus.js';
import { Signal } from './signal.js';

/**
 * The async iterator behind a subscription: it listens to the bus from construction on, and closing it
 * (the client unsubscribes, the socket closes) removes its listener at once, even while a `next()` is
 * waiting, which an async generator cannot do.
 */
export abstract class LiveSource<T> implements AsyncIterableIterator<T> {
  protected closed = false;
  protected readonly signal = new Signal();
  private readonly unsubscribe: () => void;

  protected constructor(bus: LiveBus) {
    this.unsubscribe = bus.subscribe((event) => {
      if (!this.closed) this.onEvent(event);
    });
  }

  protected abstract onEvent(event: StoreEvent): void;
  abstract next(): Promise<IteratorResult<T>>;
  /** Drops whatever the source holds; called once, on close. */
  protected abstract release(): void;

  async return(): Promise<IteratorResult<T>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  protected close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.release();
    this.signal.notify();
  }
}
