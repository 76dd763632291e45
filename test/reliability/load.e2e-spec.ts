import { loadBlockOf, loadTable, runLoad, withLoadBlock } from '../../bench/load';
import { buildOnce } from '../support/platform-build';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';

// Builds the app, seeds 5,000 assets and holds a mixed load for 10 s.
jest.setTimeout(600_000);

/**
 * The short form of `npm run bench:load`, same code: every kind of request at once against the built server.
 * The assertion is zero errors (every answer 2xx, no socket error, no timeout); latency is recorded, never
 * asserted.
 */
describe('mixed load (short form)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('answers every read and write without an error for 10 s', async () => {
    const report = await runLoad({ assets: 5000, durationSeconds: 10, writes: true, env: database.env });
    console.log(`load, ${usingPostgres() ? 'PostgreSQL' : 'SQLite'}:\n${loadTable(report).join('\n')}\npeak RSS ${report.peakRssMb.toFixed(0)} MB`);
    expect(report.kinds.map((k) => k.kind)).toEqual([
      'GET /ip-assets (filtered page)',
      'GET /ip-assets/{ip}',
      'GET /sd/node',
      'GET /metrics',
      'PATCH /ip-assets/{ip} (notes)',
      'POST + DELETE /ip-assets',
    ]);
    expect(report.kinds.filter((k) => k.errors > 0)).toEqual([]);
    for (const kind of report.kinds) expect(kind.requests).toBeGreaterThan(0);
    expect(report.total.errors).toBe(0);
    expect(report.peakRssMb).toBeGreaterThan(0);
  });

  it('replaces only the load block of docs/performance.md', () => {
    const report = { assets: 100, database: 'SQLite', durationSeconds: 1, kinds: [], total: { requests: 3, errors: 0, p99: 1 }, peakRssMb: 50 };
    const first = withLoadBlock('# Performance\n\nother figures\n', report);
    expect(first).toMatch(/^# Performance\n\nother figures\n\n<!-- load:start -->\n[\s\S]*3 requests, 0 errors[\s\S]*<!-- load:end -->\n$/);
    const second = withLoadBlock(`${first}\n## After\n`, { ...report, total: { requests: 9, errors: 0, p99: 2 } });
    expect(second).toContain('other figures');
    expect(second).toContain('## After');
    expect(second).toContain('9 requests');
    expect(second).not.toContain('3 requests');
    expect(second.match(/<!-- load:start -->/g)).toHaveLength(1);
    // `npm run bench` rewrites the rest of the file and carries this block over.
    expect(loadBlockOf(second)).toMatch(/^<!-- load:start -->\n[\s\S]*9 requests[\s\S]*<!-- load:end -->$/);
    expect(loadBlockOf('# Performance\n')).toBe('');
  });
});
