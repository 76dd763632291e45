import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { ES_NODES_INFO } from '../support/connector-payloads';
import { logLines, runConnectorCli, runConnectorJob, storedRunText, useConnectorSuite } from '../support/connector-e2e-support';
import { ReceivedRequest, RemoteServer, sendJson, startRemoteServer } from '../support/remote-server';
import { bearer, TestApp } from '../support/test-app';
import { decodeEntities, toastsOf, UiSession } from '../support/ui-support';

const API_KEY = 'es-key-id:es-api-key-secret-9d2f';
const PASSWORD = 'es-Passw0rd-41c7';
const BASIC = `Basic ${Buffer.from(`elastic:${PASSWORD}`).toString('base64')}`;

/** A 1.x/2.x-era answer: `inet[...]` publish addresses, a loopback node, a duplicate, no cluster name. */
const LEGACY_NODES_INFO = {
  nodes: {
    a1: { name: 'old-01', http_address: 'inet[/10.31.0.1:9200]', http: { publish_address: 'inet[/10.31.0.1:9200]' } },
    a2: { name: 'old-02', transport: { publish_address: 'inet[old-02/10.31.0.2:9300]' }, host: '10.31.0.2' },
    a3: { name: 'local', http: { publish_address: '127.0.0.1:9200' } },
    a4: { name: 'old-dup', ip: '10.31.0.1' },
  },
};

/** A stand-in for an Elasticsearch cluster: API key or Basic auth, the nodes-info API under a few prefixes. */
function elasticsearch(req: ReceivedRequest, res: ServerResponse): void {
  const auth = req.headers.authorization;
  if (auth !== `ApiKey ${Buffer.from(API_KEY).toString('base64')}` && auth !== BASIC) {
    sendJson(res, 401, { error: { type: 'security_exception', reason: 'unable to authenticate' }, status: 401 });
    return;
  }
  if (req.url === '/_nodes/http,transport') sendJson(res, 200, ES_NODES_INFO);
  else if (req.url === '/legacy/_nodes/http,transport') sendJson(res, 200, LEGACY_NODES_INFO);
  else if (req.url === '/broken/_nodes/http,transport') sendJson(res, 200, { cluster_name: 'x', nodes: [] });
  else if (req.url === '/forbidden/_nodes/http,transport') sendJson(res, 403, { error: { type: 'security_exception', reason: 'action [cluster:monitor/nodes/info] is unauthorized' }, status: 403 });
  else sendJson(res, 404, { error: 'no handler' });
}

