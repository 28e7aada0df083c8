import { setTimeout as sleep } from 'node:timers/promises';
import { TracklineError } from './errors.js';

export interface RetryOptions {
  /** tries in all, the first included (default 5) */
  attempts: number;
  /** the first wait; each next one doubles, with jitter (default 100 ms) */
  baseDelayMs: number;
  /** the longest single wait (default 2,000 ms) */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 100, maxDelayMs: 2000 };

/** Failures worth another try: the request may not have been processed, or the server was busy. */
function isTransient(error: unknown): boolean {
  return error instanceof TracklineError && (error.code === 'NETWORK' || error.code === 'UNAVAILABLE');
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so clients spread out. */
function backoffDelay(retry: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Runs `attempt` until it succeeds, fails for a non-transient reason, or the attempts run out.
 * Only for calls that are safe to repeat: the caller decides that, not this function.
 */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= options.attempts || !isTransient(error)) throw error;
      await sleep(backoffDelay(tried - 1, options));
    }
  }
}

/**
 * For creates that must not run twice (createRun, createExperiment): never blindly resent. After a
 * transient failure the first attempt may still have landed, so wait, ask whether it did, and only
 * send again when it did not.
 */
export async function createOnce<T>(create: () => Promise<T>, landed: () => Promise<T | undefined>, options: RetryOptions): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await create();
    } catch (error) {
      if (tried >= options.attempts || !isTransient(error)) throw error;
      // The wait also lets a request the server is still working on commit before we look.
      await sleep(backoffDelay(tried - 1, options));
      const found = await landed();
      if (found !== undefined) return found;
    }
  }
}
