import Sqlite from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { Client } from 'pg';
import { childEnv, freePort, MAIN_JS, ROOT } from './platform-build';

/**
 * Helpers shared by the reliability suites (test/reliability): a small fetch client for a listening server,
 * the built server as a child process that can be SIGKILLed, and a raw connection to inspect the database
 * the way an operator would after a crash.
 */

export interface Answer<T = any> {
  status: number;
  body: T;
}

/** JSON over a real socket (global fetch), so requests from many workers really overlap. */
export class ApiClient {
  constructor(
    readonly base: string,
    private readonly token: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login as ${username} failed with ${res.status}: ${await res.text()}`);
    return new ApiClient(base, ((await res.json()) as { access_token: string }).access_token);
  }

  async send<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await parseBody(res) };
  }

  /** Multipart upload of one file field, as the import endpoints take it. */
  async upload<T = any>(path: string, bytes: Buffer | string, filename = 'upload.dat'): Promise<Answer<T>> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from(bytes))]), filename);
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    return { status: res.status, body: await parseBody(res) };
  }
}

async function parseBody(res: Response): Promise<any> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const RELIABILITY_ADMIN = 'root';
export const RELIABILITY_PASSWORD = 'reliability-password';

/** `node dist/src/main.js` on a free port of 127.0.0.1, with a bootstrap admin; call buildOnce() first. */
export class BuiltServer {
  private constructor(
    readonly base: string,
    readonly child: ChildProcess,
  ) {}

  static async start(env: Record<string, string>): Promise<BuiltServer> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN_JS], {
      cwd: ROOT,
      env: childEnv({ IPOCKET_IMPORT_MAX_BYTES: String(64 * 1024 * 1024), ...env, HOST: '127.0.0.1', PORT: String(port), ADMIN_BOOTSTRAP_USERNAME: RELIABILITY_ADMIN, ADMIN_BOOTSTRAP_PASSWORD: RELIABILITY_PASSWORD }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    // Generous: a restart after a crash may first recover a large WAL on a busy machine.
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
      try {
        if ((await fetch(`${base}/health`)).ok) return new BuiltServer(base, child);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error('server did not start within 120 s');
  }

  admin(): Promise<ApiClient> {
    return ApiClient.login(this.base, RELIABILITY_ADMIN, RELIABILITY_PASSWORD);
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** SIGKILL: no shutdown hook, no rollback by the app; whatever the database made durable is what stays. */
  kill(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

/** A direct connection to the test database (SQLite file or PostgreSQL URL), outside any app. */
export interface RawDatabase {
  readonly isSqlite: boolean;
  /** `$1, $2 …` placeholders on both databases, used in order. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  count(sql: string, params?: unknown[]): Promise<number>;
  /** `PRAGMA integrity_check` on SQLite; on PostgreSQL, referential and key checks the app relies on. */
  integrity(): Promise<string>;
  /** SQLite: checkpoint the WAL down to nothing, so its growth shows uncommitted pages being written. */
  resetWal(): Promise<void>;
  /**
   * True while some other connection is inside a write transaction on `table` — PostgreSQL: it holds a row
   * exclusive lock on it; SQLite: the WAL grew by megabytes since resetWal() (a big transaction spills pages).
   */
  writeInProgress(table: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Assets whose trigger-kept tag list (ip_assets.tag_names) disagrees with their links: must stay 0 whatever happens. */
const STALE_TAG_NAMES = `SELECT COUNT(*) AS n FROM ip_assets a WHERE a.tag_names IS DISTINCT FROM
  (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM ip_asset_tags l JOIN tags t ON t.id = l.tag_id WHERE l.ip_asset_id = a.id)`;

export async function openRawDatabase(env: Record<string, string>): Promise<RawDatabase> {
  if (env.DATABASE_URL) {
    const client = new Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const query = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
    return {
      isSqlite: false,
      query,
      count: async (sql, params) => Number(Object.values((await query<Record<string, unknown>>(sql, params))[0])[0]),
      integrity: async () => {
        const problems: string[] = [];
        const checks: Record<string, string> = {
          'duplicate ip_key': 'SELECT COUNT(*) AS n FROM (SELECT ip_key FROM ip_assets GROUP BY ip_key HAVING COUNT(*) > 1) d',
          'tag link to a missing asset': 'SELECT COUNT(*) AS n FROM ip_asset_tags l LEFT JOIN ip_assets a ON a.id = l.ip_asset_id WHERE a.id IS NULL',
          'asset with a missing project': 'SELECT COUNT(*) AS n FROM ip_assets a LEFT JOIN projects p ON p.id = a.project_id WHERE a.project_id IS NOT NULL AND p.id IS NULL',
          'invalid index': 'SELECT COUNT(*) AS n FROM pg_index WHERE NOT indisvalid',
          'stale tag_names': STALE_TAG_NAMES,
        };
        for (const [name, sql] of Object.entries(checks)) if (Number((await query<{ n: string }>(sql))[0].n) > 0) problems.push(name);
        return problems.length ? problems.join(', ') : 'ok';
      },
      resetWal: async () => undefined,
      writeInProgress: async (table) =>
        Number(
          (
            await query<{ n: string }>(
              `SELECT COUNT(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = $1 AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
              [table],
            )
          )[0].n,
        ) > 0,
      close: () => client.end(),
    };
  }
  const db = new Sqlite(env.IPAM_DB_PATH);
  db.pragma('busy_timeout = 10000');
  const query = async <T>(sql: string, params: unknown[] = []) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...params.map((p) => (typeof p === 'boolean' ? Number(p) : p))) as T[];
  return {
    isSqlite: true,
    query,
    count: async (sql, params) => Number(Object.values((await query<Record<string, unknown>>(sql, params))[0])[0]),
    integrity: async () => {
      const result = String(db.pragma('integrity_check', { simple: true }));
      const fk = db.pragma('foreign_key_check') as unknown[];
      const stale = (db.prepare(STALE_TAG_NAMES).get() as { n: number }).n;
      return [result, ...(fk.length ? [`${fk.length} foreign key violation(s)`] : []), ...(stale ? [`${stale} stale tag_names`] : [])].join('; ');
    },
    resetWal: async () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    writeInProgress: async () => {
      const wal = `${env.IPAM_DB_PATH}-wal`;
      return fs.existsSync(wal) && fs.statSync(wal).size > 4 * 1024 * 1024;
    },
    close: async () => void db.close(),
  };
}

/** Polls `probe` every 250 ms until it returns a value; the last failure explains a timeout. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, seconds = 120): Promise<T> {
  let last = 'no answer yet';
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting for ${what} (${last})`);
}

/** A bundle of IP assets in the import format. */
export function assetBundle(assets: Array<{ ip_address: string; type?: string; notes?: string; project_name?: string }>, projects: string[] = []): Buffer {
  const ip_assets = assets.map((a) => ({ type: 'VM', ...a }));
  return Buffer.from(JSON.stringify({ app: 'ipocket', schema_version: '1', data: { vendors: [], projects: projects.map((name) => ({ name })), hosts: [], ip_assets } }));
}
