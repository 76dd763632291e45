import type { IncomingMessage, ServerResponse } from 'node:http';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService, INTERRUPTED_LINE } from '../../src/connectors/connector-jobs.service';
import { createApp } from '../../src/infra/http/create-app';
import { LocalHttpServer } from '../support/prometheus-server';
import { waitFor } from '../support/reliability-support';
import { bearer, TestApp } from '../support/test-app';
import { usingPostgres } from '../support/test-database';

// Waits for real heartbeats (every 5 s) on a busy machine.
jest.setTimeout(180_000);

const vector = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { instance: '10.99.0.1:9100' }, value: [1, '1'] }] } });

/**
 * Two app instances on one PostgreSQL database: a starting (or sweeping) instance fails only the jobs nobody
 * keeps alive, never the job the other live instance is running. SQLite serves one process per database file,
 * so there every unfinished job is an orphan at boot (test/e2e/jobs.e2e-spec.ts).
 */
(usingPostgres() ? describe : describe.skip)('connector job recovery with two instances (PostgreSQL)', () => {
  let t: TestApp;
  let token: string;
  let fake: LocalHttpServer;
  let held: ServerResponse[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(Role.Editor);
    fake = await LocalHttpServer.start((_req: IncomingMessage, res: ServerResponse) => void held.push(res));
  });
  afterAll(async () => {
    for (const res of held) res.end(vector);
    await t.app.get(ConnectorJobsService).drain();
    await fake.stop();
    await t.close();
  });

  const state = async (id: number) => (await t.http.get(`/connectors/jobs/${id}`).set(bearer(token)).expect(200)).body;
  const heartbeat = async (id: number) => ((await t.db.reader.query('SELECT heartbeat_at FROM connector_jobs WHERE id = $1', [id])) as { heartbeat_at: string | null }[])[0].heartbeat_at;

  it('leaves the job another live instance runs alone and fails only jobs whose heartbeat is stale', async () => {
    const { job_id } = (await t.http.post('/connectors/prometheus/runs').set(bearer(token)).send({ prometheus_url: fake.url, query: 'up', mode: 'dry-run', timeout: 600 }).expect(200)).body;
    await waitFor('the job to run', async () => ((await state(job_id)).state === 'running' ? true : undefined));
    const firstBeat = await heartbeat(job_id);
    expect(firstBeat).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    // An abandoned job: its instance died a minute ago.
    const [orphan] = (await t.db.reader.query(
      `INSERT INTO connector_jobs (connector, mode, state, created_at, started_at, heartbeat_at, log) VALUES ('prometheus', 'apply', 'running', '2025-01-01 00:00:00', '2025-01-01 00:00:01', '2025-01-01 00:00:02', 'started') RETURNING id`,
    )) as { id: number }[];

    const other = await createApp(t.config, { logger: false });
    await other.init();
    try {
      // The other instance's boot sweep failed the orphan and left the live job running.
      expect((await state(orphan.id)).state).toBe('failed');
      expect((await state(orphan.id)).log.at(-1)).toContain(INTERRUPTED_LINE);
      expect((await state(job_id)).state).toBe('running');
      // A later sweep by either instance still leaves it alone: its own instance keeps beating.
      const later = await waitFor('a newer heartbeat', async () => {
        const beat = await heartbeat(job_id);
        return beat !== null && beat > firstBeat! ? beat : undefined;
      });
      expect(later > firstBeat!).toBe(true);
      expect(await other.get(ConnectorJobsService).failOrphans()).toBe(0);
      expect((await state(job_id)).state).toBe('running');
    } finally {
      await other.close();
    }

    for (const res of held.splice(0)) res.end(vector);
    await t.app.get(ConnectorJobsService).drain();
    expect((await state(job_id)).state).toBe('succeeded');
  });
});

if (!usingPostgres()) {
  describe('connector job recovery with two instances', () => {
    it.skip('runs on PostgreSQL only: SQLite serves one process per database file', () => undefined);
  });
}
