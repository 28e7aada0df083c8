import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { expectedError, unavailable } from './errors.js';
import type { Database } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** A handle queries run on: the database itself, or one transaction (both are a Kysely<Database>). */
export type Queryable = Kysely<Database>;

/** A transaction's purpose: a write takes the database's write lock at once, a read is a snapshot. */
export type TransactionMode = 'write' | 'read';

/** An open database: the Kysely handle plus what the hot paths need to know about the dialect. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** The better-sqlite3 handle (SQLite only). */
  readonly sqlite?: SQLite.Database;
  /**
   * SQLite: a prepared statement from the connection's one statement cache (the one Kysely's queries
   * use too), for hot paths that run a statement per row. Only called where `sqlite` is set.
   */
  prepare(sql: string): SQLite.Statement;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(mode: TransactionMode, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A read-only connection (the read workers'): no ANALYZE, no writes. */
  readonly?: boolean;
  /**
   * How long a write waits for another process's write lock before answering UNAVAILABLE. The wait
   * is asynchronous (BEGIN IMMEDIATE retried on a timer), so the event loop keeps serving meanwhile.
   */
  busyTimeoutMs?: number;
  /** Postgres connections in the pool. */
  poolSize?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** `postgres://...` opens Postgres; anything else is a SQLite file path (or `:memory:`). */
export function connect(url: string, options: ConnectOptions = {}): Db {
  return isPostgresUrl(url) ? connectPostgres(url, options) : connectSqlite(url, options);
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

function connectSqlite(path: string, options: ConnectOptions): Db {
  const readonly = options.readonly ?? false;
  const raw = new SQLite(path, { fileMustExist: readonly });
  // Readers refuse writes with query_only rather than opening read-only: a read-only connection to a
  // WAL database cannot recover the shared-memory index itself when it is the first to open the file.
  if (readonly) raw.pragma('query_only = ON');
  else raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // The writer waits for locks asynchronously (beginImmediate below); SQLite's own busy handler sleeps
  // on the thread, so the event loop's connection only absorbs a blip with it. Readers run on worker
  // threads, where sleeping blocks nobody.
  raw.pragma(`busy_timeout = ${readonly ? (options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS) : 20}`);
  // MLflow's rule: LIKE is case-sensitive, ILIKE is not (SQLite's LIKE ignores ASCII case by default).
  raw.pragma('case_sensitive_like = ON');
  // 16 MB of page cache (the OS caches the file too). 64 MB measured no faster on the bench's ingest and
  // queries, and cost about 90 MB of server RSS after 10M points (malloc keeps what the churn frees).
  raw.pragma('cache_size = -16384');
  // Query planner statistics: without them the runs search picks worse join orders (about 2x slower).
  // SQLite's default sample (2,000 rows per index) makes a key shared by 10,000 runs look like 2,000
  // runs and misleads the planner the same way; 20,000 rows keep ANALYZE bounded (about 0.1 s) and
  // measured 4.3 ms instead of 9.4 ms for the runs search over 10,000 runs.
  // (PRAGMA optimize samples 2,000 rows whatever analysis_limit says, so ANALYZE runs explicitly:
  // when the file has never been analyzed, and at every clean close.)
  raw.pragma('analysis_limit = 20000');
  if (!readonly) {
    const neverAnalyzed = !raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
    if (neverAnalyzed) raw.exec('ANALYZE');
  }
  const statements = withStatementCache(raw);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;

  // Kysely's own transaction() begins DEFERRED: a transaction that reads and then writes can then fail
  // with SQLITE_BUSY_SNAPSHOT when another process wrote in between. A write takes the lock up front.
  const transaction = <T>(mode: TransactionMode, work: (trx: Kysely<Database>) => Promise<T>) =>
    kysely.connection().execute(async (conn) => {
      if (mode === 'write') await beginImmediate(conn, busyTimeoutMs);
      else await sql`begin`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  const close = async () => {
    if (!readonly) raw.exec('ANALYZE');
    await kysely.destroy();
  };
  return { kysely, dialect: 'sqlite', sqlite: raw, prepare: statements.prepare, transaction, close };
}

/** BEGIN IMMEDIATE, retried on a timer while another connection (another process) holds the write lock. */
async function beginImmediate(conn: Kysely<Database>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      await sql`begin immediate`.execute(conn);
      return;
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      if (Date.now() + wait > deadline) {
        throw unavailable(`the database is busy: another process has held its write lock for over ${timeoutMs} ms; try again`);
      }
      await sleep(wait);
    }
  }
}

const isSqliteBusy = (error: unknown) => expectedError(error)?.code === 'UNAVAILABLE';

// int8 (bigint) columns hold epoch ms, steps and seqs, all < 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

function connectPostgres(url: string, options: ConnectOptions): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const transaction = <T>(mode: TransactionMode, work: (trx: Kysely<Database>) => Promise<T>) => {
    // Writes lock the rows they change (SELECT ... FOR UPDATE); reads see one snapshot.
    const tx = kysely.transaction();
    return (mode === 'read' ? tx.setIsolationLevel('repeatable read') : tx).execute(work);
  };
  const prepare = () => {
    throw new Error('prepare: prepared statements are a SQLite path');
  };
  return { kysely, dialect: 'postgres', prepare, transaction, close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL once per distinct string is
 * measurably faster on hot paths. Bounded, because `IN (...)` lists of many lengths make many strings;
 * least recently used first out, so the hot statements stay.
 */
function withStatementCache(raw: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
        cache.set(sql, stmt);
        return stmt;
      }
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      stmt = raw.prepare(sql);
      cache.set(sql, stmt);
      return stmt;
    },
    close() {
      cache.clear();
      raw.close();
    },
  };
}
