import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { ConnectorJob } from '../../src/connectors/connector-job.entity';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { createApp } from '../../src/infra/http/create-app';
import { usingPostgres } from '../support/test-database';
import { eventually, freePort, LocalHttpServer } from '../support/prometheus-server';
import { bearer, TestApp } from '../support/test-app';

/**
 * Connector jobs (decision UI5): persisted rows that go queued → running → succeeded | failed, survive a
 * restart as "failed", and never hold a secret. A fake Prometheus API on 127.0.0.1 plays the remote side.
 */
const SECRET = 'tok-3f9c1a52e0d9-SECRET';
const vector = (ips: string[]) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: ips.map((ip) => ({ metric: { __name__: 'up', instance: `${ip}:9100` }, value: [1, '1'] })) } });

describe('connector jobs', () => {
  let t: TestApp;
  let editor: string;
  let viewer: string;
  let fake: LocalHttpServer;
  /** What the fake Prometheus does with the next request. */
  let respond: (req: IncomingMessage, res: ServerResponse) => void;
  let seenAuthorization: string | undefined;

  const jobs = () => t.app.get(ConnectorJobsService);
  const start = (token: string, body: object) => t.http.post('/connectors/prometheus/runs').set(bearer(token)).send(body);
  const getJob = async (id: number) => (await t.http.get(`/connectors/jobs/${id}`).set(bearer(viewer)).expect(200)).body;
  const body = (extra: object = {}) => ({ prometheus_url: fake.url, query: 'up', mode: 'dry-run', ...extra });
  const lines = (job: { log: string[] }) => job.log.map((line) => line.slice(20));

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
    viewer = await t.tokenFor(Role.Viewer);
    fake = await LocalHttpServer.start((req, res) => {
      seenAuthorization = req.headers.authorization;
      respond(req, res);
    });
  });

  afterAll(async () => {
    await jobs().drain();
    await fake.stop();
    await t.close();
  });

  it('goes queued → running → succeeded, with a timestamped log and the plan', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    respond = (_req, res) => void held.then(() => res.end(vector(['10.9.0.1', '10.9.0.2'])));
    const { job_id } = (await start(viewer, body()).expect(200)).body;
    expect(job_id).toEqual(expect.any(Number));
    const running = await eventually('the running state', async () => {
      const job = await getJob(job_id);
      return job.state === 'running' ? job : undefined;
    });
    expect(running.started_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(running.finished_at).toBeNull();
    release();
    await jobs().drain();
    const done = await getJob(job_id);
    expect(done).toMatchObject({ id: job_id, connector: 'prometheus', mode: 'dry-run', state: 'succeeded', requested_by_username: expect.stringMatching(/^viewer-/) });
    expect(done.log[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Job queued \(mode dry-run\)\.$/);
    expect(lines(done)).toEqual([
      'Job queued (mode dry-run).',
      'Job started: Prometheus dry-run.',
      `Connected to Prometheus '${fake.url}'.`,
      'Collected 2 metric samples.',
      'Prepared 2 IP assets from query results.',
      'Dry-run IP preview (2): 10.9.0.1, 10.9.0.2',
      'Dry-run per-IP change details:',
      '- [CREATE] 10.9.0.1: type=OTHER; project=Unassigned; host=Unassigned; tags=[none]; notes=set; archived=false.',
      '- [CREATE] 10.9.0.2: type=OTHER; project=Unassigned; host=Unassigned; tags=[none]; notes=set; archived=false.',
      'Import mode: dry-run. Summary create=2, update=0, skip=0.',
      'IP assets summary: create=2, update=0, skip=0.',
      'Import completed without warnings or errors.',
      'Job succeeded.',
    ]);
    expect(done.result).toMatchObject({
      toast: { level: 'success', message: 'Prometheus dry-run: Connector completed successfully.' },
      summary: { total: { would_create: 2, would_update: 0, would_skip: 0 } },
      plan: { total: 2, records: [{ ip_address: '10.9.0.1', action: 'CREATE' }, { ip_address: '10.9.0.2', action: 'CREATE' }] },
    });
  });

  it('file mode returns the bundle in the job result', async () => {
    respond = (_req, res) => res.end(vector(['10.9.1.1']));
    const { job_id } = (await start(viewer, body({ mode: 'file', tags: 'a,b' })).expect(200)).body;
    await jobs().drain();
    const job = await getJob(job_id);
    expect(job.state).toBe('succeeded');
    expect(job.result.bundle).toMatchObject({ app: 'ipocket', schema_version: '1', data: { vendors: [], projects: [], hosts: [], ip_assets: [{ ip_address: '10.9.1.1', tags: ['a', 'b'] }] } });
    expect(job.result.bundle.exported_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(job.result.summary).toBeUndefined();
  });

  it.each([
    ['HTTP 500 with its body', (_req: IncomingMessage, res: ServerResponse) => ((res.statusCode = 500), res.end('boom inside')), /^Prometheus query failed with HTTP 500: boom inside$/],
    ['a non-JSON answer', (_req: IncomingMessage, res: ServerResponse) => res.end('<html>'), /^Prometheus API returned invalid JSON\.$/],
    ['an error status', (_req: IncomingMessage, res: ServerResponse) => res.end('{"status":"error","errorType":"bad_data","error":"parse error"}'), /^Prometheus query status was not success \(bad_data: parse error\)\.$/],
  ])('fails cleanly on %s', async (_what, handler, message) => {
    respond = handler;
    const { job_id } = (await start(viewer, body()).expect(200)).body;
    await jobs().drain();
    const job = await getJob(job_id);
    expect(job.state).toBe('failed');
    expect(job.finished_at).not.toBeNull();
    expect(job.result.error).toMatch(message);
    expect(lines(job).slice(-2)).toEqual([`Connector failed: ${job.result.error}`, 'Job failed.']);
    expect(job.result.toast).toEqual({ level: 'error', message: 'Prometheus connector execution failed.' });
  });

  it('fails cleanly when the server is unreachable or too slow', async () => {
    const closed = await freePort();
    const refused = (await start(viewer, body({ prometheus_url: `http://127.0.0.1:${closed}` })).expect(200)).body.job_id;
    respond = () => undefined; // never answers
    const slow = (await start(viewer, body({ timeout: 1 })).expect(200)).body.job_id;
    await jobs().drain();
    expect((await getJob(refused)).result.error).toBe(`Failed to call Prometheus API: connection refused (127.0.0.1:${closed})`);
    expect((await getJob(slow)).result.error).toMatch(/^Failed to call Prometheus API: timed out after 1 s/);
  });

  it('marks jobs left queued or running by a previous process as failed on the next start', async () => {
    const ids = await t.db.transaction(async (em) => {
      const make = (state: 'queued' | 'running' | 'succeeded') =>
        em.save(em.create(ConnectorJob, { connector: 'vcenter', mode: 'apply', state, createdAt: '2025-01-01 00:00:00', startedAt: state === 'queued' ? null : '2025-01-01 00:00:01', log: '2025-01-01 00:00:00 Job queued (mode apply).' }));
      return [(await make('queued')).id, (await make('running')).id, (await make('succeeded')).id];
    });
    // A second server on the same database stands in for the restarted process.
    const restarted = await createApp(t.config, { logger: false });
    await restarted.init();
    await restarted.close();
    for (const id of ids.slice(0, 2)) {
      const job = await getJob(id);
      expect(job.state).toBe('failed');
      expect(job.finished_at).not.toBeNull();
      expect(job.log[job.log.length - 1]).toMatch(/ Connector failed: interrupted by a restart\.$/);
    }
    expect((await getJob(ids[2])).state).toBe('succeeded');
  });

  it('never stores the token: not in the row, the log, the audit log or an error message', async () => {
    // The fake echoes the credentials back in an error body, as some proxies do.
    respond = (req, res) => {
      if (req.headers.authorization?.startsWith('Basic')) ((res.statusCode = 401), res.end(`bad credentials: ${req.headers.authorization}`));
      else res.end(vector(['10.9.2.1']));
    };
    const failed = (await start(editor, body({ token: `user:${SECRET}` })).expect(200)).body.job_id;
    await jobs().drain();
    const applied = (await start(editor, body({ token: SECRET, mode: 'apply' })).expect(200)).body.job_id;
    await jobs().drain();
    expect(seenAuthorization).toBe(`Bearer ${SECRET}`);
    const failedJob = await getJob(failed);
    expect(failedJob.result.error).toBe('Prometheus query failed with HTTP 401: bad credentials: Basic ***');
    expect(failedJob.result.options.token).toBe('');
    expect((await getJob(applied)).state).toBe('succeeded');

    const forms = [SECRET, Buffer.from(`user:${SECRET}`).toString('base64')];
    if (usingPostgres()) {
      const tables = ['connector_jobs', 'audit_logs', 'ip_assets', 'users', 'sessions'];
      for (const table of tables) {
        const rows = await t.db.reader.query(`SELECT * FROM ${table}`);
        for (const form of forms) expect(JSON.stringify(rows)).not.toContain(form);
      }
    } else {
      const dbFile = t.config.dbPath;
      const files = [dbFile, `${dbFile}-wal`, `${dbFile}-journal`].filter((f) => fs.existsSync(f));
      expect(files.length).toBeGreaterThan(0);
      const jobsText = JSON.stringify(await t.db.reader.query('SELECT log, result FROM connector_jobs'));
      expect(jobsText).toContain('10.9.2.1'); // the grep below does look at the data that was written
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        for (const form of forms) expect(bytes.includes(Buffer.from(form))).toBe(false);
      }
      expect(path.basename(dbFile)).toBe('ipocket.db');
    }
  });

  it('lists jobs newest first, filtered by connector, with X-Total-Count', async () => {
    respond = (_req, res) => res.end(vector([]));
    await start(viewer, body()).expect(200);
    await jobs().drain();
    const all = await t.http.get('/connectors/jobs?connector=prometheus&limit=2').set(bearer(viewer)).expect(200);
    const total = Number(all.headers['x-total-count']);
    expect(total).toBeGreaterThan(5);
    expect(all.body).toHaveLength(2);
    expect(all.body[0].id).toBeGreaterThan(all.body[1].id);
    expect(all.body[0]).not.toHaveProperty('log');
    const next = await t.http.get(`/connectors/jobs?connector=prometheus&limit=2&offset=${total - 1}`).set(bearer(viewer)).expect(200);
    expect(next.body).toHaveLength(1);
    const vcenter = await t.http.get('/connectors/jobs?connector=vcenter').set(bearer(viewer)).expect(200);
    expect(vcenter.body.every((j: { connector: string }) => j.connector === 'vcenter')).toBe(true);
    expect(vcenter.headers['x-total-count']).toBe('3');
    await t.http.get('/connectors/jobs/999999').set(bearer(viewer)).expect(404, { detail: 'Connector job not found.' });
    await t.http.get('/connectors/jobs/abc').set(bearer(viewer)).expect(422);
  });

  it('validates options with 422 and needs a login', async () => {
    await t.http.post('/connectors/prometheus/runs').send(body()).expect(401);
    await t.http.get('/connectors/jobs').expect(401);
    const detail = async (payload: unknown) => (await start(viewer, payload as object).expect(422)).body.detail as Array<{ loc: string[]; msg: string }>;
    expect(await detail({ mode: 'dry-run' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ loc: ['body', 'prometheus_url'], msg: 'Prometheus URL is required.' }), expect.objectContaining({ loc: ['body', 'query'], msg: 'PromQL query is required.' })]),
    );
    expect(await detail(body({ prometheus_url: 'ftp://127.0.0.1/' }))).toEqual([expect.objectContaining({ loc: ['body', 'prometheus_url'], msg: 'Prometheus URL must be an http:// or https:// URL without credentials.' })]);
    expect(await detail(body({ prometheus_url: 'http://u:p@127.0.0.1/' }))).toHaveLength(1);
    expect(await detail(body({ mode: 'later' }))).toEqual([expect.objectContaining({ msg: 'Mode must be file, dry-run or apply.' })]);
    expect(await detail(body({ timeout: 0 }))).toEqual([expect.objectContaining({ msg: 'Timeout must be a positive integer.' })]);
    expect(await detail(body({ asset_type: 'PC' }))).toEqual([expect.objectContaining({ msg: 'Asset type must be one of OS, BMC, VM, VIP, OTHER.' })]);
    expect(await detail(body({ colour: 'red' }))).toEqual([expect.objectContaining({ type: 'extra_forbidden', loc: ['body', 'colour'] })]);
    const secretDetail = await detail(body({ token: 42 }));
    expect(JSON.stringify(secretDetail)).not.toContain('42');
    await t.http.post('/connectors/vcenter/runs').set(bearer(viewer)).send({ mode: 'dry-run', server: 'vc', username: 'u', password: '', port: 70000 }).expect(422);
  });
});