describe('Elasticsearch connector', () => {
  const suite = useConnectorSuite({ short: 'es', project: 'Logging', startRemote: (tls) => startRemoteServer(elasticsearch, { tls }) });
  let t: TestApp, es: RemoteServer, tlsEs: RemoteServer, silent: RemoteServer, editor: string, editorName: string, viewer: string, dir: string;
  beforeAll(() => ({ t, remote: es, tlsRemote: tlsEs, silent, editor, editorName, viewer, dir } = suite));

  const run = (token: string, body: object) => runConnectorJob(t, 'elasticsearch', token, body);
  const withKey = (mode: string, extra: object = {}) => ({ elasticsearch_url: `${es.url}/`, api_key: API_KEY, mode, ...extra });
  const withPassword = (mode: string, extra: object = {}) => ({ elasticsearch_url: es.url, username: 'elastic', password: PASSWORD, mode, ...extra });

  it('dry-runs with an API key: one address per node, the IPv6 master skipped, per-record diffs, nothing written', async () => {
    es.requests.length = 0;
    const job = await run(viewer, withKey('dry-run', { include_cluster_name_tag: true, project_name: 'Logging' }));
    expect(job.state).toBe('succeeded');
    expect(es.requests.map((r) => [r.url, r.headers.accept])).toEqual([['/_nodes/http,transport', 'application/json']]);
    expect(logLines(job)).toEqual([
      'Job queued (mode dry-run).',
      'Job started: Elasticsearch dry-run.',
      `Connected to Elasticsearch '${es.url}'.`,
      'Collected 3 nodes from Elasticsearch.',
      'Prepared 2 IP assets from node inventory.',
      'Dry-run IP preview (2): 10.30.0.21, 10.30.0.22',
      'Import mode: dry-run. Summary create=2, update=0, skip=0.',
      'IP assets summary: create=2, update=0, skip=0.',
      'Import completed without warnings or errors.',
      'Connector warnings: 1',
      "- Node 'es-master-01' skipped: source 'host' value 'fd00::31' resolved to IPv6, but only IPv4 is supported.",
      'Job succeeded.',
    ]);
    expect(job.result.plan.records).toEqual([
      { ip_address: '10.30.0.21', action: 'CREATE', changes: expect.objectContaining({ type: [null, 'OTHER'], project: [null, 'Logging'], tags: [[], ['prod-logs-01']] }) },
      { ip_address: '10.30.0.22', action: 'CREATE', changes: expect.objectContaining({ tags: [[], ['prod-logs-01']] }) },
    ]);
    expect(job.result.options).toMatchObject({ api_key: '', include_cluster_name_tag: true });
    await t.http.get('/ip-assets/10.30.0.21').set(bearer(viewer)).expect(404);
  });

  it('applies with username and password; a second apply skips everything', async () => {
    const job = await run(editor, withPassword('apply', { tags: 'elasticsearch', include_cluster_name_tag: true }));
    expect(job.state).toBe('succeeded');
    expect(job.result.summary.ip_assets).toEqual({ would_create: 2, would_update: 0, would_skip: 0 });
    const asset = (await t.http.get('/ip-assets/10.30.0.22').set(bearer(viewer)).expect(200)).body;
    expect(asset).toMatchObject({ type: 'OTHER', host_id: null, notes: null, archived: false });
    expect([...asset.tags].sort()).toEqual(['elasticsearch', 'prod-logs-01']);
    const audit = (await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(editor)).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'APPLY', target_label: 'connector_elasticsearch', username: editorName });

    const again = await run(editor, withPassword('apply', { tags: 'elasticsearch', include_cluster_name_tag: true }));
    expect(again.result.summary.total).toEqual({ would_create: 0, would_update: 0, would_skip: 2 });
    expect(logLines(again)).toContain('IP assets summary: create=0, update=0, skip=2.');
  });

  it('a dry-run shows the update of an existing address: type overwritten, tags merged, note overwritten', async () => {
    await t.http.patch('/ip-assets/10.30.0.21').set(bearer(editor)).send({ type: 'VM', notes: 'manual', tags: ['keep'] }).expect(200);
    const job = await run(viewer, withKey('dry-run', { note: 'ES node', asset_type: 'OS' }));
    const record = job.result.plan.records.find((r: any) => r.ip_address === '10.30.0.21');
    expect(record).toEqual({ ip_address: '10.30.0.21', action: 'UPDATE', changes: { type: ['VM', 'OS'], notes: ['manual', 'ES node'] } });
    const withTag = await run(viewer, withKey('dry-run', { tags: 'logs' }));
    expect(withTag.result.plan.records.find((r: any) => r.ip_address === '10.30.0.21').changes).toEqual({ type: ['VM', 'OTHER'], tags: [['keep'], ['keep', 'logs']] });
  });

  it('reads inet[...] and slash forms, skips loopback and duplicates, and warns without a cluster name', async () => {
    const job = await run(viewer, withKey('dry-run', { elasticsearch_url: `${es.url}/legacy`, include_cluster_name_tag: true }));
    expect(job.state).toBe('succeeded');
    expect(job.result.plan.records.map((r: any) => r.ip_address)).toEqual(['10.31.0.1', '10.31.0.2']);
    expect(job.result.connector_warnings).toEqual([
      'Elasticsearch cluster name tag skipped: cluster_name is missing or empty after normalization.',
      "Node 'local' skipped: loopback IP '127.0.0.1' is not allowed.",
      "Duplicate IP '10.31.0.1' skipped (node 'old-dup').",
    ]);
  });

  it.each([
    ['a wrong password', () => withPassword('dry-run', { password: `${PASSWORD}-wrong` }), 'Elasticsearch node query failed with HTTP 401: {"error":{"type":"security_exception","reason":"unable to authenticate"},"status":401}'],
    ['a key without the privilege', () => withKey('dry-run', { elasticsearch_url: `${es.url}/forbidden` }), 'Elasticsearch node query failed with HTTP 403: {"error":{"type":"security_exception","reason":"action [cluster:monitor/nodes/info] is unauthorized"},"status":403}'],
    ['a payload without nodes', () => withKey('dry-run', { elasticsearch_url: `${es.url}/broken` }), "Elasticsearch payload is missing a valid 'nodes' object."],
  ])('fails cleanly on %s', async (_what, body, message) => {
    const job = await run(viewer, body());
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe(message);
    expect(logLines(job)).toContain(`Connector failed: ${message}`);
    expect(job.result.toast).toEqual({ level: 'error', message: 'Elasticsearch connector execution failed.' });
  });

  it('verifies TLS by default (unlike the original) and accepts a self-signed certificate with insecure', async () => {
    const refused = await run(viewer, withKey('dry-run', { elasticsearch_url: tlsEs.url }));
    expect(refused.state).toBe('failed');
    expect(refused.result.error).toMatch(/^Failed to call Elasticsearch API: TLS error: .*self-signed certificate.*insecure option/);
    const insecure = await run(viewer, withKey('dry-run', { elasticsearch_url: tlsEs.url, insecure: true }));
    expect(insecure.state).toBe('succeeded');
    expect(insecure.result.counts).toEqual({ hosts: 0, ip_assets: 2 });
  });

  it('gives up after the timeout when the server never answers', async () => {
    const job = await run(viewer, { elasticsearch_url: silent.url, timeout: 1, mode: 'dry-run' });
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe(`Failed to call Elasticsearch API: timed out after 1 s (127.0.0.1:${new URL(silent.url).port})`);
  });

  it.each([
    [{ elasticsearch_url: '' }, 'Elasticsearch URL is required.'],
    [{ api_key: 'k', username: 'elastic', password: 'p' }, 'Provide either API key or username/password authentication, not both.'],
    [{ username: 'elastic' }, 'Password is required when username is provided.'],
    [{ password: 'p' }, 'Username is required when password is provided.'],
    [{ timeout: 0 }, 'Timeout must be a positive integer.'],
    [{ asset_type: 'PC' }, 'Asset type must be one of OS, BMC, VM, VIP, OTHER.'],
  ])('validates %j', async (extra, message) => {
    const res = await t.http.post('/connectors/elasticsearch/runs').set(bearer(viewer)).send({ elasticsearch_url: es.url, mode: 'dry-run', ...extra }).expect(422);
    expect(res.body.detail.map((d: any) => d.msg)).toEqual([message]);
  });

  describe('UI tab', () => {
    let ui: UiSession;
    beforeAll(async () => {
      ui = await UiSession.login(t, Role.Editor);
    });

    it('shows the form with its defaults', async () => {
      const page = await ui.get('/ui/connectors?tab=elasticsearch');
      expect(page.text).toContain('action="/ui/connectors/elasticsearch/run"');
      for (const name of ['elasticsearch_url', 'username', 'password', 'api_key', 'project_name', 'tags', 'note', 'timeout', 'include_cluster_name_tag', 'insecure']) expect(page.text).toContain(`name="${name}"`);
      expect(page.text).toContain('<option value="OTHER" selected>');
      expect(page.text).toContain('name="timeout" value="30"');
    });

    it('re-renders an authentication mix-up with 400, keeping the user name but no secret', async () => {
      const bad = await ui.post('/ui/connectors/elasticsearch/run', { elasticsearch_url: es.url, username: 'elastic', password: PASSWORD, api_key: API_KEY, mode: 'dry-run' });
      expect(bad.status).toBe(400);
      expect(decodeEntities(bad.text)).toContain('Provide either API key or username/password authentication, not both.');
      expect(bad.text).toContain('value="elastic"');
      expect(bad.text).not.toContain(PASSWORD);
      expect(bad.text).not.toContain('es-api-key-secret');
      const noUrl = await ui.post('/ui/connectors/elasticsearch/run', { elasticsearch_url: '', mode: 'dry-run' });
      expect(noUrl.status).toBe(400);
      expect(noUrl.text).toContain('Elasticsearch URL is required.');
    });

    it('runs a job and shows its log and plan without the secret', async () => {
      const started = await ui.post('/ui/connectors/elasticsearch/run', { elasticsearch_url: es.url, api_key: API_KEY, include_cluster_name_tag: '1', timeout: '10', mode: 'dry-run' });
      expect(started.status).toBe(303);
      expect(started.headers.location).toMatch(/^\/ui\/connectors\?tab=elasticsearch&job_id=\d+$/);
      await t.app.get(ConnectorJobsService).drain();
      const page = await ui.get(started.headers.location);
      expect(page.text).toContain('data-job-state="succeeded"');
      expect(toastsOf(page.text)).toEqual(['Elasticsearch dry-run: Connector completed with warnings. Review execution log.']);
      expect(page.text).toMatch(/data-plan-row><td class="mono">10.30.0.22<\/td>/);
      expect(page.text).not.toContain('es-api-key-secret');
    });
  });

  describe('CLI', () => {
    const cli = (...args: string[]) => runConnectorCli(t, 'elasticsearch', '--elasticsearch-url', es.url, ...args);

    it('file mode writes the bundle after the collection lines and the warnings block', async () => {
      const file = path.join(dir, 'es.json');
      const out = await cli('--api-key', API_KEY, '--output', file, '--note', ' From ES ');
      expect(out).toEqual({
        code: 0,
        err: '',
        out: [
          'Collected 3 Elasticsearch nodes',
          'Prepared 2 IP assets from node inventory',
          'Warnings:',
          "- Node 'es-master-01' skipped: source 'host' value 'fd00::31' resolved to IPv6, but only IPv4 is supported.",
          `Bundle written to ${file}`,
        ].join('\n'),
      });
      const text = fs.readFileSync(file, 'utf8');
      expect(JSON.parse(text).data.ip_assets[0]).toEqual({ ip_address: '10.30.0.21', type: 'OTHER', merge_tags: true, archived: false, notes: 'From ES', notes_provided: true });
      expect(text).not.toContain('es-api-key-secret');
    });

    it('dry-run and apply print the import block; the bundle is written in any mode with --output', async () => {
      const file = path.join(dir, 'es-dry.json');
      const dry = await cli('--username', 'elastic', '--password', PASSWORD, '--mode', 'dry-run', '--tags', 'cli', '--output', file);
      expect(dry.code).toBe(0);
      expect(dry.out.split('\n').slice(-3)).toEqual([`Bundle written to ${file}`, 'ipocket import mode: dry-run', 'Import summary: create=0, update=2, skip=0']);
      const apply = await cli('--api-key', API_KEY, '--mode', 'apply', '--tags', 'cli', '--as', editorName);
      expect(apply.out.split('\n').slice(-2)).toEqual(['ipocket import mode: apply', 'Import summary: create=0, update=2, skip=0']);
      const again = await cli('--api-key', API_KEY, '--mode', 'apply', '--tags', 'cli');
      expect(again.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=0, skip=2']);
      // Import errors are reported but, as in the original, exit 0 for this family.
      const missing = await cli('--api-key', API_KEY, '--mode', 'dry-run', '--project-name', 'Nowhere');
      expect(missing.code).toBe(0);
      expect(missing.out).toContain('Import errors:\n- data.ip_assets[0].project_name: Project does not exist.');
    });

    it.each([
      [['--api-key', 'k', '--username', 'u', '--password', 'p', '--mode', 'dry-run'], 'error: Provide either --api-key or --username/--password, not both'],
      [['--username', 'u', '--mode', 'dry-run'], 'error: --password is required when --username is provided'],
      [['--password', 'p', '--mode', 'dry-run'], 'error: --username is required when --password is provided'],
      [['--timeout', 'abc', '--mode', 'dry-run'], 'error: --timeout must be a positive integer'],
      [['--mode', 'dry-run', '--asset-type', 'PC'], 'error: Asset type must be one of OS, BMC, VM, VIP, OTHER.'],
      [[], 'error: --output is required when --mode=file'],
    ])('usage error %j exits 2', async (args, err) => {
      expect(await cli(...args)).toMatchObject({ code: 2, err, out: '' });
    });

    it('a connector failure goes to stderr with exit 1, without the secret', async () => {
      const refused = await cli('--username', 'elastic', '--password', `${PASSWORD}x`, '--mode', 'dry-run');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/^error: Elasticsearch node query failed with HTTP 401: /);
      expect(refused.err + refused.out).not.toContain(PASSWORD);
      expect(await runConnectorCli(t, 'elasticsearch', '--elasticsearch-url', tlsEs.url, '--insecure', '--api-key', API_KEY, '--mode', 'dry-run')).toMatchObject({ code: 0 });
    });
  });

  it('never stores the password or the API key: job rows, logs, results and audit rows', async () => {
    const stored = await storedRunText(t);
    expect(stored).toContain('connector_elasticsearch');
    for (const secret of [PASSWORD, API_KEY, 'es-api-key-secret-9d2f', Buffer.from(API_KEY).toString('base64'), BASIC]) expect(stored).not.toContain(secret);
  });
});
