import type { LiveBus } from './bus.js';
import type { StoreEvent } from '../../db/store/index.js';
import { LiveSource } from './live-source.js';

/** Events queued for one runChanged / experimentChanged subscription before they are coalesced. */
export const STATE_QUEUE_LIMIT = 1_000;

/**
 * The source of a subscription whose events carry state (a run or an experiment, read fresh when the
 * event is resolved). Events queue in order; when the client lags and the queue fills, the source keeps
 * one event per entity, merging what changed, until the client has read everything: memory stays
 * bounded by the number of entities, nothing is lost, and a slow client reads each entity's newest
 * state once instead of every stale step.
 */
export class StateSource<E> extends LiveSource<E> {
  private queue: E[] = [];
  /** Set while lagging: one event per entity, in the order of each entity's newest change. */
  private merged: Map<string, E> | undefined;

  constructor(
    bus: LiveBus,
    private readonly select: (event: StoreEvent) => E | undefined,
    private readonly keyOf: (event: E) => string,
    private readonly merge: (older: E, newer: E) => E,
  ) {
    super(bus);
  }

  protected onEvent(event: StoreEvent) {
    if (this.closed) return;
    const selected = this.select(event);
    if (selected === undefined) return;
    if (this.merged) this.mergeIn(this.merged, selected);
    else {
      this.queue.push(selected);
      if (this.queue.length > STATE_QUEUE_LIMIT) this.startMerging();
    }
    this.signal.notify();
  }

  private startMerging() {
    const merged = new Map<string, E>();
    for (const event of this.queue) this.mergeIn(merged, event);
    this.queue = [];
    this.merged = merged;
  }

  /** The entity's event moves to the end (its newest change) and carries everything that changed. */
  private mergeIn(merged: Map<string, E>, event: E) {
    const key = this.keyOf(event);
    const older = merged.get(key);
    merged.delete(key);
    merged.set(key, older === undefined ? event : this.merge(older, event));
  }

  private take(): E | undefined {
    if (this.merged) {
      const first = this.merged.entries().next();
      if (!first.done) {
        this.merged.delete(first.value[0]);
        return first.value[1];
      }
      this.merged = undefined; // caught up: every event again, in order
    }
    return this.queue.shift();
  }

  async next(): Promise<IteratorResult<E>> {
    while (!this.closed) {
      const event = this.take();
      if (event !== undefined) return { value: event, done: false };
      await this.signal.wait();
    }
    return { value: undefined, done: true };
  }

  protected release() {
    this.queue = [];
    this.merged = undefined;
  }
}
