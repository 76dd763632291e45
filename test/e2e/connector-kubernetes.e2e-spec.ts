import * as fs from 'node:fs';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { K8S_NODE_LIST } from '../support/connector-payloads';
import { logLines, runConnectorCli, runConnectorJob, storedRunText, useConnectorSuite } from '../support/connector-e2e-support';
import { ReceivedRequest, RemoteServer, sendJson, startRemoteServer } from '../support/remote-server';
import { bearer, TestApp } from '../support/test-app';
import { decodeEntities, toastsOf, UiSession } from '../support/ui-support';

const TOKEN = 'k8s-sa-token-5f3e9a1c7b';

/** connectors.md §4.7, served as three pages chained by `continue` tokens (the last one needs URL encoding). */
const [WORKER_1, WORKER_2, EDGE] = K8S_NODE_LIST.items;
const PAGES: Record<string, { next: string; items: unknown[] }> = {
  '': { next: 'page-2', items: [WORKER_1] },
  'page-2': { next: 'p3+/=', items: [WORKER_2] },
  'p3+/=': { next: '', items: [EDGE] },
};

/** A stand-in for the node list of a Kubernetes API server: bearer token checked, paginated answers. */
function kubernetesApi(req: ReceivedRequest, res: import('node:http').ServerResponse): void {
  const url = new URL(req.url, 'http://x');
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    sendJson(res, 401, { kind: 'Status', status: 'Failure', message: 'Unauthorized', code: 401 });
    return;
  }
  const page = url.pathname === '/api/v1/nodes' ? PAGES[url.searchParams.get('continue') ?? ''] : undefined;
  if (!page) {
    sendJson(res, 404, { kind: 'Status', message: 'not found' });
    return;
  }
  sendJson(res, 200, { kind: 'NodeList', apiVersion: 'v1', metadata: { resourceVersion: '4815162', ...(page.next ? { continue: page.next } : {}) }, items: page.items });
}

