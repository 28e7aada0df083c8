import type { EncodedMetricValue } from '../../common/metric-value.js';
import { type BufferedPoint, PointColumns } from './point-columns.js';

export type { BufferedPoint } from './point-columns.js';

export interface BufferOptions {
  /** send as soon as this many points are pending (default 1,000) */
  maxPoints: number;
  /** send pending points at most this long after the first of them was logged (default 200 ms) */
  intervalMs: number;
  /** batches on the wire at once per run (default 4) */
  maxInFlight: number;
}

/** The server refuses a logBatch with more metrics than this (MLflow's limit, LIMITS.metricsPerBatch in db/validation.ts). */
export const SERVER_METRICS_PER_BATCH = 1000;

/** A slice of the columns waiting for a free slot: materialised only when it is sent. */
interface QueuedBatch {
  columns: PointColumns;
  start: number;
  end: number;
}

/**
 * Collects a run's points and ships them in batches: when `maxPoints` are pending, when
 * `intervalMs` has passed, or on flush. logMetric only appends here, so a call costs well under a
 * microsecond; the network work happens while the script waits or between its awaits. A buffer
 * above the server's limit goes out as several batches.
 */
export class MetricBuffer {
  private pending = new PointColumns();
  private readonly queued: QueuedBatch[] = [];
  private readonly inFlight = new Map<Promise<void>, BufferedPoint[]>();
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(
    private readonly send: (points: BufferedPoint[]) => Promise<void>,
    private readonly options: BufferOptions,
  ) {}

  add(key: string, value: EncodedMetricValue, step: number, timestamp: number): void {
    if (this.pending.push(key, value, step, timestamp) >= this.options.maxPoints) this.cut();
    // unref: a pending timer must not keep a finished script alive; the exit hooks flush instead.
    else if (this.timer === undefined) this.timer = setTimeout(this.cut, this.options.intervalMs).unref();
  }

  /** Sends everything logged so far and waits for it; rethrows (once) the first batch that failed. */
  async flush(): Promise<void> {
    this.cut();
    await this.drained();
    this.rethrowFailure();
  }

  /** Waits for the batches already handed to the network, leaving pending points where they are. */
  async settled(): Promise<void> {
    await this.drained();
    this.rethrowFailure();
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Every point not yet known to be stored, in flight included: what a last-chance flush resends. */
  unsent(): BufferedPoint[] {
    return [
      ...[...this.inFlight.values()].flat(),
      ...this.queued.flatMap((batch) => batch.columns.toPoints(batch.start, batch.end)),
      ...this.pending.toPoints(),
    ];
  }

  /** Stops the timer; points still pending stay for unsent(). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly cut = (): void => {
    this.stop();
    const columns = this.pending;
    if (columns.length === 0) return;
    this.pending = new PointColumns();
    const size = Math.min(this.options.maxPoints, SERVER_METRICS_PER_BATCH);
    for (let start = 0; start < columns.length; start += size) {
      this.queued.push({ columns, start, end: Math.min(start + size, columns.length) });
    }
    this.pump();
  };

  private pump(): void {
    while (this.inFlight.size < this.options.maxInFlight && this.queued.length > 0) {
      const { columns, start, end } = this.queued.shift() as QueuedBatch;
      const points = columns.toPoints(start, end);
      const sending: Promise<void> = this.send(points)
        .catch((error: unknown) => {
          // Keep the first failure for the next flush/end; later batches still go out.
          this.failure ??= error;
        })
        .finally(() => {
          this.inFlight.delete(sending);
          this.pump();
        });
      this.inFlight.set(sending, points);
    }
  }

  private async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight.keys());
  }

  private rethrowFailure(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure;
  }
}
