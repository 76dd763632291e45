import Sqlite from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';
import { buildOnce, childEnv, freePort, MAIN_JS, ROOT } from '../support/platform-build';

// Builds the app, spawns it and pushes 100k rows through it: minutes, not seconds, on a busy machine.
jest.setTimeout(600_000);

const ROWS = 100_000;
const PASSWORD = 'load-test-password';

/** A 100k-asset bundle: ~20 MB of JSON, above the worker threshold. */
function largeBundle(rows: number, firstOctet: number): Buffer {
  const ip_assets = Array.from({ length: rows }, (_, i) => ({
    ip_address: `${firstOctet}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    type: i % 5 === 0 ? 'OS' : 'VM',
    project_name: `p${i % 20}`,
    notes: `asset ${i}, bulk`,
    tags: [`t${i % 7}`],
  }));
  const projects = Array.from({ length: 20 }, (_, i) => ({ name: `p${i}` }));
  return Buffer.from(JSON.stringify({ app: 'ipocket', schema_version: '1', data: { vendors: [], projects, hosts: [], ip_assets } }));
}

class Server {
  private constructor(
    readonly base: string,
    readonly child: ChildProcess,
  ) {}

  static async start(env: Record<string, string>): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN_JS], {
      cwd: ROOT,
      env: childEnv({ ...env, PORT: String(port), IPOCKET_IMPORT_MAX_BYTES: String(64 * 1024 * 1024), ADMIN_BOOTSTRAP_USERNAME: 'root', ADMIN_BOOTSTRAP_PASSWORD: PASSWORD }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) return new Server(base, child);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error('server did not start');
  }

  async token(): Promise<string> {
    const res = await fetch(`${this.base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'root', password: PASSWORD }) });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  importBundle(token: string, bytes: Buffer, query = ''): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'bundle.json');
    return fetch(`${this.base}/import/bundle${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

const p99 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.99) - 1];

describe('large imports on the built server', () => {
  let database: TestDatabase;
  let server: Server;
  let token: string;

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase();
    server = await Server.start(database.env);
    token = await server.token();
    const seed = Buffer.from(JSON.stringify({ schema_version: '1', data: { ip_assets: [{ ip_address: '10.255.0.1', type: 'VM' }] } }));
    expect((await server.importBundle(token, seed)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  // SQLite is where a synchronous driver could freeze the server; on PostgreSQL the database server itself
  // competes for this machine's CPU, so the bound is measured on the embedded database only.
  (usingPostgres() ? it.skip : it)('keeps GET /health and GET /ip-assets/{ip} under 100 ms p99 during a 100k-row apply (SQLite)', async () => {
    const bundle = largeBundle(ROWS, 11);
    let done = false;
    const importing = server.importBundle(token, bundle).then(async (res) => {
      done = true;
      return { status: res.status, body: (await res.json()) as { summary: { ip_assets: { would_create: number } }; errors: unknown[] } };
    });
    const health: number[] = [];
    const lookups: number[] = [];
    while (!done) {
      let started = performance.now();
      expect((await fetch(`${server.base}/health`)).status).toBe(200);
      health.push(performance.now() - started);
      started = performance.now();
      const res = await fetch(`${server.base}/ip-assets/10.255.0.1`, { headers: { authorization: `Bearer ${token}` } });
      lookups.push(performance.now() - started);
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await importing;
    expect(result.status).toBe(200);
    expect(result.body.errors).toEqual([]);
    expect(result.body.summary.ip_assets.would_create).toBe(ROWS);
    // The apply took long enough to be sampled many times; every sample is a full HTTP round trip.
    expect(health.length).toBeGreaterThan(20);
    expect(p99(health)).toBeLessThanOrEqual(100);
    expect(p99(lookups)).toBeLessThanOrEqual(100);
  });

  (usingPostgres() ? it.skip : it)('leaves the database as it was when the process is killed mid-apply (SQLite)', async () => {
    const dbPath = database.env.IPAM_DB_PATH;
    const count = () => {
      const db = new Sqlite(dbPath, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM ip_assets').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = count();
    // Start from an empty WAL, so its growth shows the apply's uncommitted pages being written.
    const checkpoint = new Sqlite(dbPath);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    const walBefore = fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0;
    const pending = server.importBundle(token, largeBundle(ROWS, 12)).catch(() => undefined);
    // The apply is mid-transaction once the WAL grows by megabytes of uncommitted pages.
    for (let i = 0; i < 3000; i++) {
      const wal = fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0;
      if (wal > walBefore + 4 * 1024 * 1024) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const walAtKill = fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0;
    server.child.kill('SIGKILL');
    await pending;
    await new Promise((r) => server.child.once('exit', r).once('error', r) && setTimeout(r, 500));
    expect(walAtKill).toBeGreaterThan(walBefore + 4 * 1024 * 1024);
    expect(count()).toBe(before);
    const db = new Sqlite(dbPath);
    try {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ip_assets WHERE ip_address LIKE '12.%'`).get() as { n: number }).n).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
