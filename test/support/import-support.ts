import type { TestApp } from './test-app';
import { bearer } from './test-app';

/** Multipart POST of named file fields. */
export function upload(t: TestApp, token: string, path: string, files: Record<string, string | Buffer>, query = '') {
  let req = t.http.post(`${path}${query}`).set(bearer(token));
  for (const [field, content] of Object.entries(files)) req = req.attach(field, Buffer.isBuffer(content) ? content : Buffer.from(content), `${field}.dat`);
  return req;
}

export const bundleOf = (data: object) => JSON.stringify({ app: 'ipocket', schema_version: '1', exported_at: '2024-01-01T00:00:00.000000+00:00', data });

/** Row counts of the inventory tables, to prove that a refused import wrote nothing. */
export async function inventoryCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['vendors', 'projects', 'hosts', 'tags', 'ip_assets', 'ip_asset_tags', 'audit_logs']) {
    const rows = (await t.db.reader.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[];
    out[table] = Number(rows[0].n);
  }
  return out;
}
