import * as fs from 'node:fs';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { CASSANDRA_EXAMPLE as EXAMPLE, CassandraDriverDouble, closedPort, installCassandraDouble } from '../support/cassandra-double';
import { logLines, runConnectorCli, runConnectorJob, storedRunText } from '../support/connector-e2e-support';
import { bearer, TestApp } from '../support/test-app';
import { decodeEntities, toastsOf, UiSession } from '../support/ui-support';

const PASSWORD = 'cass-Secret-pass-9042';

/**
 * The driver is replaced by a double at the `CassandraMetadataSource` seam (no Cassandra in CI): it records the
 * connection targets and answers the spec example, or what a test sets; `'real'` uses the actual driver.
 */
describe('Cassandra connector', () => {
  let t: TestApp;
  let editor: string;
  let viewer: string;
  let editorName: string;
  let dir: string;
  let driver: CassandraDriverDouble;

  beforeAll(async () => {
    driver = installCassandraDouble();
    t = await TestApp.start();
    editorName = 'cassandra-editor';
    editor = await t.tokenFor(Role.Editor, editorName);
    viewer = await t.tokenFor(Role.Viewer);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-cassandra-'));
    await t.http.post('/projects').set(bearer(editor)).send({ name: 'Data' }).expect(200);
  });

  afterEach(() => {
    driver.answer = EXAMPLE;
    driver.targets.length = 0;
  });

  afterAll(async () => {
    driver?.restore();
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const options = (mode: string, extra: object = {}) => ({ contact_points: 'cassandra-1.example, 10.60.0.11, cassandra-1.example', mode, ...extra });
  const run = (token: string, body: object) => runConnectorJob(t, 'cassandra', token, body);

  it('dry-runs the spec example with the cluster tag: per-record plan, connection settings, nothing written', async () => {
    const job = await run(viewer, options('dry-run', { username: 'reader', password: PASSWORD, project_name: 'Data', include_cluster_name_tag: true, timeout: 5 }));
    expect(job.state).toBe('succeeded');
    expect(driver.targets).toEqual([{ contactPoints: ['cassandra-1.example', '10.60.0.11'], port: 9042, username: 'reader', password: PASSWORD, useTls: false, insecure: false, timeoutMs: 5000 }]);
    expect(logLines(job)).toEqual([
      'Job queued (mode dry-run).',
      'Job started: Cassandra dry-run.',
      "Connected to Cassandra contact points 'cassandra-1.example, 10.60.0.11' on port 9042.",
      'Collected 3 nodes from Cassandra metadata.',
      'Prepared 3 IP assets from node metadata.',
      'Dry-run IP preview (3): 10.60.0.11, 10.60.0.12, 10.60.0.13',
      'Import mode: dry-run. Summary create=3, update=0, skip=0.',
      'IP assets summary: create=3, update=0, skip=0.',
      'Import completed without warnings or errors.',
      'Job succeeded.',
    ]);
    expect(job.result.plan.records[0]).toEqual({ ip_address: '10.60.0.11', action: 'CREATE', changes: expect.objectContaining({ type: [null, 'OTHER'], project: [null, 'Data'], tags: [[], ['prod-cassandra']] }) });
    expect(job.result.plan.records).toHaveLength(3);
    expect(job.result.toast).toEqual({ level: 'success', message: 'Cassandra dry-run: Connector completed successfully.' });
    expect(job.result.options).toMatchObject({ contact_points: ['cassandra-1.example', '10.60.0.11'], username: 'reader', password: '' });
    await t.http.get('/ip-assets/10.60.0.11').set(bearer(viewer)).expect(404);
  });

  it('applies: addresses tagged with the cluster, no hosts, audited; a second apply skips everything', async () => {
    const job = await run(editor, options('apply', { include_cluster_name_tag: true }));
    expect(job.state).toBe('succeeded');
    expect(job.result.summary.hosts).toEqual({ would_create: 0, would_update: 0, would_skip: 0 });
    expect(job.result.summary.ip_assets).toEqual({ would_create: 3, would_update: 0, would_skip: 0 });
    const asset = (await t.http.get('/ip-assets/10.60.0.12').set(bearer(viewer)).expect(200)).body;
    expect(asset).toMatchObject({ type: 'OTHER', host_id: null, tags: ['prod-cassandra'], archived: false });
    const audit = (await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(editor)).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'APPLY', target_label: 'connector_cassandra', username: editorName });
    expect(audit[0].changes).toBe('Import apply source=connector_cassandra; input=connector:cassandra; create=3; update=0; skip=0; warnings=0; errors=0.');

    const again = await run(editor, options('apply', { include_cluster_name_tag: true }));
    expect(again.result.summary.total).toEqual({ would_create: 0, would_update: 0, would_skip: 3 });
    expect(logLines(again)).toContain('IP assets summary: create=0, update=0, skip=3.');
  });

  it('a dry-run shows the per-record diff of an existing address: type, merged tags, overwritten note', async () => {
    await t.http.patch('/ip-assets/10.60.0.13').set(bearer(editor)).send({ type: 'VM', tags: ['manual'], notes: 'old note' }).expect(200);
    const job = await run(viewer, options('dry-run', { tags: 'db', note: 'Cassandra node' }));
    const record = job.result.plan.records.find((r: any) => r.ip_address === '10.60.0.13');
    expect(record).toEqual({ ip_address: '10.60.0.13', action: 'UPDATE', changes: { type: ['VM', 'OTHER'], tags: [['manual'], ['manual', 'db']], notes: ['old note', 'Cassandra node'] } });
  });

  it('reports skipped nodes as connector warnings', async () => {
    driver.answer = {
      clusterName: null,
      hosts: [
        { address: '10.60.1.1', hostId: 'id-1' },
        { address: 'fd00::60:2', hostId: 'id-v6' },
        { address: '127.0.0.1', hostId: 'id-lo' },
        { address: '10.60.1.1', hostId: 'id-dup' },
        { address: 'cassandra-5.example' },
      ],
    };
    const job = await run(viewer, options('dry-run', { include_cluster_name_tag: true }));
    expect(job.state).toBe('succeeded');
    const log = logLines(job);
    expect(log.slice(log.indexOf('Connector warnings: 5'), -1)).toEqual([
      'Connector warnings: 5',
      '- Cassandra cluster name tag skipped: cluster_name is missing or empty after normalization.',
      "- Node 'id-v6' skipped: address 'fd00::60:2' resolved to IPv6, but only IPv4 is supported.",
      "- Node 'id-lo' skipped: loopback IP '127.0.0.1' is not allowed.",
      "- Duplicate IP '10.60.1.1' skipped (node 'id-dup').",
      "- Node 'cassandra-5.example' skipped: address 'cassandra-5.example' does not contain a valid IPv4 address.",
    ]);
    expect(job.result.toast).toEqual({ level: 'warning', message: 'Cassandra dry-run: Connector completed with warnings. Review execution log.' });
  });

  it('with the real driver, a refused connection on 127.0.0.1 is a clean job failure', async () => {
    driver.answer = 'real';
    const port = await closedPort();
    const job = await run(viewer, { contact_points: '127.0.0.1', port, username: 'reader', password: PASSWORD, timeout: 2, mode: 'dry-run' });
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe(`Failed to read Cassandra cluster metadata: no host could be reached (127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port})`);
    expect(logLines(job)).toEqual(['Job queued (mode dry-run).', 'Job started: Cassandra dry-run.', `Connector failed: ${job.result.error}`, 'Job failed.']);
    expect(job.result.toast).toEqual({ level: 'error', message: 'Cassandra connector execution failed.' });
  });

  it('with the real driver, a node that never answers fails after the timeout', async () => {
    driver.answer = 'real';
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const job = await run(viewer, { contact_points: '127.0.0.1', port, timeout: 1, mode: 'dry-run' });
      expect(job.state).toBe('failed');
      expect(job.result.error).toMatch(new RegExp(`^Failed to read Cassandra cluster metadata: no host could be reached \\(127\\.0\\.0\\.1:${port}: .*timeout 1000 ms\\)$`));
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('validates options with the spec messages, all collected; apply needs an Editor', async () => {
    const res = await t.http
      .post('/connectors/cassandra/runs')
      .set(bearer(viewer))
      .send({ contact_points: ' , ', port: 70000, username: 'reader', insecure: true, timeout: 0, asset_type: 'PC', mode: 'dry-run' })
      .expect(422);
    expect(res.body.detail.map((d: any) => d.msg)).toEqual(
      expect.arrayContaining([
        'At least one Cassandra contact point is required.',
        'Port must be a valid number between 1 and 65535.',
        'Password is required when username is provided.',
        'Insecure TLS requires TLS to be enabled.',
        'Timeout must be a positive integer.',
        'Asset type must be one of OS, BMC, VM, VIP, OTHER.',
      ]),
    );
    const noUser = await t.http.post('/connectors/cassandra/runs').set(bearer(viewer)).send(options('dry-run', { password: PASSWORD })).expect(422);
    expect(noUser.body.detail.map((d: any) => d.msg)).toEqual(['Username is required when password is provided.']);
    expect(JSON.stringify(noUser.body)).not.toContain(PASSWORD);
    const odd = await t.http.post('/connectors/cassandra/runs').set(bearer(viewer)).send(options('dry-run', { contact_points: 'a b, c/d' })).expect(422);
    expect(odd.body.detail.map((d: any) => d.msg)).toEqual(['Contact points must be host names or IP addresses.']);
    await t.http.post('/connectors/cassandra/runs').set(bearer(viewer)).send(options('apply')).expect(403);
  });

  describe('UI tab', () => {
    let ui: UiSession;
    beforeAll(async () => {
      ui = await UiSession.login(t, Role.Editor);
    });

    it('shows the form with its fields in the spec order and defaults', async () => {
      const page = await ui.get('/ui/connectors?tab=cassandra');
      expect(page.text).toContain('action="/ui/connectors/cassandra/run"');
      // The page groups the checkboxes after the other inputs; each group keeps the spec order.
      for (const fields of [
        ['contact_points', 'port', 'username', 'password', 'asset_type', 'project_name', 'tags', 'note', 'timeout'],
        ['use_tls', 'insecure', 'include_cluster_name_tag'],
      ]) {
        const positions = fields.map((name) => page.text.indexOf(`name="${name}"`));
        expect(positions.every((p) => p > 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }
      expect(page.text).toContain('name="port" value="9042"');
      expect(page.text).toContain('name="timeout" value="30"');
      expect(page.text).toContain('Use TLS');
      expect(page.text).toContain('Disable TLS verification');
    });

    it('re-renders invalid input with 400 and every message, never the password', async () => {
      const bad = await ui.post('/ui/connectors/cassandra/run', { contact_points: 'db-1.example', port: '0', password: PASSWORD, insecure: '1', note: 'kept note', mode: 'dry-run' });
      expect(bad.status).toBe(400);
      const text = decodeEntities(bad.text);
      for (const message of ['Port must be a valid number between 1 and 65535.', 'Username is required when password is provided.', 'Insecure TLS requires TLS to be enabled.']) expect(text).toContain(message);
      expect(bad.text).toContain('value="kept note"');
      expect(bad.text).toContain('value="db-1.example"');
      expect(bad.text).not.toContain(PASSWORD);
      const empty = await ui.post('/ui/connectors/cassandra/run', { contact_points: ' ', mode: 'dry-run' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('At least one Cassandra contact point is required.');
    });

    it('runs a job and follows it to its log, without re-displaying the password', async () => {
      const started = await ui.post('/ui/connectors/cassandra/run', { contact_points: 'db-1.example,db-2.example', port: '9142', username: 'reader', password: PASSWORD, use_tls: '1', include_cluster_name_tag: '1', mode: 'dry-run' });
      expect(started.status).toBe(303);
      expect(started.headers.location).toMatch(/^\/ui\/connectors\?tab=cassandra&job_id=\d+$/);
      await t.app.get(ConnectorJobsService).drain();
      expect(driver.targets[0]).toMatchObject({ contactPoints: ['db-1.example', 'db-2.example'], port: 9142, useTls: true, insecure: false });
      const page = await ui.get(started.headers.location);
      expect(page.text).toContain('data-job-state="succeeded"');
      expect(toastsOf(page.text)).toEqual(['Cassandra dry-run: Connector completed successfully.']);
      expect(decodeEntities(page.text)).toContain("Connected to Cassandra contact points 'db-1.example, db-2.example' on port 9142.");
      expect(page.text).toContain('value="db-1.example, db-2.example"');
      expect(page.text).toMatch(/name="use_tls" value="1" checked/);
      expect(page.text).not.toContain(PASSWORD);
    });
  });

  describe('CLI', () => {
    const cli = (...args: string[]) => runConnectorCli(t, 'cassandra', '--contact-points', 'db-1.example,db-2.example', ...args);

    it('file mode writes the bundle and prints the Wrote line', async () => {
      const file = path.join(dir, 'cassandra.json');
      const out = await cli('--output', file, '--include-cluster-name-tag', '--username', 'reader', '--password', PASSWORD);
      expect(out).toEqual({ code: 0, err: '', out: `Wrote Cassandra import bundle with 3 IP assets to ${file}` });
      const text = fs.readFileSync(file, 'utf8');
      const bundle = JSON.parse(text);
      expect(bundle.data.hosts).toEqual([]);
      // connectors.md §7 fixture entry
      expect(bundle.data.ip_assets[0]).toEqual({ ip_address: '10.60.0.11', type: 'OTHER', merge_tags: true, archived: false, tags: ['prod-cassandra'] });
      expect(text).not.toContain(PASSWORD);
    });

    it('dry-run and apply print warnings and the summary block; a second apply skips; import errors exit 1', async () => {
      driver.answer = { clusterName: 'Lab', hosts: [...EXAMPLE.hosts, { address: '10.60.2.1' }, { address: '127.0.0.2', hostId: 'id-lo' }] };
      const dry = await cli('--mode', 'dry-run', '--tags', 'cli');
      expect(dry).toEqual({ code: 0, err: '', out: ["Warning: Node 'id-lo' skipped: loopback IP '127.0.0.2' is not allowed.", 'Import summary: create=1, update=3, skip=0'].join('\n') });
      const apply = await cli('--mode', 'apply', '--tags', 'cli', '--as', editorName);
      expect(apply.out.split('\n').slice(-1)).toEqual(['Import summary: create=1, update=3, skip=0']);
      expect((await t.http.get('/ip-assets/10.60.2.1').set(bearer(viewer)).expect(200)).body.tags).toEqual(['cli']);
      const again = await cli('--mode', 'apply', '--tags', 'cli');
      expect(again.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=0, skip=4']);
      const missing = await cli('--mode', 'dry-run', '--project-name', 'Nowhere');
      expect(missing.code).toBe(1);
      expect(missing.out).toContain('Import errors:\n- data.ip_assets[0].project_name: Project does not exist.');
    });

    it('usage errors exit 2 with the spec texts', async () => {
      const usage = async (args: string[], message: string) => expect(await cli('--mode', 'dry-run', ...args)).toMatchObject({ code: 2, err: `error: ${message}`, out: '' });
      await usage(['--port', '0'], '--port must be a valid number between 1 and 65535');
      await usage(['--port', 'abc'], '--port must be a valid number between 1 and 65535');
      await usage(['--timeout', '0'], '--timeout must be a positive integer');
      await usage(['--insecure'], '--insecure requires --use-tls');
      await usage(['--username', 'reader'], '--password is required when --username is provided');
      await usage(['--password', PASSWORD], '--username is required when --password is provided');
      await usage(['--asset-type', 'PC'], 'Asset type must be one of OS, BMC, VM, VIP, OTHER.');
      expect(await runConnectorCli(t, 'cassandra', '--mode', 'dry-run')).toMatchObject({ code: 2, err: 'error: the following arguments are required: --contact-points' });
      expect(driver.targets).toEqual([]);
    });

    it('connector failures exit 1: an empty contact list, a refused connection with the real driver', async () => {
      // Found while preparing the run, yet reported like any other connector failure of the summary family.
      const empty = await runConnectorCli(t, 'cassandra', '--contact-points', ' , ', '--mode', 'dry-run');
      expect(empty).toEqual({ code: 1, err: '', out: 'Connector failed: At least one Cassandra contact point is required.' });
      expect(driver.targets).toEqual([]);
      driver.answer = 'real';
      const port = await closedPort();
      const refused = await runConnectorCli(t, 'cassandra', '--contact-points', '127.0.0.1', '--port', String(port), '--timeout', '2', '--username', 'reader', '--password', PASSWORD, '--mode', 'dry-run');
      expect(refused).toEqual({ code: 1, err: '', out: `Connector failed: Failed to read Cassandra cluster metadata: no host could be reached (127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port})` });
    });
  });

  it('never stores the password: job rows, logs, results and audit rows', async () => {
    const stored = await storedRunText(t);
    expect(stored).toContain('connector_cassandra');
    expect(stored).not.toContain(PASSWORD);
  });
});
