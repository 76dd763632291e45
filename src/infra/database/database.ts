import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Entry point for every write.
 *
 * TypeORM's SQLite driver shares one connection and one query runner between all callers, so two
 * overlapping transactions either fail ("cannot start a transaction within a transaction") or nest as
 * savepoints and silently lose committed work. On SQLite every write therefore waits its turn in an
 * in-process queue. Callers must not await anything but the database inside `fn` (hash passwords, read
 * files and call remote servers before or after), or the queue would stall every other writer.
 *
 * PostgreSQL has a real connection pool and row locks, so transactions run side by side there.
 */
@Injectable()
export class Database implements OnApplicationBootstrap {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  /** Manager for reads outside a transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(fn);
    const run = this.tail.then(() => this.dataSource.transaction(fn));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Takes the write queue's turn without opening a transaction here: for work that writes through another
   * connection (an import running in a worker thread with its own SQLite handle). Nothing else writes meanwhile.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.isSqlite) return fn();
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.refreshStatistics();
  }

  /**
   * Refreshes the query planner's statistics. SQLite keeps none until ANALYZE runs, and without them it picks
   * the low-selectivity `(archived, type)` index for filtered counts and scans ten times more rows. Called at
   * start and after bulk imports; `PRAGMA optimize` only re-analyzes tables whose size changed a lot.
   */
  async refreshStatistics(): Promise<void> {
    if (this.isSqlite) await this.exclusive(() => this.dataSource.query('PRAGMA optimize=0x10002'));
    else await this.dataSource.query('ANALYZE');
  }
}

/** True for a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
