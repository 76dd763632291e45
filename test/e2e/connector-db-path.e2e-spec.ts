import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../migrations';
import { buildOnce, childEnv, CLI_JS, runNode } from '../support/platform-build';
import { LocalHttpServer } from '../support/prometheus-server';

// The built binary boots a Nest application context per run: a few seconds each on a busy machine.
jest.setTimeout(120_000);

/**
 * `--db-path` is read by src/cli.ts before the database opens, so only the built `ipocket` binary shows that it
 * takes effect. Always SQLite: the flag names a SQLite file whatever database the suite runs on.
 */
describe('ipocket connector … --db-path', () => {
  let dir: string;
  let prometheus: LocalHttpServer;
  let configured: string;

  beforeAll(async () => {
    await buildOnce();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-db-path-'));
    configured = path.join(dir, 'configured', 'ipocket.db');
    prometheus = await LocalHttpServer.start((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { instance: '10.77.0.1:9100' }, value: [1, '1'] }, { metric: { instance: '10.77.0.2:9100' }, value: [1, '1'] }] } }));
    });
  });
  afterAll(async () => {
    await prometheus?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const prom = (...extra: string[]) => ['connector', 'prometheus', '--prometheus-url', prometheus.url, '--query', 'up', '--ip-label', 'instance', ...extra];
  const ipocket = (args: string[], env: Record<string, string> = { IPAM_DB_PATH: configured }) => runNode(CLI_JS, args, childEnv(env));

  it('migrates a fresh file and applies into it, leaving the configured database alone', async () => {
    const target = path.join(dir, 'elsewhere', 'target.db');
    const apply = await ipocket(prom('--mode', 'apply', '--db-path', target));
    expect(apply).toMatchObject({ status: 0, stderr: '' });
    expect(apply.stdout).toContain('ipocket import mode: apply\nImport summary: create=2, update=0, skip=0');

    const db = new Database(target, { readonly: true });
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT ip_address FROM ip_assets ORDER BY ip_key').all()).toEqual([{ ip_address: '10.77.0.1' }, { ip_address: '10.77.0.2' }]);
    } finally {
      db.close();
    }
    expect(fs.existsSync(configured)).toBe(false);

    // The `=` spelling reaches the same file: everything is already there.
    const again = await ipocket(prom('--mode', 'dry-run', `--db-path=${target}`));
    expect(again).toMatchObject({ status: 0 });
    expect(again.stdout).toContain('Import summary: create=0, update=0, skip=2');
    expect(fs.existsSync(configured)).toBe(false);
  });

  it('is listed in the help of every connector command', async () => {
    for (const name of ['vcenter', 'prometheus', 'elasticsearch', 'cassandra', 'ceph', 'kubernetes']) {
      const help = await ipocket(['connector', name, '--help']);
      expect([name, help.status, help.stdout.includes('--db-path <path>')]).toEqual([name, 0, true]);
    }
  });

  it('is a usage error with PostgreSQL or without a path', async () => {
    // An unreachable server: the refusal must come before any connection attempt (which would exit 1).
    const postgres = await ipocket(prom('--mode', 'dry-run', '--db-path', path.join(dir, 'pg.db')), { DATABASE_URL: 'postgres://ipocket@127.0.0.1:1/none' });
    expect(postgres).toEqual({ status: 2, stdout: '', stderr: 'error: --db-path names a SQLite file and cannot be used while DATABASE_URL (PostgreSQL) is set\n' });
    expect(fs.existsSync(path.join(dir, 'pg.db'))).toBe(false);
    const missing = await ipocket(prom('--mode', 'dry-run', '--db-path'));
    expect(missing).toMatchObject({ status: 2, stderr: 'error: argument --db-path: expected one argument\n' });
  });
});
