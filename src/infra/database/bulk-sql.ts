import type { EntityManager } from 'typeorm';

/**
 * Hand-built multi-row SQL for imports: TypeORM's ORM saves are one statement per row, far too slow for
 * 100k-row bundles. Placeholders are `?` on SQLite and `$n` on PostgreSQL.
 */

/** SQLite refuses more than 32,766 bound parameters per statement; stay well below. */
const MAX_PARAMS = 30_000;

export const isPostgres = (em: EntityManager): boolean => em.connection.options.type === 'postgres';

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** How many rows of `columns` values fit in one statement. */
export const rowsPerStatement = (columns: number): number => Math.max(1, Math.floor(MAX_PARAMS / columns));

/** Items per `IN (…)` list. */
export const IN_CHUNK = 5_000;

export type SqlType = 'int' | 'text' | 'bool';

export class Params {
  readonly values: unknown[] = [];
  constructor(readonly pg: boolean) {}

  /** A placeholder for `value`. The type adds the cast PostgreSQL needs inside `VALUES` lists. */
  add(value: unknown, type?: SqlType): string {
    this.values.push(typeof value === 'boolean' && !this.pg ? (value ? 1 : 0) : value);
    if (!this.pg) return '?';
    const slot = `$${this.values.length}`;
    return type === undefined ? slot : `CAST(${slot} AS ${type === 'int' ? 'INTEGER' : type === 'bool' ? 'BOOLEAN' : 'TEXT'})`;
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/** Runs `INSERT INTO table (cols) VALUES … RETURNING returning` in chunks; returns all returned rows. */
export async function insertRows<R>(em: EntityManager, table: string, columns: string[], rows: unknown[][], returning?: string): Promise<R[]> {
  const out: R[] = [];
  const pg = isPostgres(em);
  for (const part of chunks(rows, rowsPerStatement(columns.length))) {
    const p = new Params(pg);
    const values = part.map((row) => `(${row.map((v) => p.add(v)).join(', ')})`).join(', ');
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${returning ? ` RETURNING ${returning}` : ''}`;
    const result = (await em.query(sql, p.values)) as unknown;
    if (returning && Array.isArray(result)) out.push(...(result as R[]));
  }
  return out;
}

/**
 * `UPDATE table SET col = v.columnN … FROM (VALUES …) AS v WHERE table.id = v.column1` in chunks: one
 * statement per few thousand rows on both databases. The first column of each row is the id.
 */
export async function updateRows(em: EntityManager, table: string, columns: { name: string; type: SqlType }[], rows: unknown[][]): Promise<void> {
  const pg = isPostgres(em);
  const all = [{ name: 'id', type: 'int' as SqlType }, ...columns];
  const sets = columns.map((c, i) => `${c.name} = v.column${i + 2}`).join(', ');
  for (const part of chunks(rows, rowsPerStatement(all.length))) {
    const p = new Params(pg);
    const values = part.map((row) => `(${row.map((v, i) => p.add(v, all[i].type)).join(', ')})`).join(', ');
    await em.query(`UPDATE ${table} SET ${sets} FROM (VALUES ${values}) AS v WHERE ${table}.id = v.column1`, p.values);
  }
}

/** Runs `select(params, placeholders)` once per chunk of `keys` and concatenates the rows. */
export async function selectIn<R>(em: EntityManager, keys: readonly unknown[], sql: (inList: string) => string): Promise<R[]> {
  const out: R[] = [];
  const pg = isPostgres(em);
  for (const part of chunks(keys, IN_CHUNK)) {
    const p = new Params(pg);
    const rows = (await em.query(sql(p.list(part)), p.values)) as R[];
    out.push(...rows);
  }
  return out;
}
