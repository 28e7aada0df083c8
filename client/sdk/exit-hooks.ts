import { constants } from 'node:os';
import { inspect } from 'node:util';
import { type LastChanceRun, lastChanceFlush } from './exit-flush.js';

export type EndStatus = 'FINISHED' | 'FAILED' | 'KILLED';

/** What the exit hooks need from an open run. */
export interface ExitableRun {
  readonly id: string;
  end(status: EndStatus): Promise<void>;
  /** The run's unsent points and end call, for the synchronous path when process.exit() cuts things short. */
  lastChance(status: EndStatus): LastChanceRun;
}

/** How long a signal or a crash waits for runs to end before the process goes anyway. */
const GRACE_MS = 15_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Ends a script's open runs whatever way the process goes (MLflow's atexit, for Node):
 * - the event loop drains (normal exit): flush, end FINISHED (FAILED when process.exitCode is set);
 * - SIGINT / SIGTERM: flush, end KILLED, then die of the same signal (a second signal: at once);
 * - an uncaught exception or unhandled rejection: print it as Node would, end FAILED, exit 1;
 * - process.exit() while runs are open: a synchronous last-chance flush in a child process.
 * The hooks are installed while at least one run is open, so a script without runs keeps Node's
 * defaults. A script that handles uncaught exceptions itself keeps that: we then stay out of it.
 */
export class ExitHooks {
  private readonly open = new Set<ExitableRun>();
  private installed = false;
  private ending: Promise<void> | undefined;
  private signalled = false;
  // Set when a signal or crash waited GRACE_MS in vain: the server is not answering, so the
  // synchronous path at 'exit' would only wait again.
  private gaveUp = false;
  /** true once the process is going down: late logMetric calls are dropped instead of throwing. */
  exiting = false;

  track(run: ExitableRun): void {
    this.open.add(run);
    if (!this.installed) this.install();
  }

  untrack(run: ExitableRun): void {
    this.open.delete(run);
    if (this.open.size === 0 && !this.exiting) this.uninstall();
  }

  private install(): void {
    this.installed = true;
    process.on('beforeExit', this.onBeforeExit);
    process.on('exit', this.onExit);
    process.on('uncaughtException', this.onUncaught);
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  private uninstall(): void {
    this.installed = false;
    process.off('beforeExit', this.onBeforeExit);
    process.off('exit', this.onExit);
    process.off('uncaughtException', this.onUncaught);
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
  }

  private endAll(status: EndStatus): Promise<void> {
    this.ending ??= Promise.allSettled([...this.open].map((run) => run.end(status).then(() => run))).then((results) => {
      this.ending = undefined;
      for (const result of results) {
        if (result.status === 'rejected') process.stderr.write(`trackline: while ending runs at exit: ${String(result.reason)}\n`);
      }
    });
    return this.ending;
  }

  private async endWithin(status: EndStatus): Promise<void> {
    if (!(await withTimeout(this.endAll(status), GRACE_MS))) this.gaveUp = true;
  }

  private readonly onBeforeExit = (): void => {
    if (this.open.size > 0) void this.endAll(Number(process.exitCode ?? 0) === 0 ? 'FINISHED' : 'FAILED');
  };

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    const signalNumber = constants.signals[signal as keyof typeof constants.signals] ?? 15;
    if (this.signalled) process.exit(128 + signalNumber);
    this.signalled = true;
    this.exiting = true;
    void this.endWithin('KILLED').then(() => {
      this.uninstall();
      // Only re-raise when nobody else listens: then Node's default applies and the parent sees the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };

  private readonly onUncaught = (error: unknown): void => {
    if (process.listenerCount('uncaughtException') > 1) return;
    this.exiting = true;
    process.stderr.write(`${inspect(error)}\n`);
    void this.endWithin('FAILED').then(() => process.exit(1));
  };

  private readonly onExit = (code: number): void => {
    if (this.open.size === 0 || this.gaveUp) return;
    const status: EndStatus = this.signalled ? 'KILLED' : code === 0 ? 'FINISHED' : 'FAILED';
    lastChanceFlush([...this.open].map((run) => run.lastChance(status)));
  };
}

/** Resolves true when `work` settled within `ms`, false when the time ran out first. */
function withTimeout(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

/** One set of hooks per process, shared by every client the script connects. */
export const exitHooks = new ExitHooks();
