import Sqlite from 'better-sqlite3';
import { usingPostgres } from '../support/test-database';
import { TestApp } from '../support/test-app';

/**
 * Large imports analyze their tables on the worker's own connection (src/imports/import.worker.ts), then the
 * app's connection re-reads the statistics (Database.reloadStatistics). SQLite only: PostgreSQL keeps
 * statistics in the server, where every connection sees them.
 */
(usingPostgres() ? describe.skip : describe)('query planner statistics refreshed by another connection (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('reach the app connection only after reloadStatistics', async () => {
    // A column with one value and a selective one: without statistics SQLite trusts the equality index,
    // with them it knows that index selects every row.
    await t.db.reader.query('CREATE TABLE statistics_probe (x INTEGER, y INTEGER)');
    await t.db.reader.query('CREATE INDEX ix_statistics_probe_x ON statistics_probe (x)');
    await t.db.reader.query('CREATE INDEX ix_statistics_probe_y ON statistics_probe (y)');
    await t.db.reader.query('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO statistics_probe SELECT 1, i FROM n');
    const plan = async () => ((await t.db.reader.query('EXPLAIN QUERY PLAN SELECT * FROM statistics_probe WHERE x = 1 AND y > 5')) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(await plan()).toContain('ix_statistics_probe_x');

    const worker = new Sqlite(t.config.dbPath);
    try {
      worker.exec('ANALYZE statistics_probe');
    } finally {
      worker.close();
    }
    // The app's connection still plans with what it loaded before: this is why the reload exists.
    expect(await plan()).toContain('ix_statistics_probe_x');
    await t.db.reloadStatistics();
    expect(await plan()).not.toContain('ix_statistics_probe_x');
  });
});