describe('Kubernetes connector', () => {
  const suite = useConnectorSuite({ short: 'k8s', project: 'Platform', startRemote: (tls) => startRemoteServer(kubernetesApi, { tls }) });
  let t: TestApp, api: RemoteServer, tlsApi: RemoteServer, silent: RemoteServer, editor: string, editorName: string, viewer: string, dir: string;
  beforeAll(() => ({ t, remote: api, tlsRemote: tlsApi, silent, editor, editorName, viewer, dir } = suite));

  const options = (mode: string, extra: object = {}) => ({ api_url: `${api.url}/`, token: TOKEN, mode, ...extra });
  const run = (token: string, body: object) => runConnectorJob(t, 'kubernetes', token, body);

  it('dry-runs across three pages: hosts and addresses planned with per-record diffs, nothing written', async () => {
    api.requests.length = 0;
    const job = await run(viewer, options('dry-run', { project_name: 'Platform', tags: 'k8s', cluster_name: 'Prod East', include_cluster_name_tag: true, include_label_tags: true }));
    expect(job.state).toBe('succeeded');
    expect(api.requests.map((r) => r.url)).toEqual(['/api/v1/nodes?limit=500', '/api/v1/nodes?limit=500&continue=page-2', '/api/v1/nodes?limit=500&continue=p3%2B%2F%3D']);
    expect(api.requests.every((r) => r.headers.accept === 'application/json')).toBe(true);
    expect(logLines(job)).toEqual([
      'Job queued (mode dry-run).',
      'Job started: Kubernetes dry-run.',
      `Connected to Kubernetes API '${api.url}'.`,
      'Collected 3 nodes from Kubernetes.',
      'Prepared 3 hosts and 2 IP assets from Kubernetes node inventory.',
      'Dry-run IP preview (2): 10.50.0.21, 10.50.0.22',
      'Import mode: dry-run. Summary create=5, update=0, skip=0.',
      'Hosts summary: create=3, update=0, skip=0.',
      'IP assets summary: create=2, update=0, skip=0.',
      'Import completed without warnings or errors.',
      'Connector warnings: 2',
      "- Node 'worker-02' skipped InternalIP 'fd00:50::22': IPv6 is not supported.",
      "- Node 'edge-01' skipped: no InternalIP address found.",
      'Job succeeded.',
    ]);
    expect(job.result.plan.records).toEqual([
      { ip_address: '10.50.0.21', action: 'CREATE', changes: expect.objectContaining({ type: [null, 'OS'], host: [null, 'worker-01'], project: [null, 'Platform'], tags: [[], ['k8s', 'prod-east', 'kubernetes-io-hostname-worker-01', 'topology-kubernetes-io-zone-az-a']] }) },
      { ip_address: '10.50.0.22', action: 'CREATE', changes: expect.objectContaining({ host: [null, 'worker-02'], tags: [[], ['k8s', 'prod-east', 'topology-kubernetes-io-zone-az-b']] }) },
    ]);
    expect(job.result.toast).toEqual({ level: 'warning', message: 'Kubernetes dry-run: Connector completed with warnings. Review execution log.' });
    expect(job.result.options.token).toBe('');
    await t.http.get('/ip-assets/10.50.0.21').set(bearer(viewer)).expect(404);
    expect((await t.http.get('/hosts').set(bearer(viewer)).expect(200)).body.filter((h: any) => h.name.startsWith('worker-'))).toEqual([]);
  });

  it('applies: hosts created, addresses linked to them; a second apply skips everything', async () => {
    const job = await run(editor, options('apply', { note: 'Imported from Kubernetes' }));
    expect(job.state).toBe('succeeded');
    expect(job.result.summary.hosts).toEqual({ would_create: 3, would_update: 0, would_skip: 0 });
    expect(job.result.summary.ip_assets).toEqual({ would_create: 2, would_update: 0, would_skip: 0 });
    const hosts = (await t.http.get('/hosts').set(bearer(viewer)).expect(200)).body as any[];
    const worker1 = hosts.find((h) => h.name === 'worker-01');
    expect(hosts.map((h) => h.name)).toEqual(expect.arrayContaining(['worker-01', 'worker-02', 'edge-01']));
    const asset = (await t.http.get('/ip-assets/10.50.0.21').set(bearer(viewer)).expect(200)).body;
    expect(asset).toMatchObject({ type: 'OS', host_id: worker1.id, notes: 'Imported from Kubernetes', archived: false });
    const audit = (await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(editor)).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'APPLY', target_label: 'connector_kubernetes', username: editorName });
    expect(audit[0].changes).toBe('Import apply source=connector_kubernetes; input=connector:kubernetes; create=5; update=0; skip=0; warnings=0; errors=0.');

    const again = await run(editor, options('apply', { note: 'Imported from Kubernetes' }));
    expect(again.result.summary.total).toEqual({ would_create: 0, would_update: 0, would_skip: 5 });
    expect(logLines(again)).toContain('Hosts summary: create=0, update=0, skip=3.');
    expect(logLines(again)).toContain('IP assets summary: create=0, update=0, skip=2.');
  });

  it('a dry-run shows what would change on an address: type, merged tags, note', async () => {
    await t.http.patch('/ip-assets/10.50.0.22').set(bearer(editor)).send({ type: 'VM', tags: ['manual'] }).expect(200);
    const job = await run(viewer, options('dry-run', { tags: 'k8s', note: 'Node address' }));
    const record = job.result.plan.records.find((r: any) => r.ip_address === '10.50.0.22');
    expect(record).toEqual({ ip_address: '10.50.0.22', action: 'UPDATE', changes: { type: ['VM', 'OS'], tags: [['manual'], ['manual', 'k8s']], notes: ['Imported from Kubernetes', 'Node address'] } });
  });

  it('fails cleanly on a refused token, with the status and body, never the token', async () => {
    const job = await run(viewer, options('dry-run', { token: `${TOKEN}-revoked` }));
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe('Kubernetes API request failed with HTTP 401: {"kind":"Status","status":"Failure","message":"Unauthorized","code":401}');
    expect(logLines(job)).toContain(`Connector failed: ${job.result.error}`);
    expect(job.result.toast).toEqual({ level: 'error', message: 'Kubernetes connector execution failed.' });
  });

  it('verifies TLS: a self-signed certificate is refused, accepted with its CA or the insecure switch', async () => {
    const refused = await run(viewer, { api_url: tlsApi.url, token: TOKEN, mode: 'dry-run' });
    expect(refused.state).toBe('failed');
    expect(refused.result.error).toMatch(/^Failed to call Kubernetes API: TLS error: .*self-signed certificate/);
    const withCa = await run(viewer, { api_url: tlsApi.url, token: TOKEN, ca_cert: tlsApi.certificate, mode: 'dry-run' });
    expect(withCa.state).toBe('succeeded');
    expect(withCa.result.counts).toEqual({ hosts: 3, ip_assets: 2 });
    // A PEM pasted into a one-line input loses its line breaks: still accepted.
    const flattened = await run(viewer, { api_url: tlsApi.url, token: TOKEN, ca_cert: tlsApi.certificate!.replace(/\n/g, ' '), mode: 'dry-run' });
    expect(flattened.state).toBe('succeeded');
    const insecure = await run(viewer, { api_url: tlsApi.url, token: TOKEN, insecure: true, mode: 'dry-run' });
    expect(insecure.state).toBe('succeeded');
  });

  it('gives up after the timeout when the server never answers', async () => {
    const job = await run(viewer, { api_url: silent.url, token: TOKEN, timeout: 1, mode: 'dry-run' });
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe(`Failed to call Kubernetes API: timed out after 1 s (127.0.0.1:${new URL(silent.url).port})`);
  });

  it('validates options with the spec messages', async () => {
    const res = await t.http.post('/connectors/kubernetes/runs').set(bearer(viewer)).send({ api_url: ' ', mode: 'dry-run', timeout: 0, asset_type: 'PC', ca_cert: 'not a pem' }).expect(422);
    const messages = res.body.detail.map((d: any) => d.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['Kubernetes API URL is required.', 'Kubernetes bearer token is required.', 'Timeout must be a positive integer.', 'Asset type must be one of OS, BMC, VM, VIP, OTHER.', 'CA certificate must be PEM text (-----BEGIN CERTIFICATE----- …).']),
    );
    await t.http.post('/connectors/kubernetes/runs').set(bearer(viewer)).send(options('apply')).expect(403);
  });

  describe('UI tab', () => {
    let ui: UiSession;
    beforeAll(async () => {
      ui = await UiSession.login(t, Role.Editor);
    });

    it('shows the form with its defaults', async () => {
      const page = await ui.get('/ui/connectors?tab=kubernetes');
      expect(page.text).toContain('action="/ui/connectors/kubernetes/run"');
      for (const name of ['api_url', 'token', 'project_name', 'tags', 'cluster_name', 'note', 'ca_cert', 'timeout', 'insecure', 'include_cluster_name_tag', 'include_label_tags']) expect(page.text).toContain(`name="${name}"`);
      expect(page.text).toContain('<option value="OS" selected>');
      expect(page.text).toContain('name="timeout" value="30"');
      expect((await ui.get('/ui/connectors')).text).toContain('Node inventory import');
    });

    it('re-renders invalid input with 400 and the messages, never the token', async () => {
      const bad = await ui.post('/ui/connectors/kubernetes/run', { api_url: '', token: TOKEN, cluster_name: 'blue', timeout: '0', mode: 'dry-run' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Kubernetes API URL is required.');
      expect(bad.text).toContain('Timeout must be a positive integer.');
      expect(bad.text).toContain('value="blue"');
      expect(bad.text).not.toContain(TOKEN);
      const noToken = await ui.post('/ui/connectors/kubernetes/run', { api_url: api.url, mode: 'dry-run' });
      expect(noToken.status).toBe(400);
      expect(noToken.text).toContain('Kubernetes bearer token is required.');
    });

    it('runs a job and follows it to its log, without re-displaying the token', async () => {
      const started = await ui.post('/ui/connectors/kubernetes/run', { api_url: api.url, token: TOKEN, asset_type: 'OS', include_label_tags: '1', timeout: '10', mode: 'dry-run' });
      expect(started.status).toBe(303);
      expect(started.headers.location).toMatch(/^\/ui\/connectors\?tab=kubernetes&job_id=\d+$/);
      await t.app.get(ConnectorJobsService).drain();
      const page = await ui.get(started.headers.location);
      expect(page.text).toContain('data-job-state="succeeded"');
      expect(toastsOf(page.text)).toEqual(['Kubernetes dry-run: Connector completed with warnings. Review execution log.']);
      expect(decodeEntities(page.text)).toContain('Hosts summary: create=0, update=0, skip=3.');
      expect(page.text).toMatch(/name="include_label_tags" value="1" checked/);
      expect(page.text).not.toContain(TOKEN);
    });
  });

  describe('CLI', () => {
    const cli = (...args: string[]) => runConnectorCli(t, 'kubernetes', '--api-url', api.url, '--token', TOKEN, ...args);

    it('file mode writes the bundle and prints warnings and the Wrote line', async () => {
      const file = path.join(dir, 'k8s.json');
      const out = await cli('--output', file, '--include-label-tags');
      expect(out).toEqual({
        code: 0,
        err: '',
        out: [
          "Warning: Node 'worker-02' skipped InternalIP 'fd00:50::22': IPv6 is not supported.",
          "Warning: Node 'edge-01' skipped: no InternalIP address found.",
          `Wrote Kubernetes import bundle with 3 hosts and 2 IP assets to ${file}`,
        ].join('\n'),
      });
      const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(bundle.data.hosts).toEqual([{ name: 'worker-01' }, { name: 'worker-02' }, { name: 'edge-01' }]);
      expect(bundle.data.ip_assets[1]).toEqual({ ip_address: '10.50.0.22', type: 'OS', host_name: 'worker-02', merge_tags: true, archived: false, tags: ['topology-kubernetes-io-zone-az-b'] });
      expect(fs.readFileSync(file, 'utf8')).not.toContain(TOKEN);
    });

    it('dry-run and apply print the summary block; import errors exit 1', async () => {
      const dry = await cli('--mode', 'dry-run', '--tags', 'cli');
      expect(dry.code).toBe(0);
      expect(dry.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=2, skip=3']);
      const apply = await cli('--mode', 'apply', '--tags', 'cli', '--as', editorName);
      expect(apply.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=2, skip=3']);
      expect((await t.http.get('/ip-assets/10.50.0.21').set(bearer(viewer)).expect(200)).body.tags).toContain('cli');
      const again = await cli('--mode', 'apply', '--tags', 'cli');
      expect(again.out.split('\n').slice(-1)).toEqual(['Import summary: create=0, update=0, skip=5']);
      const missing = await cli('--mode', 'dry-run', '--project-name', 'Nowhere');
      expect(missing.code).toBe(1);
      expect(missing.out).toContain('Import errors:\n- data.ip_assets[0].project_name: Project does not exist.');
    });

    it('usage errors exit 2; connector failures print Connector failed and exit 1', async () => {
      expect(await runConnectorCli(t, 'kubernetes', '--api-url', api.url, '--mode', 'dry-run')).toMatchObject({ code: 2, err: 'error: the following arguments are required: --token' });
      expect(await cli('--mode', 'dry-run', '--timeout', '0')).toMatchObject({ code: 2, err: 'error: --timeout must be a positive integer' });
      expect(await cli('--mode', 'dry-run', '--ca-file', path.join(dir, 'missing.pem'))).toMatchObject({ code: 2, err: `error: --ca-file: cannot read '${path.join(dir, 'missing.pem')}': ENOENT` });
      expect(await cli()).toMatchObject({ code: 2, err: 'error: --output is required when --mode=file' });
      const refused = await runConnectorCli(t, 'kubernetes', '--api-url', tlsApi.url, '--token', TOKEN, '--mode', 'dry-run');
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/^Connector failed: Failed to call Kubernetes API: TLS error: /);
      const ca = path.join(dir, 'ca.pem');
      fs.writeFileSync(ca, tlsApi.certificate!);
      const trusted = await runConnectorCli(t, 'kubernetes', '--api-url', tlsApi.url, '--token', TOKEN, '--ca-file', ca, '--mode', 'dry-run');
      expect(trusted).toMatchObject({ code: 0 });
    });
  });

  it('never stores the token: job rows, logs, results and audit rows', async () => {
    const stored = await storedRunText(t);
    expect(stored).toContain('connector_kubernetes');
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(Buffer.from(TOKEN).toString('base64'));
  });
});
