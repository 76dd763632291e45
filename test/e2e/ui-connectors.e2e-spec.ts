import * as fs from 'node:fs';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { LocalHttpServer } from '../support/prometheus-server';
import { bearer, TestApp } from '../support/test-app';
import { decodeEntities, toastsOf, UiSession } from '../support/ui-support';

/** A stand-in for the Prometheus HTTP API on 127.0.0.1: one instant-query answer with two instances. */
function prometheusStub(seen: string[]): Promise<LocalHttpServer> {
  return LocalHttpServer.start((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { instance: '10.40.0.1:9100' }, value: [1, '1'] }, { metric: { instance: '10.40.0.2:9100' }, value: [1, '1'] }] },
      }),
    );
  });
}

describe('UI: connectors', () => {
  let t: TestApp;
  let stub: LocalHttpServer;
  let editor: UiSession;
  let viewer: UiSession;
  let token: string;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    stub = await prometheusStub(seen);
    token = await t.tokenFor(Role.Editor);
    editor = await UiSession.login(t, Role.Editor);
    viewer = await UiSession.login(t, Role.Viewer);
  });
  afterAll(async () => {
    await t.close();
    await stub.stop();
  });

  const drain = () => t.app.get(ConnectorJobsService).drain();
  const jobId = (location: string) => Number(/job_id=(\d+)/.exec(location)![1]);

  it('shows the overview and one tab per connector', async () => {
    const page = await viewer.get('/ui/connectors');
    expect(page.text).toContain('<title>ipocket - Connectors</title>');
    expect(page.text).toContain('Available Connectors');
    expect((await viewer.get('/ui/connectors?tab=vcenter')).text).toContain('action="/ui/connectors/vcenter/run"');
    expect((await viewer.get('/ui/connectors?tab=prometheus')).text).toContain('action="/ui/connectors/prometheus/run"');
    // The CLI card points at the connector's own page, which exists in docs/.
    for (const name of ['vcenter', 'prometheus', 'elasticsearch', 'cassandra', 'ceph', 'kubernetes']) {
      const tab = (await viewer.get(`/ui/connectors?tab=${name}`)).text;
      expect(tab).toContain(`Full options: <code>docs/${name}-connector.md</code>`);
      expect(fs.existsSync(path.join(__dirname, '../../docs', `${name}-connector.md`))).toBe(true);
    }
    expect((await viewer.get('/ui/connectors?tab=nope')).text).toContain('Available Connectors');
  });

  it('runs a Prometheus dry-run job as a Viewer, follows it and shows the log and per-IP diff without the secret', async () => {
    const started = await viewer.post('/ui/connectors/prometheus/run', { prometheus_url: stub.url, query: 'up', ip_label: 'instance', asset_type: 'VM', tags: 'monitoring', token: 's3cret-token', timeout: '10', mode: 'dry-run' });
    expect(started.status).toBe(303);
    expect(started.headers.location).toMatch(/^\/ui\/connectors\?tab=prometheus&job_id=\d+$/);
    const id = jobId(started.headers.location);
    await drain();
    const page = await viewer.get(started.headers.location);
    expect(page.text).toContain('data-job-state="succeeded"');
    expect(page.text).not.toContain('data-job-refresh');
    expect(toastsOf(page.text)).toEqual(['Prometheus dry-run: Connector completed successfully.']);
    expect(page.text).toContain('data-connector-log');
    expect(page.text).toMatch(/data-plan-row><td class="mono">10.40.0.1<\/td><td><span class="pill pill-success">CREATE/);
    expect(page.text).not.toContain('s3cret-token');
    expect(page.text).toContain(`value="${stub.url}"`);
    expect(page.text).toContain(`data-job-row="${id}"`);
    expect(seen.some((line) => line.includes('Bearer s3cret-token'))).toBe(true);
    expect((await t.http.get('/ip-assets/10.40.0.1').set(bearer(token))).status).toBe(404);
  });

  it('keeps refreshing while a job is queued, and ignores unknown job ids', async () => {
    await editor.get('/ui/connectors');
    const started = await editor.post('/ui/connectors/prometheus/run', { prometheus_url: stub.url, query: 'up', mode: 'apply' });
    const queued = await editor.get(started.headers.location);
    // The run starts after the response; the first render may catch it queued or already finished.
    if (/data-job-state="(queued|running)"/.test(queued.text)) {
      expect(decodeEntities(queued.text)).toContain(`data-job-refresh="/ui/connectors?tab=prometheus&job_id=${jobId(started.headers.location)}"`);
      expect(toastsOf(queued.text)).toContain('prometheus connector run is still in progress.');
    }
    await drain();
    const done = await editor.get(started.headers.location);
    expect(toastsOf(done.text)).toEqual(['Prometheus apply: Connector completed successfully.']);
    expect((await t.http.get('/ip-assets/10.40.0.2').set(bearer(token))).body).toMatchObject({ type: 'OTHER' });
    const unknown = await editor.get('/ui/connectors?tab=vcenter&job_id=99999');
    expect(unknown.status).toBe(200);
    expect(unknown.text).not.toContain('data-connector-job=');
  });

  it('shows validation errors inline with 400, re-fills the form but never the secret', async () => {
    const bad = await editor.post('/ui/connectors/vcenter/run', { server: '', username: 'admin', password: 'hunter2-secret', port: '70000', mode: 'dry-run', insecure: '1' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-connector-errors');
    expect(bad.text).toContain('vCenter server is required.');
    expect(bad.text).toContain('Port must be a valid number between 1 and 65535.');
    expect(bad.text).toContain('value="admin"');
    expect(bad.text).not.toContain('hunter2-secret');
    expect(bad.text).toMatch(/name="insecure" value="1" checked/);
  });

  it('refuses apply to Viewers (403 with a toast), missing CSRF tokens, and anonymous runs', async () => {
    const refused = await viewer.post('/ui/connectors/prometheus/run', { prometheus_url: stub.url, query: 'up', mode: 'apply' });
    expect(refused.status).toBe(403);
    expect(toastsOf(refused.text)).toEqual(['Apply mode is restricted to editor accounts.']);
    expect((await editor.post('/ui/connectors/prometheus/run', { prometheus_url: stub.url, query: 'up', mode: 'dry-run', _csrf: '' })).status).toBe(403);
    expect((await t.http.post('/ui/connectors/prometheus/run').set('Accept', 'text/html').type('form').send('mode=dry-run')).status).toBe(303);
    expect((await editor.post('/ui/connectors/nope/run', { mode: 'dry-run' })).status).toBe(404);
  });

  it('escapes job values shown on the page', async () => {
    const started = await editor.post('/ui/connectors/prometheus/run', { prometheus_url: stub.url, query: '<script>alert(1)</script>', mode: 'dry-run' });
    await drain();
    const page = await editor.get(started.headers.location);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
