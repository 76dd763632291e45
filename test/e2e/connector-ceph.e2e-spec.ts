import * as fs from 'node:fs';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { CEPH_AUTH_ANSWER, CEPH_HOSTS_ANSWER, startCephDashboard } from '../support/ceph-dashboard';
import { logLines, runConnectorCli, runConnectorJob, storedRunText, useConnectorSuite } from '../support/connector-e2e-support';
import { RemoteServer } from '../support/remote-server';
import { bearer, TestApp } from '../support/test-app';
import { decodeEntities, toastsOf, UiSession } from '../support/ui-support';

const USER = 'ipocket-reader';
const PASSWORD = 'ceph-Dashb0ard-secret-77';

describe('Ceph connector', () => {
  /** What the fake Dashboard answers on `/api/host` and `/api/auth`; tests swap them. */
  let hostsAnswer: unknown = CEPH_HOSTS_ANSWER;
  let authAnswer: unknown = CEPH_AUTH_ANSWER;
  const fake = { username: USER, password: PASSWORD, hosts: () => hostsAnswer, authAnswer: () => authAnswer };
  const suite = useConnectorSuite({ short: 'ceph', project: 'Storage', startRemote: (tls) => startCephDashboard({ ...fake, tls }) });
  let t: TestApp, dashboard: RemoteServer, tlsDashboard: RemoteServer, silent: RemoteServer, editor: string, editorName: string, viewer: string, dir: string;
  beforeAll(() => ({ t, remote: dashboard, tlsRemote: tlsDashboard, silent, editor, editorName, viewer, dir } = suite));

  afterEach(() => {
    hostsAnswer = CEPH_HOSTS_ANSWER;
    authAnswer = CEPH_AUTH_ANSWER;
  });

  const options = (mode: string, extra: object = {}) => ({ ceph_url: `${dashboard.url}/`, username: USER, password: PASSWORD, mode, ...extra });
  const run = (token: string, body: object) => runConnectorJob(t, 'ceph', token, body);

  it('dry-runs the spec example: login, host list, per-record plan, nothing written', async () => {
    dashboard.requests.length = 0;
    const job = await run(viewer, options('dry-run', { project_name: 'Storage', tags: 'ceph', include_label_tags: true }));
    expect(job.state).toBe('succeeded');
    const [login, list] = dashboard.requests;
    expect(dashboard.requests).toHaveLength(2);
    expect(login).toMatchObject({ method: 'POST', url: '/api/auth', headers: expect.objectContaining({ accept: 'application/vnd.ceph.api.v1.0+json', 'content-type': 'application/json' }) });
    expect(JSON.parse(login.body)).toEqual({ username: USER, password: PASSWORD });
    expect(list).toMatchObject({ method: 'GET', url: '/api/host', headers: expect.objectContaining({ accept: 'application/vnd.ceph.api.v1.0+json', authorization: `Bearer ${CEPH_AUTH_ANSWER.token}` }) });
    expect(logLines(job)).toEqual([
      'Job queued (mode dry-run).',
      'Job started: Ceph dry-run.',
      `Connected to Ceph Dashboard '${dashboard.url}'.`,
      'Collected 3 hosts from Ceph Dashboard.',
      'Prepared 3 hosts and 2 IP assets from Ceph host inventory.',
      'Dry-run IP preview (2): 10.40.0.11, 10.40.0.12',
      'Import mode: dry-run. Summary create=5, update=0, skip=0.',
      'Hosts summary: create=3, update=0, skip=0.',
      'IP assets summary: create=2, update=0, skip=0.',
      'Import completed without warnings or errors.',
      'Connector warnings: 1',
      "- Host 'ceph-node-03' skipped: addr 'ceph-node-03.storage.example' does not contain a valid IPv4 address.",
      'Job succeeded.',
    ]);
    expect(job.result.plan.records).toEqual([
      { ip_address: '10.40.0.11', action: 'CREATE', changes: expect.objectContaining({ type: [null, 'OTHER'], host: [null, 'ceph-node-01'], project: [null, 'Storage'], tags: [[], ['ceph', '_admin', 'mon', 'mgr']] }) },
      { ip_address: '10.40.0.12', action: 'CREATE', changes: expect.objectContaining({ host: [null, 'ceph-node-02'], tags: [[], ['ceph', 'osd']] }) },
    ]);
    expect(job.result.connector_warnings).toHaveLength(1);
    expect(job.result.toast).toEqual({ level: 'warning', message: 'Ceph dry-run: Connector completed with warnings. Review execution log.' });
    expect(job.result.options.password).toBe('');
    await t.http.get('/ip-assets/10.40.0.11').set(bearer(viewer)).expect(404);
    expect((await t.http.get('/hosts').set(bearer(viewer)).expect(200)).body.filter((h: any) => h.name.startsWith('ceph-node-'))).toEqual([]);
  });

  it('applies: hosts created, addresses linked to them and audited; a second apply skips everything', async () => {
    const job = await run(editor, options('apply', { project_name: 'Storage', tags: 'ceph', include_label_tags: true }));
    expect(job.state).toBe('succeeded');
    expect(job.result.summary.hosts).toEqual({ would_create: 3, would_update: 0, would_skip: 0 });
    expect(job.result.summary.ip_assets).toEqual({ would_create: 2, would_update: 0, would_skip: 0 });
    const hosts = (await t.http.get('/hosts').set(bearer(viewer)).expect(200)).body as any[];
    expect(hosts.map((h) => h.name)).toEqual(expect.arrayContaining(['ceph-node-01', 'ceph-node-02', 'ceph-node-03']));
    const node2 = hosts.find((h) => h.name === 'ceph-node-02');
    const asset = (await t.http.get('/ip-assets/10.40.0.12').set(bearer(viewer)).expect(200)).body;
    expect(asset).toMatchObject({ type: 'OTHER', host_id: node2.id, archived: false });
    expect([...asset.tags].sort()).toEqual(['ceph', 'osd']);
    const audit = (await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(editor)).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'APPLY', target_label: 'connector_ceph', username: editorName });
    expect(audit[0].changes).toBe('Import apply source=connector_ceph; input=connector:ceph; create=5; update=0; skip=0; warnings=0; errors=0.');

    const again = await run(editor, options('apply', { project_name: 'Storage', tags: 'ceph', include_label_tags: true }));
    expect(again.result.summary.total).toEqual({ would_create: 0, would_update: 0, would_skip: 5 });
    expect(logLines(again)).toContain('Hosts summary: create=0, update=0, skip=3.');
    expect(logLines(again)).toContain('IP assets summary: create=0, update=0, skip=2.');
  });

  it('a dry-run shows the per-record diff of an existing address: type, host, merged tags, note', async () => {
    await t.http.patch('/ip-assets/10.40.0.11').set(bearer(editor)).send({ type: 'VM', tags: ['manual'], host_id: null }).expect(200);
    const job = await run(viewer, options('dry-run', { asset_type: 'OS', note: 'Ceph monitor' }));
    const record = job.result.plan.records.find((r: any) => r.ip_address === '10.40.0.11');
    expect(record).toEqual({ ip_address: '10.40.0.11', action: 'UPDATE', changes: { type: ['VM', 'OS'], host: [null, 'ceph-node-01'], notes: [null, 'Ceph monitor'] } });
  });

  it('reads every payload shape of §5.2 through a real request', async () => {
    const host = (name: string, addr: string) => ({ hostname: name, addr });
    const shapes: [unknown, string[], string[]][] = [
      [{ cluster_name: 'Prod Ceph', hosts: [host('h-hosts', '10.41.0.1')] }, ['h-hosts'], ['prod-ceph']],
      [{ cluster: 'Lab', data: [host('h-data', '10.41.0.2')] }, ['h-data'], ['lab']],
      [{ items: [host('h-items', '10.41.0.3')] }, ['h-items'], []],
      [{ results: [host('h-results', '10.41.0.4')] }, ['h-results'], []],
      [{ data: { cluster_name: 'Nested', hosts: [host('h-nested', '10.41.0.5')] } }, ['h-nested'], ['nested']],
      [{ hostname: 'h-single', addr: '10.41.0.6', cluster_name: 'Solo' }, ['h-single'], ['solo']],
      [[7, 'text', null, { addr: '10.41.0.7' }, { host: 'h-host-key', addr: '10.41.0.8' }], ['ceph-host-1', 'h-host-key'], []],
    ];
    for (const [payload, names, clusterTags] of shapes) {
      hostsAnswer = payload;
      const job = await run(viewer, options('file', { include_cluster_name_tag: true }));
      expect(job.state).toBe('succeeded');
      expect(job.result.bundle.data.hosts.map((h: any) => h.name)).toEqual(names);
      expect(job.result.bundle.data.ip_assets.map((a: any) => a.host_name)).toEqual(names);
      expect(job.result.bundle.data.ip_assets[0].tags).toEqual(clusterTags.length ? clusterTags : undefined);
      if (!clusterTags.length) expect(job.result.connector_warnings).toContain('Ceph cluster name tag skipped: cluster_name is missing or empty after normalization.');
    }
  });

  it('fails cleanly: refused login, a login answer without token, odd host answers — never storing the password', async () => {
    const refused = await run(viewer, options('dry-run', { password: `${PASSWORD}-wrong` }));
    expect(refused.state).toBe('failed');
    expect(refused.result.error).toBe('Ceph API request failed with HTTP 401: {"detail":"Invalid credentials","code":"invalid_credentials","component":"auth"}');
    expect(logLines(refused)).toContain(`Connector failed: ${refused.result.error}`);
    expect(refused.result.toast).toEqual({ level: 'error', message: 'Ceph connector execution failed.' });

    const cases: [() => void, string][] = [
      [() => (authAnswer = { username: USER, permissions: {} }), 'Ceph auth response did not include a token.'],
      [() => (authAnswer = ['token']), 'Ceph auth response was not a JSON object.'],
      [() => (hostsAnswer = '"maintenance"'), 'Ceph host response was not a JSON object or list.'],
      [() => (hostsAnswer = { cluster_name: 'x', status: 'ok' }), 'Ceph host response did not include host records.'],
    ];
    for (const [arrange, message] of cases) {
      arrange();
      const job = await run(viewer, options('dry-run'));
      expect({ state: job.state, error: job.result.error }).toEqual({ state: 'failed', error: message });
      authAnswer = CEPH_AUTH_ANSWER;
      hostsAnswer = CEPH_HOSTS_ANSWER;
    }
  });

  it('verifies TLS: a self-signed certificate is refused by default and accepted with the insecure switch', async () => {
    const refused = await run(viewer, { ...options('dry-run'), ceph_url: tlsDashboard.url });
    expect(refused.state).toBe('failed');
    expect(refused.result.error).toMatch(/^Failed to call Ceph API: TLS error: .*self-signed certificate.*use the insecure option\)$/);
    const insecure = await run(viewer, { ...options('dry-run'), ceph_url: tlsDashboard.url, insecure: true });
    expect(insecure.state).toBe('succeeded');
    expect(insecure.result.counts).toEqual({ hosts: 3, ip_assets: 2 });
  });

  it('gives up after the timeout when the Dashboard never answers', async () => {
    const job = await run(viewer, { ...options('dry-run'), ceph_url: silent.url, timeout: 1 });
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe(`Failed to call Ceph API: timed out after 1 s (127.0.0.1:${new URL(silent.url).port})`);
  });

  it('validates options with the spec messages; apply needs an Editor', async () => {
    const res = await t.http.post('/connectors/ceph/runs').set(bearer(viewer)).send({ ceph_url: ' ', username: '', mode: 'dry-run', timeout: 0, asset_type: 'PC' }).expect(422);
    expect(res.body.detail.map((d: any) => d.msg)).toEqual(
      expect.arrayContaining(['Ceph Dashboard URL is required.', 'Ceph username is required.', 'Ceph password is required.', 'Timeout must be a positive integer.', 'Asset type must be one of OS, BMC, VM, VIP, OTHER.']),
    );
    const badUrl = await t.http.post('/connectors/ceph/runs').set(bearer(viewer)).send(options('dry-run', { ceph_url: `http://admin:${PASSWORD}@ceph.example` })).expect(422);
    expect(badUrl.body.detail.map((d: any) => d.msg)).toEqual(['Ceph Dashboard URL must be an http:// or https:// URL without credentials.']);
    await t.http.post('/connectors/ceph/runs').set(bearer(viewer)).send(options('apply')).expect(403);
  });

  describe('UI tab', () => {
    let ui: UiSession;
    beforeAll(async () => {
      ui = await UiSession.login(t, Role.Editor);
    });

    it('shows the form with its fields in the spec order and defaults', async () => {
      const page = await ui.get('/ui/connectors?tab=ceph');
      expect(page.text).toContain('action="/ui/connectors/ceph/run"');
      // The page groups the checkboxes after the other inputs; each group keeps the spec order.
      for (const fields of [
        ['ceph_url', 'username', 'password', 'asset_type', 'project_name', 'tags', 'note', 'timeout'],
        ['insecure', 'include_cluster_name_tag', 'include_label_tags'],
      ]) {
        const positions = fields.map((name) => page.text.indexOf(`name="${name}"`));
        expect(positions.every((p) => p > 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }
      expect(page.text).toContain('Add Ceph labels as tags');
      expect(page.text).toContain('Disable TLS verification');
      expect(page.text).toContain('name="timeout" value="30"');
      expect((await ui.get('/ui/connectors')).text).toContain('Host inventory import');
    });

    it('re-renders invalid input with 400 and the messages, never the password', async () => {
      const bad = await ui.post('/ui/connectors/ceph/run', { ceph_url: '', username: USER, password: PASSWORD, note: 'kept note', timeout: '0', include_label_tags: '1', mode: 'dry-run' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Ceph Dashboard URL is required.');
      expect(bad.text).toContain('Timeout must be a positive integer.');
      expect(bad.text).toContain('value="kept note"');
      expect(bad.text).toMatch(/name="include_label_tags" value="1" checked/);
      expect(bad.text).not.toContain(PASSWORD);
      const noPassword = await ui.post('/ui/connectors/ceph/run', { ceph_url: dashboard.url, username: USER, mode: 'dry-run' });
      expect(noPassword.status).toBe(400);
      expect(noPassword.text).toContain('Ceph password is required.');
    });

    it('runs a job and follows it to its log, without re-displaying the password', async () => {
      const started = await ui.post('/ui/connectors/ceph/run', { ceph_url: dashboard.url, username: USER, password: PASSWORD, include_label_tags: '1', timeout: '10', mode: 'dry-run' });
      expect(started.status).toBe(303);
      expect(started.headers.location).toMatch(/^\/ui\/connectors\?tab=ceph&job_id=\d+$/);
      await t.app.get(ConnectorJobsService).drain();
      const page = await ui.get(started.headers.location);
      expect(page.text).toContain('data-job-state="succeeded"');
      expect(toastsOf(page.text)).toEqual(['Ceph dry-run: Connector completed with warnings. Review execution log.']);
      expect(decodeEntities(page.text)).toContain('Hosts summary: create=0, update=0, skip=3.');
      expect(page.text).toContain(`value="${USER}"`);
      expect(page.text).not.toContain(PASSWORD);
    });
  });

  describe('CLI', () => {
    const cli = (...args: string[]) => runConnectorCli(t, 'ceph', '--ceph-url', dashboard.url, '--username', USER, '--password', PASSWORD, ...args);

    it('file mode writes the bundle and prints warnings and the Wrote line', async () => {
      const file = path.join(dir, 'ceph.json');
      const out = await cli('--output', file, '--tags', 'ceph', '--include-label-tags', '--include-cluster-name-tag');
      expect(out).toEqual({
        code: 0,
        err: '',
        out: [
          'Warning: Ceph cluster name tag skipped: cluster_name is missing or empty after normalization.',
          "Warning: Host 'ceph-node-03' skipped: addr 'ceph-node-03.storage.example' does not contain a valid IPv4 address.",
          `Wrote Ceph import bundle with 3 hosts and 2 IP assets to ${file}`,
        ].join('\n'),
      });
      const text = fs.readFileSync(file, 'utf8');
      const bundle = JSON.parse(text);
      expect(bundle.data.hosts).toEqual([{ name: 'ceph-node-01' }, { name: 'ceph-node-02' }, { name: 'ceph-node-03' }]);
      // connectors.md §7 fixture entry
      expect(bundle.data.ip_assets[1]).toEqual({ ip_address: '10.40.0.12', type: 'OTHER', host_name: 'ceph-node-02', merge_tags: true, archived: false, tags: ['ceph', 'osd'] });
      expect(text).not.toContain(PASSWORD);
    });

    it('dry-run and apply print the summary block; a second apply skips; import errors exit 1', async () => {
      const dry = await cli('--mode', 'dry-run', '--tags', 'cli');
      expect(dry).toMatchObject({ code: 0, err: '' });
      expect(dry.out.split('\n')).toEqual([
        "Warning: Host 'ceph-node-03' skipped: addr 'ceph-node-03.storage.example' does not contain a valid IPv4 address.",
        'Import summary: create=0, update=2, skip=3',
      ]);
      const apply = await cli('--mode', 'apply', '--tags', 'cli', '--as', editorName);
      expect(apply.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=2, skip=3']);
      expect((await t.http.get('/ip-assets/10.40.0.12').set(bearer(viewer)).expect(200)).body.tags).toContain('cli');
      const again = await cli('--mode', 'apply', '--tags', 'cli');
      expect(again.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=0, skip=5']);
      const missing = await cli('--mode', 'dry-run', '--project-name', 'Nowhere');
      expect(missing.code).toBe(1);
      expect(missing.out).toContain('Import errors:\n- data.ip_assets[0].project_name: Project does not exist.');
    });

    it('usage errors exit 2; connector failures print Connector failed and exit 1 without the password', async () => {
      expect(await runConnectorCli(t, 'ceph', '--username', USER, '--password', PASSWORD, '--mode', 'dry-run')).toMatchObject({ code: 2, err: 'error: the following arguments are required: --ceph-url' });
      expect(await cli('--mode', 'dry-run', '--timeout', '0')).toMatchObject({ code: 2, err: 'error: --timeout must be a positive integer' });
      expect(await cli('--mode', 'dry-run', '--asset-type', 'PC')).toMatchObject({ code: 2, err: 'error: Asset type must be one of OS, BMC, VM, VIP, OTHER.' });
      expect(await cli()).toMatchObject({ code: 2, err: 'error: --output is required when --mode=file' });
      const refused = await runConnectorCli(t, 'ceph', '--ceph-url', dashboard.url, '--username', USER, '--password', `${PASSWORD}x`, '--mode', 'dry-run');
      expect(refused).toEqual({ code: 1, err: '', out: 'Connector failed: Ceph API request failed with HTTP 401: {"detail":"Invalid credentials","code":"invalid_credentials","component":"auth"}' });
      const tls = await runConnectorCli(t, 'ceph', '--ceph-url', tlsDashboard.url, '--username', USER, '--password', PASSWORD, '--mode', 'dry-run');
      expect(tls.code).toBe(1);
      expect(tls.out).toMatch(/^Connector failed: Failed to call Ceph API: TLS error: /);
      expect((await runConnectorCli(t, 'ceph', '--ceph-url', tlsDashboard.url, '--username', USER, '--password', PASSWORD, '--insecure', '--mode', 'dry-run')).code).toBe(0);
    });
  });

  it('never stores the password: job rows, logs, results and audit rows', async () => {
    const stored = await storedRunText(t);
    expect(stored).toContain('connector_ceph');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(CEPH_AUTH_ANSWER.token);
  });
});
