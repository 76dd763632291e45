import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A throwaway database for one test app: a temp SQLite file, or, when the suite runs with DATABASE_URL
 * (the PostgreSQL leg of .ci/run), a fresh PostgreSQL database created beside the one in the URL.
 */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

let counter = 0;

export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-test-'));
  if (!url) {
    return {
      env: { IPAM_DB_PATH: path.join(dir, 'ipocket.db') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `ipocket_t_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    // The SQLite path still decides where the generated session secret lives.
    env: { DATABASE_URL: target.toString(), IPAM_DB_PATH: path.join(dir, 'unused.db') },
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
