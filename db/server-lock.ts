import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/** A second server on a SQLite file already served, refused at start. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/**
 * Makes this process the one server of a SQLite file. Two servers on one file would each keep caches,
 * statistics and live events of their own, and their writes contend for one lock; a second one is
 * refused at start instead.
 *
 * The lock is SQLite's own: an exclusive transaction held open on a small side file (`<db>.server-lock`),
 * so it is a POSIX lock that the operating system drops when the process dies (a restart right after
 * kill -9 finds it free). The database file itself is not locked: CLI commands that write it (token
 * management, backups) run beside the server as usual.
 */
export function acquireServerLock(dbPath: string): { release(): void } {
  const path = `${resolve(dbPath)}.server-lock`;
  const lock = new SQLite(path);
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DatabaseInUseError(
        `another trackline server is already serving ${resolve(dbPath)} (it holds ${path}); stop it first, or start this one with another --db`,
      );
    }
    throw error;
  }
  return {
    release() {
      if (lock.open) lock.close();
    },
  };
}
