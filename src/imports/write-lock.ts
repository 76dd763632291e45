import type { Database } from '../infra/database/database';

/**
 * Runs `fn` while holding the app's SQLite write queue without opening a transaction on the app's own
 * connection: a worker thread writes through its own connection meanwhile, and every other writer of this
 * process waits its turn instead of hitting SQLITE_BUSY (which blocks the event loop in better-sqlite3).
 *
 * Uses `Database.exclusive(fn)` when the database service offers it; until then it joins the same queue
 * `Database.transaction` uses. PostgreSQL needs no queue: row locks serialise the writers.
 */
export function withWriteQueue<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const native = (db as unknown as { exclusive?: (fn: () => Promise<T>) => Promise<T> }).exclusive;
  if (typeof native === 'function') return native.call(db, fn);
  if (!db.isSqlite) return fn();
  const queue = db as unknown as { tail: Promise<unknown> };
  const run = queue.tail.then(fn);
  queue.tail = run.catch(() => undefined);
  return run;
}
