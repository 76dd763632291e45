import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The parts of the drivers' own handles that `rowArrays` uses. */
interface SqliteStatement {
  raw(toggle: boolean): SqliteStatement;
  all(...parameters: unknown[]): unknown[][];
  columns(): { name: string }[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface PgPool {
  query(config: { text: string; values: readonly unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][]; fields: { name: string }[] }>;
}

/** Rows as arrays, and where each named column sits in them. */
export class RowArrays {
  constructor(
    readonly columns: readonly string[],
    readonly rows: unknown[][],
  ) {}

  /** The position of a column; throws on a name the query did not select (a programming error). */
  index(name: string): number {
    const i = this.columns.indexOf(name);
    if (i < 0) throw new Error(`Column ${name} is not among ${this.columns.join(', ')}`);
    return i;
  }
}

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
  private readonly arrayStatements = new Map<string, SqliteStatement>();
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

  /**
   * Runs a read and returns each row as an array of its column values, with the column names (the query
   * builder may order select expressions its own way, so callers look positions up by name). For the reads
   * that hand back tens of thousands of rows (the unpaginated list, exports, service discovery): an object
   * with named properties per row took a third of their time. Parameters as `getQueryAndParameters()` gives them.
   */
  async rowArrays(sql: string, parameters: readonly unknown[]): Promise<RowArrays> {
    const driver = this.dataSource.driver as unknown as { databaseConnection: SqliteConnection; master: PgPool };
    if (!this.isSqlite) {
      const result = await driver.master.query({ text: sql, values: parameters, rowMode: 'array' });
      return new RowArrays(result.fields.map((f) => f.name), result.rows);
    }
    let statement = this.arrayStatements.get(sql);
    if (!statement) {
      // A handful of distinct texts in practice (with and without a keyset bound, per filter set); stay bounded anyway.
      if (this.arrayStatements.size >= 64) this.arrayStatements.clear();
      statement = driver.databaseConnection.prepare(sql).raw(true);
      this.arrayStatements.set(sql, statement);
    }
    // better-sqlite3 binds no booleans; TypeORM's own query runner converts them the same way.
    const rows = statement.all(...parameters.map((p) => (typeof p === 'boolean' ? Number(p) : p)));
    return new RowArrays(statement.columns().map((c) => c.name), rows);
  }

  /**
   * An aggregate joining `expression` (with a SQL literal `separator`) over the rows of a subquery that is ordered
   * by `orderBy`, in that order. SQLite aggregates a subquery's rows in the order it yields them, one at a time,
   * so an `ORDER BY` inside the aggregate would only sort them again (a third of /sd/node's time); PostgreSQL may
   * aggregate in parallel, so it is given the order explicitly. Tests check the order on both.
   */
  concatInOrder(expression: string, separator: string, orderBy: string): string {
    return this.isSqlite ? `group_concat(${expression}, ${separator})` : `string_agg(${expression}, ${separator} ORDER BY ${orderBy})`;
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

  /**
   * Picks up statistics another connection refreshed (the import worker, which analyzes off the HTTP thread:
   * ANALYZE after a 100k-row apply blocks for a few hundred ms). A SQLite connection keeps the statistics it
   * loaded until told to re-read them, which `ANALYZE sqlite_schema` does in a few ms without analyzing
   * anything; PostgreSQL's statistics live in the server.
   */
  async reloadStatistics(): Promise<void> {
    if (this.isSqlite) await this.exclusive(() => this.dataSource.query('ANALYZE sqlite_schema'));
  }
}

/** True for a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
