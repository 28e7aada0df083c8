import type { MetricWrite, StoreEvent, TrackingStore } from '../../db/store/index.js';
import type { LiveBus } from './bus.js';
import { LiveSource } from './live-source.js';

export const LIVE_LIMITS = {
  /** a replay (sinceSeq / since) larger than this many points answers RESYNC_REQUIRED */
  replayPoints: 100_000,
  /** live writes queued for one subscription before it drops them and catches up from the database */
  queuedPoints: 20_000,
  queuedWrites: 1_000,
  /** points read from the database per catch-up round */
  catchUpPage: 5_000,
  /** how often a subscription checks its runs' metric_seq for writes whose publish was lost */
  quietCheckMs: 5_000,
};

export type MetricsItem = { kind: 'write'; write: MetricWrite } | { kind: 'resync'; message: string };

export interface MetricsSubscription {
  runIds: readonly string[];
  keys?: readonly string[];
  /** run id -> the last seq the client has (exclusive replay start); runs without one start live */
  cursors: ReadonlyMap<string, number>;
}

/**
 * The source of one `metricsLogged` subscription: each run's writes in seq order, each exactly once.
 *
 * Live writes arrive from the bus into a bounded queue. The database is the source of truth whenever
 * the live stream cannot be trusted: for the initial replay, on a seq gap (lost or reordered publish),
 * when the queue overflows because the client reads slowly, and when a quiet run's metric_seq moved.
 * In that "catch-up" mode the bus only records the highest seq seen per run, and the source reads the
 * missing writes page by page as fast as the client takes them, then rejoins the live stream.
 */
export class MetricsLoggedSource extends LiveSource<MetricsItem> {
  private readonly last = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private readonly keys: ReadonlySet<string> | undefined;
  private readonly runs: ReadonlySet<string>;
  private queue: MetricWrite[] = [];
  private queuedPoints = 0;
  private ready: MetricsItem[] = [];
  private catchingUp = false;
  private finishAfterReady = false;

  private constructor(
    private readonly store: TrackingStore,
    bus: LiveBus,
    private readonly sub: MetricsSubscription,
  ) {
    // Subscribe (in super) before reading the database, so no write can fall between the two.
    super(bus);
    this.keys = sub.keys ? new Set(sub.keys) : undefined;
    this.runs = new Set(sub.runIds);
  }

  static async open(store: TrackingStore, bus: LiveBus, sub: MetricsSubscription): Promise<MetricsLoggedSource> {
    const source = new MetricsLoggedSource(store, bus, sub);
    try {
      await source.start();
    } catch (error) {
      source.close();
      throw error;
    }
    return source;
  }

  private async start() {
    const current = await this.store.runs.metricSeqs(this.sub.runIds);
    // Every run's starting point is set before the next await: events published meanwhile queue up
    // and are judged against it (a run without a cursor starts at the seq just read).
    const behind: Array<[string, number]> = [];
    for (const runId of this.sub.runIds) {
      const now = current.get(runId) ?? 0;
      const cursor = this.sub.cursors.get(runId);
      this.last.set(runId, cursor ?? now);
      if (cursor !== undefined && cursor < now) {
        this.raiseSeen(runId, now);
        behind.push([runId, cursor]);
      }
    }
    let replay = 0;
    for (const [runId, cursor] of behind) replay += await this.store.history.countSince(runId, cursor, this.sub.keys);
    if (replay > LIVE_LIMITS.replayPoints) {
      this.ready.push({
        kind: 'resync',
        message: `metricsLogged: the replay would send ${replay} points, more than ${LIVE_LIMITS.replayPoints}; reload the history and subscribe again from its lastSeq`,
      });
      this.finishAfterReady = true;
      return;
    }
    // Replay first: what queued meanwhile is read from the database along with it.
    if (this.seen.size) this.enterCatchUp();
  }

