import { createHash } from 'node:crypto';
import type { TestApp } from '../support/test-app';

/** Every table the suite promises to leave untouched when it refuses a request. */
export const WATCHED_TABLES = ['ip_assets', 'hosts', 'projects', 'vendors', 'tags', 'ip_asset_tags', 'ip_ranges', 'users', 'audit_logs', 'connector_jobs'] as const;

export type Snapshot = Record<string, { rows: number; hash: string }>;

/**
 * Row count and a content hash per table. Rows are hashed in a fixed order (sorted by their JSON text) so
 * the hash changes only when the content does; the test databases are small, so reading them whole is fine.
 */
export async function snapshotDatabase(t: TestApp): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const table of WATCHED_TABLES) {
    const rows = (await t.db.reader.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[];
    const lines = rows.map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
    out[table] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) };
  }
  return out;
}

/** The tables whose count or content differ, e.g. `hosts (3 → 4 rows)`; empty when nothing changed. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return WATCHED_TABLES.filter((table) => before[table].hash !== after[table].hash).map((table) => `${table} (${before[table].rows} → ${after[table].rows} rows)`);
}
