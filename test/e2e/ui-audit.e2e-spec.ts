import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { UiSession } from '../support/ui-support';

describe('UI: audit log', () => {
  let t: TestApp;
  let token: string;
  let viewer: UiSession;

  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(Role.Editor, 'auditor-editor');
    await t.http.post('/projects').set(bearer(token)).send({ name: 'core' }).expect(200);
    await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: '10.1.0.1', type: 'VM', notes: '<script>alert(1)</script>' }).expect(200);
    await t.http.patch('/ip-assets/10.1.0.1').set(bearer(token)).send({ type: 'VIP', notes: 'changed' }).expect(200);
    for (let i = 2; i <= 25; i++) await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: `10.1.0.${i}`, type: 'VM' }).expect(200);
    // 29 rows: two user creations (system), the project, 25 asset creations and one update.
    viewer = await UiSession.login(t, Role.Viewer);
  });
  afterAll(() => t.close());

  it('needs a login, even for public reads (decision A2)', async () => {
    const res = await t.http.get('/ui/audit-log').set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/ui/login?return_to=%2Fui%2Faudit-log');
  });

  it('lists entries newest first with pagination, and escapes the change text', async () => {
    const page = await viewer.get('/ui/audit-log');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>ipocket - Audit Log</title>');
    expect(page.text).toContain('Showing 1-20 of 29');
    expect(page.text).toContain('Page 1 of 2');
    const second = await viewer.get('/ui/audit-log?page=2&per-page=20');
    expect(second.text).toContain('Showing 21-29 of 29');
    expect(second.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(second.text).not.toContain('<script>alert(1)</script>');
    expect(second.text).toContain('auditor-editor');
  });

  it('filters by target type, action, user, text and dates', async () => {
    const rows = (html: string) => [...html.matchAll(/data-audit-row-id="\d+"/g)].length;
    expect(rows((await viewer.get('/ui/audit-log?target_type=PROJECT')).text)).toBe(1);
    expect(rows((await viewer.get('/ui/audit-log?action=UPDATE')).text)).toBe(1);
    expect(rows((await viewer.get('/ui/audit-log?q=10.1.0.1&target_type=IP_ASSET')).text)).toBe(2 + 10);
    expect(rows((await viewer.get('/ui/audit-log?user=nobody')).text)).toBe(0);
    expect((await viewer.get('/ui/audit-log?user=nobody')).text).toContain('No audit entries match these filters.');
    expect(rows((await viewer.get('/ui/audit-log?user=auditor-editor&action=CREATE&per-page=50')).text)).toBe(26);
    expect(rows((await viewer.get('/ui/audit-log?since=2000-01-01&until=2999-12-31&per-page=100')).text)).toBe(29);
    expect(rows((await viewer.get('/ui/audit-log?until=2000-01-01')).text)).toBe(0);
    // Junk values are ignored rather than answered with an error.
    const junk = await viewer.get('/ui/audit-log?target_type=NOPE&since=yesterday&page=abc&per-page=7');
    expect(junk.status).toBe(200);
    expect(junk.text).toContain('Showing 1-20 of 29');
  });
});
