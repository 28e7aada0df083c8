import type { BufferOptions } from './metric-buffer.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';

export interface ConnectOptions {
  /** the server; default TRACKLINE_URL, else http://127.0.0.1:5000 */
  url?: string;
  /** sent as a Bearer token; default TRACKLINE_TOKEN */
  token?: string;
  /** metric batching: { maxPoints: 1000, intervalMs: 200, maxInFlight: 4 } */
  batch?: Partial<BufferOptions>;
  /** retries of idempotent calls: { attempts: 5, baseDelayMs: 100, maxDelayMs: 2000 } */
  retry?: Partial<RetryOptions>;
  /** parallel artifact uploads and downloads (default 4) */
  artifactConcurrency?: number;
  /** end open runs when the process exits, is interrupted or crashes (default true) */
  exitHandlers?: boolean;
}

export interface ResolvedOptions {
  url: string;
  token: string | undefined;
  batch: BufferOptions;
  retry: RetryOptions;
  artifactConcurrency: number;
  exitHandlers: boolean;
}

const DEFAULT_URL = 'http://127.0.0.1:5000';
const DEFAULT_BATCH: BufferOptions = { maxPoints: 1000, intervalMs: 200, maxInFlight: 4 };

/** Options win over the environment, which wins over the defaults; nonsense is refused up front. */
export function resolveOptions(options: ConnectOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const url = options.url ?? env.TRACKLINE_URL ?? DEFAULT_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new TypeError(`connect: url must be an http(s) URL such as ${DEFAULT_URL}, got ${JSON.stringify(url)}`);
  }
  const batch = { ...DEFAULT_BATCH, ...options.batch };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  positive('batch.maxPoints', batch.maxPoints);
  positive('batch.maxInFlight', batch.maxInFlight);
  positive('batch.intervalMs', batch.intervalMs);
  positive('retry.attempts', retry.attempts);
  return {
    url,
    token: options.token ?? (env.TRACKLINE_TOKEN || undefined),
    batch,
    retry,
    artifactConcurrency: positive('artifactConcurrency', options.artifactConcurrency ?? 4),
    exitHandlers: options.exitHandlers ?? true,
  };
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`connect: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}
