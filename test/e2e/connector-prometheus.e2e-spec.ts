import * as bcrypt from 'bcryptjs';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { eventually, findPrometheus, LocalHttpServer, PrometheusProcess } from '../support/prometheus-server';
import { bearer, TestApp } from '../support/test-app';

/**
 * The Prometheus connector against a real Prometheus (Debian 2.42). Prometheus scrapes a static target on
 * 127.0.0.1 whose target groups carry a `node_ip` label with non-loopback addresses (static labels and a
 * relabelling rule): those are only label values, never scrape targets, so no traffic leaves the machine.
 */
const PROMETHEUS = findPrometheus();
if (!PROMETHEUS) console.warn('SKIPPED connector-prometheus.e2e-spec: no `prometheus` binary (Debian package `prometheus`; .ci/run installs it).');
const describeWithPrometheus = PROMETHEUS ? describe : describe.skip;

const API_USER = 'reader';
const API_PASSWORD = 'prom-secret-Passw0rd';

describeWithPrometheus('Prometheus connector against a real Prometheus', () => {
  let t: TestApp;
  let target: LocalHttpServer;
  let prometheus: PrometheusProcess;
  let editor: string;
  let viewer: string;
  let projectId: number;
  const auth = `${API_USER}:${API_PASSWORD}`;

  async function runJob(token: string, body: object): Promise<any> {
    const started = await t.http.post('/connectors/prometheus/runs').set(bearer(token)).send(body).expect(200);
    await t.app.get(ConnectorJobsService).drain();
    return (await t.http.get(`/connectors/jobs/${started.body.job_id}`).set(bearer(token)).expect(200)).body;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
    viewer = await t.tokenFor(Role.Viewer);
    target = await LocalHttpServer.start((req, res) => {
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      res.end('# TYPE demo_ready gauge\ndemo_ready 1\n');
    });
    const address = `127.0.0.1:${target.port}`;
    // Five target groups on the same loopback target; only their labels differ.
    const scrape = [
      '  - job_name: nodes',
      '    static_configs:',
      `      - targets: ['${address}']`,
      "        labels: { group: a, node_ip: '10.20.0.5' }",
      `      - targets: ['${address}']`,
      "        labels: { group: b, node_ip: '10.20.0.6:9100' }",
      `      - targets: ['${address}']`,
      "        labels: { group: c, node_ip: 'fe80::1' }",
      `      - targets: ['${address}']`,
      "        labels: { group: d, node_ip: '127.0.0.9' }",
      `      - targets: ['${address}']`,
      '        labels: { group: e }',
      `      - targets: ['${address}']`,
      '        labels: { group: f }',
      '    relabel_configs:',
      '      - source_labels: [group]',
      '        regex: f',
      '        target_label: node_ip',
      "        replacement: '10.20.0.7'",
    ];
    const web = `basic_auth_users:\n  ${API_USER}: ${bcrypt.hashSync(API_PASSWORD, 4)}\n`;
    prometheus = await PrometheusProcess.start(PROMETHEUS as string, scrape, web);
    const header = { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` };
    await eventually('six scraped `up` samples', async () => {
      const res = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent('up{job="nodes"}')}`, { headers: header });
      const body = (await res.json()) as { data?: { result?: unknown[] } };
      return (body.data?.result?.length ?? 0) >= 6 ? true : undefined;
    }).catch((error) => {
      throw new Error(`${(error as Error).message}\n${prometheus.log}`);
    });
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await target?.stop();
    await t?.close();
  }, 30_000);

  const options = (mode: string, extra: object = {}) => ({ prometheus_url: `${prometheus.url}/`, query: 'up{job="nodes"}', ip_label: 'node_ip', token: auth, mode, ...extra });

  it('dry-runs as a Viewer: per-IP CREATE lines, skip warnings, nothing written', async () => {
    projectId = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'Monitoring' }).expect(200)).body.id;
    const job = await runJob(viewer, options('dry-run', { project_name: 'Monitoring', tags: 'node-exporter, prod' }));
    expect(job.state).toBe('succeeded');
    const log = (job.log as string[]).map((line) => line.slice(20));
    expect(log).toEqual(
      expect.arrayContaining([
        `Connected to Prometheus '${prometheus.url}'.`,
        'Collected 6 metric samples.',
        'Prepared 3 IP assets from query results.',
        'Dry-run IP preview (3): 10.20.0.5, 10.20.0.6, 10.20.0.7',
        'Dry-run per-IP change details:',
        '- [CREATE] 10.20.0.5: type=OTHER; project=Monitoring; host=Unassigned; tags=[node-exporter, prod]; notes=set; archived=false.',
        'Import mode: dry-run. Summary create=3, update=0, skip=0.',
        'IP assets summary: create=3, update=0, skip=0.',
        'Connector warnings: 3',
        "- Sample 2 skipped: label 'node_ip' value 'fe80::1' does not contain a valid IPv4 address.",
        "- Sample 3 skipped: loopback IP '127.0.0.9' is not allowed.",
        "- Sample 4 skipped: label 'node_ip' is missing.",
      ]),
    );
    expect(job.result.summary.ip_assets).toEqual({ would_create: 3, would_update: 0, would_skip: 0 });
    expect(job.result.plan.records.map((r: any) => `${r.action} ${r.ip_address}`)).toEqual(['CREATE 10.20.0.5', 'CREATE 10.20.0.6', 'CREATE 10.20.0.7']);
    expect(job.result.options.token).toBe('');
    await t.http.get('/ip-assets/10.20.0.5').set(bearer(editor)).expect(404);
  }, 30_000);

  it('applies as an Editor: assets with generated notes, project and tags, one IMPORT_RUN audit row', async () => {
    const job = await runJob(editor, options('apply', { project_name: 'Monitoring', tags: ['node-exporter', 'prod'] }));
    expect(job.state).toBe('succeeded');
    expect(job.result.summary.ip_assets).toEqual({ would_create: 3, would_update: 0, would_skip: 0 });
    const asset = (await t.http.get('/ip-assets/10.20.0.6').set(bearer(editor)).expect(200)).body;
    expect(asset).toMatchObject({ ip_address: '10.20.0.6', type: 'OTHER', project_id: projectId, notes: "Imported from Prometheus query 'up{job=\"nodes\"}' using label 'node_ip' (metric=up, value=1)." });
    expect([...asset.tags].sort()).toEqual(['node-exporter', 'prod']);
    const audit = await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(editor)).expect(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ action: 'APPLY', target_id: 0, target_label: 'connector_prometheus', user_id: expect.any(Number) });
    expect(audit.body[0].changes).toBe('Import apply source=connector_prometheus; input=connector:prometheus; create=3; update=0; skip=0; warnings=0; errors=0.');
    const perIp = await t.http.get('/audit-log?target_type=IP_ASSET&action=CREATE').set(bearer(editor)).expect(200);
    expect(perIp.body.filter((r: any) => r.target_label.startsWith('10.20.0.')).every((r: any) => r.username === audit.body[0].username)).toBe(true);
  }, 30_000);

  it('keeps type and a manual note, replaces tags, and reports the diff; a second run skips everything', async () => {
    await t.http.patch('/ip-assets/10.20.0.5').set(bearer(editor)).send({ type: 'VM', notes: 'manual note', tags: ['legacy'] }).expect(200);
    const dry = await runJob(editor, options('dry-run', { tags: 'prod' }));
    const log = (dry.log as string[]).map((line) => line.slice(20));
    expect(log).toContain('- [UPDATE] 10.20.0.5: tags +[prod] -[legacy]; notes preserved (existing note kept).');
    // Same generated note as before: the existing one stays either way.
    expect(log).toContain('- [UPDATE] 10.20.0.6: tags -[node-exporter]; notes preserved (existing note kept).');
    const apply = await runJob(editor, options('apply', { tags: 'prod' }));
    expect(apply.result.summary.ip_assets).toEqual({ would_create: 0, would_update: 3, would_skip: 0 });
    const kept = (await t.http.get('/ip-assets/10.20.0.5').set(bearer(editor)).expect(200)).body;
    expect(kept).toMatchObject({ type: 'VM', notes: 'manual note', project_id: projectId, tags: ['prod'] });
    const again = await runJob(editor, options('dry-run', { tags: 'prod' }));
    expect(again.result.summary.ip_assets).toEqual({ would_create: 0, would_update: 0, would_skip: 3 });
    expect((again.log as string[]).map((line) => line.slice(20))).toContain('- [SKIP] 10.20.0.7: no field changes.');
  }, 30_000);

  it('fails cleanly on wrong credentials, naming the status, never the password', async () => {
    const job = await runJob(viewer, options('dry-run', { token: `${API_USER}:wrong-${API_PASSWORD}` }));
    expect(job.state).toBe('failed');
    expect(job.result.error).toMatch(/^Prometheus query failed with HTTP 401/);
    expect(JSON.stringify(job)).not.toContain(API_PASSWORD);
  }, 30_000);

  it('refuses apply to a Viewer and unknown connectors', async () => {
    await t.http.post('/connectors/prometheus/runs').set(bearer(viewer)).send(options('apply')).expect(403, { detail: 'Forbidden' });
    await t.http.post('/connectors/nope/runs').set(bearer(viewer)).send(options('dry-run')).expect(404);
  });
});
