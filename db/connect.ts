import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus what the hot paths need to know about the dialect. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** The better-sqlite3 handle (SQLite only): the metric insert loop uses its prepared statements. */
  readonly sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/** `postgres://...` opens Postgres; anything else is a SQLite file path (or `:memory:`). */
export function connect(url: string): Db {
  return /^postgres(ql)?:\/\//.test(url) ? connectPostgres(url) : connectSqlite(url);
}

function connectSqlite(path: string): Db {
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
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
  const neverAnalyzed = !raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
  if (neverAnalyzed) raw.exec('ANALYZE');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  const close = async () => {
    raw.exec('ANALYZE');
    await kysely.destroy();
  };
  return { kysely, dialect: 'sqlite', sqlite: raw, close };
}

// int8 (bigint) columns hold epoch ms, steps and seqs, all < 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

function connectPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL once per distinct string is
 * measurably faster on hot paths. Bounded, because `IN (...)` lists of many lengths make many strings.
 */
function withStatementCache(raw: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) return stmt;
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