  protected onEvent(event: StoreEvent) {
    if (this.closed || event.type !== 'run' || !event.metricWrite) return;
    const write = event.metricWrite;
    if (!this.runs.has(write.runId)) return;
    if (this.catchingUp) {
      this.raiseSeen(write.runId, write.seq);
      return;
    }
    this.queue.push(write);
    this.queuedPoints += write.metrics.length;
    if (this.queue.length > LIVE_LIMITS.queuedWrites || this.queuedPoints > LIVE_LIMITS.queuedPoints) {
      this.enterCatchUp();
    }
    this.signal.notify();
  }

  private raiseSeen(runId: string, seq: number) {
    if (seq > (this.seen.get(runId) ?? 0)) this.seen.set(runId, seq);
  }

  /** Drops the queue (remembering how far each run got) and reads from the database instead. */
  private enterCatchUp() {
    for (const write of this.queue) this.raiseSeen(write.runId, write.seq);
    this.queue = [];
    this.queuedPoints = 0;
    this.catchingUp = true;
  }

  async next(): Promise<IteratorResult<MetricsItem>> {
    while (!this.closed) {
      const item = this.ready.shift();
      if (item) return { value: item, done: false };
      if (this.finishAfterReady) break;
      if (this.catchingUp) {
        await this.catchUpRound();
        continue;
      }
      const write = this.queue.shift();
      if (write) {
        this.queuedPoints -= write.metrics.length;
        this.takeLive(write);
        continue;
      }
      const woke = await Promise.race([this.signal.wait().then(() => true), delay(LIVE_LIMITS.quietCheckMs)]);
      if (!woke && !this.closed) await this.checkQuietRuns();
    }
    this.close();
    return { value: undefined, done: true };
  }

  private takeLive(write: MetricWrite) {
    const last = this.last.get(write.runId) ?? 0;
    if (write.seq <= last) return; // already delivered (replay overlap or a duplicate publish)
    if (write.seq > last + 1) {
      // A gap: an earlier write was published late or lost. Read it (and everything queued) from the database.
      this.raiseSeen(write.runId, write.seq);
      this.enterCatchUp();
      return;
    }
    this.last.set(write.runId, write.seq);
    this.deliver(write);
  }

  private deliver(write: MetricWrite) {
    const keys = this.keys;
    const metrics = keys ? write.metrics.filter((m) => keys.has(m.key)) : write.metrics;
    if (metrics.length) this.ready.push({ kind: 'write', write: { ...write, metrics } });
  }

  /** Reads the next page of missed writes of every run that is behind; leaves catch-up when none is. */
  private async catchUpRound() {
    for (const runId of this.sub.runIds) {
      const target = this.seen.get(runId) ?? 0;
      const last = this.last.get(runId) ?? 0;
      if (target <= last) continue;
      const page = await this.store.history.writesSince(runId, last, Number.MAX_SAFE_INTEGER, this.sub.keys, LIVE_LIMITS.catchUpPage);
      let reached = last;
      for (const write of page.writes) {
        reached = write.seq;
        this.deliver(write);
      }
      // A complete read saw every write committed before it started, including `target` (filtered or not).
      this.last.set(runId, page.complete ? Math.max(reached, target) : reached);
      if (this.ready.length) return; // hand these to the client before reading more
    }
    const behind = this.sub.runIds.some((id) => (this.seen.get(id) ?? 0) > (this.last.get(id) ?? 0));
    if (!behind) this.catchingUp = false;
  }

  /** A write whose publish was lost is found by its run's metric_seq. */
  private async checkQuietRuns() {
    const current = await this.store.runs.metricSeqs(this.sub.runIds);
    for (const [runId, seq] of current) {
      if (seq > (this.last.get(runId) ?? 0)) {
        this.raiseSeen(runId, seq);
        this.catchingUp = true;
      }
    }
    if (this.catchingUp) this.enterCatchUp();
  }

  protected release() {
    this.queue = [];
    this.ready = [];
  }
}

function delay(ms: number): Promise<false> {
  return new Promise((resolve) => setTimeout(() => resolve(false), ms).unref());
}
