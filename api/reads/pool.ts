import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { overLimit, unavailable } from '../../db/errors.js';
import type { RawFields } from '../mlflow/request.js';
import { readWorkerBundle } from './worker-bundle.js';

/**
 * Reads on worker threads. better-sqlite3 runs each statement on the thread that calls it and cannot
 * be interrupted, and graphql-js completes and serialises a result without yielding: on the event
 * loop, one allowed but heavy read (a 200,000-point history, a page of 1,000 runs with their params,
 * a runs/search of 50,000 runs) held every other client for seconds. Each worker has its own
 * read-only connection to the database (SQLite in WAL mode lets readers run beside the one writer;
 * on Postgres its own small pool) and runs the very same GraphQL handler and MLflow REST handlers,
 * so a read answers the same wherever it runs. Writes, subscriptions and artifact streams stay on
 * the event loop. Piscina (a maintained worker pool) queues, balances and replaces workers.
 *
 * Limits a read cannot pass: READ_LIMITS.timeoutMs of wall time (the worker is terminated, which
 * stops the statement from returning into JavaScript; a fresh worker takes its place) and
 * READ_LIMITS.heapMb of heap per worker (a read that needs more ends its worker, not the server).
 * Both answer INVALID_ARGUMENT naming the limit; a full queue answers UNAVAILABLE (503, retry).
 */
const READ_LIMITS = {
  timeoutMs: 30_000,
  heapMb: 512,
  /** reads waiting for a worker, per worker */
  queuedPerWorker: 64,
};

export interface ReadPoolOptions {
  db: string;
  artifacts: string;
  maxBodyBytes: number;
  maxUploadBytes: number;
  busyTimeoutMs?: number;
  /** worker threads (default: the machine's cores, 2 to 4) */
  threads?: number;
  /** READ_LIMITS.timeoutMs unless given */
  readTimeoutMs?: number;
  /** READ_LIMITS.heapMb unless given */
  readHeapMb?: number;
}

/** A GraphQL operation as the client sent it. */
export interface GraphqlReadTask {
  params: { query?: string; variables?: Record<string, unknown> | null; operationName?: string | null; extensions?: Record<string, unknown> };
}

/** An MLflow REST read as a read worker takes it: the endpoint table it is for, and the request's fields. */
export interface MlflowReadTask {
  prefix: string;
  method: string;
  path: string;
  fields: RawFields;
  fromQuery: boolean;
  params: Record<string, string>;
}

export type ReadTask = { kind: 'graphql'; task: GraphqlReadTask } | { kind: 'mlflow'; task: MlflowReadTask } | { kind: 'ping' };

/** A read's HTTP answer, its body moved (not copied) from the worker. */
export interface ReadAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

export class ReadPool {
  private readonly pool: Piscina<ReadTask, ReadAnswer>;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  /** Starts the workers and resolves once every one of them has loaded and opened its connection. */
  static async start(options: ReadPoolOptions): Promise<ReadPool> {
    // Compiled, the worker is worker.js beside this file; from the TypeScript sources, a bundle of it.
    const compiled = extname(fileURLToPath(import.meta.url)) === '.js';
    const filename = compiled ? new URL('./worker.js', import.meta.url).href : await readWorkerBundle();
    const pool = new ReadPool(options, filename);
    await Promise.all(Array.from({ length: pool.pool.maxThreads }, () => pool.pool.run({ kind: 'ping' })));
    return pool;
  }

  private constructor(options: ReadPoolOptions, filename: string) {
    this.timeoutMs = options.readTimeoutMs ?? READ_LIMITS.timeoutMs;
    this.heapMb = options.readHeapMb ?? READ_LIMITS.heapMb;
    const threads = options.threads ?? Math.max(2, Math.min(4, availableParallelism()));
    this.pool = new Piscina({
      filename,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      maxQueue: threads * READ_LIMITS.queuedPerWorker,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      workerData: options,
    });
  }

  graphql(task: GraphqlReadTask): Promise<ReadAnswer> {
    return this.run({ kind: 'graphql', task });
  }

  mlflow(task: MlflowReadTask): Promise<ReadAnswer> {
    return this.run({ kind: 'mlflow', task });
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async run(task: ReadTask): Promise<ReadAnswer> {
    if (this.pool.queueSize >= this.pool.options.maxQueue) {
      throw unavailable(`the server is busy: ${this.pool.queueSize} reads are waiting; try again`);
    }
    try {
      return await this.pool.run(task, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** Why the pool could not answer a read, as the error the client gets. */
  private failure(error: unknown): unknown {
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    if (name === 'AbortError') {
      return overLimit(`operation: took longer than ${this.timeoutMs / 1000} s; ask for smaller pages, fewer points or fewer runs`, 'query');
    }
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return overLimit(`operation: needed more than the ${this.heapMb} MB a read may use; ask for smaller pages, fewer points or fewer runs`, 'query');
    }
    return error;
  }
}
