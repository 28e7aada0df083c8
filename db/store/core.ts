import type { Db, Queryable } from '../connect.js';
import type { ChangeListener, StoreEvent } from '../entities.js';

/**
 * What every store operation shares: the database, the change listeners, and the two ways to touch
 * the database. `write` runs one transaction per request and publishes its events only after commit;
 * `read` gives a consistent snapshot for reads that take several queries.
 */
export class StoreCore {
  private readonly listeners = new Set<ChangeListener>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    readonly db: Db,
    readonly now: () => number = Date.now,
  ) {}

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async write<T>(work: (trx: Queryable, events: StoreEvent[]) => Promise<T>): Promise<T> {
    const events: StoreEvent[] = [];
    const done = this.db.transaction('write', (trx) => work(trx, events));
    this.inFlight.add(done);
    try {
      const result = await done;
      for (const event of events) this.emit(event);
      return result;
    } finally {
      this.inFlight.delete(done);
    }
  }

  async read<T>(work: (trx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction('read', work);
  }

  /** Resolves when every write that has started has committed or failed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  get lockRows(): boolean {
    return this.db.dialect === 'postgres';
  }

  /** Publishes an event about a change made outside a transaction (artifact files). */
  publish(event: StoreEvent): void {
    this.emit(event);
  }

  private emit(event: StoreEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's bug must never undo or fail a committed write.
        console.error('trackline: change listener failed', error);
      }
    }
  }
}

/**
 * A unique constraint refused a row. Concurrent requests on Postgres can both pass a "name is free"
 * check before either commits; the constraint then decides, and the loser must hear ALREADY_EXISTS.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
