import type { NestExpressApplication } from '@nestjs/platform-express';
import * as net from 'node:net';
import { Role } from '../../src/common/actor';
import { createApp } from '../../src/infra/http/create-app';
import { TEST_PASSWORD, TestApp } from '../support/test-app';
import { usingPostgres } from '../support/test-database';
import { ApiClient, openRawDatabase, RawDatabase } from '../support/reliability-support';
import { checkInvariants, InvariantReport, prepare, runWorkload, WorkloadLog } from '../support/reliability-workload';

// Hundreds of overlapping writes, then a full read of the audit log: slow on a loaded 2-core machine.
jest.setTimeout(300_000);

const WORKERS = 12;
const OPERATIONS = 25;

async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as net.AddressInfo).port}`;
}

/**
 * Runs the mixed workload through `clients` (the first one prepares the fixture) and expects every invariant
 * to hold; the log and report are returned for the checks a test adds.
 */
async function expectInvariantsHold(db: RawDatabase, clients: ApiClient[]): Promise<{ log: WorkloadLog; report: InvariantReport }> {
  const fixture = await prepare(clients[0]);
  const log = await runWorkload(clients, fixture, WORKERS, OPERATIONS);
  const report = await checkInvariants(db, log);
  expect(report.checks).toEqual({
    'no 5xx': [],
    'no duplicate address': [],
    'no lost update': [],
    'audit matches writes': [],
    'allocation unique': [],
    creates: [],
    archives: [],
    'imports all or nothing': [],
  });
  return { log, report };
}

const rawEnv = (t: TestApp): Record<string, string> => (t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : { IPAM_DB_PATH: t.config.dbPath });

/**
 * Many clients at once against a listening server: creates, PATCHes, bulk updates, archives, next-free
 * allocations and bundle imports overlap. Afterwards no address exists twice, every row holds one of the
 * writes sent to it, the audit log tells the same story as the responses, and no address was handed out twice.
 */
describe('concurrent clients', () => {
  let t: TestApp;
  let db: RawDatabase;
  let username: string;

  beforeEach(async () => {
    t = await TestApp.start();
    username = `conc-editor-${Math.random().toString(36).slice(2, 8)}`;
    await t.tokenFor(Role.Editor, username);
    db = await openRawDatabase(rawEnv(t));
  });
  afterEach(async () => {
    await db?.close();
    await t?.close();
  });

  it(`keeps every invariant with ${WORKERS} workers × ${OPERATIONS} mixed writes on one server`, async () => {
    const client = await ApiClient.login(await listen(t.app), username, TEST_PASSWORD);
    const { log, report } = await expectInvariantsHold(db, [client]);
    // The run exercised every kind of write, contested ones included.
    expect(log.allocations.length).toBeGreaterThan(10);
    expect(log.imports.length).toBeGreaterThan(10);
    expect(log.creates.filter((c) => c.status === 409).length).toBeGreaterThan(0);
    expect(new Set(log.archives.map((a) => a.ip)).size).toBeLessThan(log.archives.length);
    expect(report.counts.allocatedAddresses).toBeGreaterThan(10);
  });

  (usingPostgres() ? it : it.skip)('keeps every invariant with two app instances sharing one PostgreSQL database', async () => {
    // The second instance is a separate Nest application with its own connection pool, as another process would be.
    const second = await createApp(t.config, { logger: false });
    await second.init();
    try {
      const clients = [await ApiClient.login(await listen(t.app), username, TEST_PASSWORD), await ApiClient.login(await listen(second), username, TEST_PASSWORD)];
      const { report } = await expectInvariantsHold(db, clients);
      expect(report.counts.allocatedAddresses).toBeGreaterThan(10);
    } finally {
      await second.close();
    }
  });
});

// SQLite allows one server per database file (docs/deployment.md); the two-instance case exists only on PostgreSQL.
if (!usingPostgres()) {
  describe('two app instances on one database', () => {
    it.skip('runs on PostgreSQL only: SQLite serves one process per database file', () => undefined);
  });
}
