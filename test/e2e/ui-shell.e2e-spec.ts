import { Role } from '../../src/common/actor';
import { TEST_PASSWORD, TestApp } from '../support/test-app';
import { toastsOf, UiSession } from '../support/ui-support';

describe('UI shell, login, logout and password change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_VERSION: '1.2.3', IPOCKET_COMMIT: 'abcdef0123456789', IPOCKET_BUILD_TIME: '2025-01-01T00:00:00Z' });
  });
  afterAll(() => t.close());

  it('redirects pages that need a user to the login page with return_to (A2)', async () => {
    const res = await t.http.get('/ui/ip-assets?page=2').set('Accept', 'text/html').expect(303);
    expect(res.headers.location).toBe('/ui/login?return_to=%2Fui%2Fip-assets%3Fpage%3D2');
    const about = await t.http.get('/ui/about').set('Accept', 'text/html').expect(303);
    expect(about.headers.location).toMatch(/^\/ui\/login\?return_to=/);
  });

  it('serves / as a redirect to the dashboard and htmx from /static without any external host', async () => {
    const root = await t.http.get('/').expect(307);
    expect(root.headers.location).toBe('/ui/management');
    const htmx = await t.http.get('/static/vendor/htmx.min.js').expect(200);
    expect(htmx.headers['content-type']).toMatch(/javascript/);
    expect(htmx.text).toContain('htmx');
    await t.http.get('/static/favicon.png').expect(200).expect('Content-Type', /png/);
    const login = await t.http.get('/ui/login').expect(200);
    expect(login.text).toContain('<title>ipocket - Login</title>');
    expect(login.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('logs in with a CSRF token, honours only local return_to (A5) and shows the flash once', async () => {
    await t.users.create(null, { username: 'carol', password: TEST_PASSWORD, role: Role.Editor, is_active: true });
    const s = new UiSession(t);
    const page = await s.get('/ui/login?return_to=/ui/hosts');
    expect(page.text).toContain('name="return_to" value="/ui/hosts"');
    const bad = await s.post('/ui/login', { username: 'carol', password: 'nope', return_to: '/ui/hosts' });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('Invalid username or password.');
    expect(bad.text).toContain('value="/ui/hosts"');
    const evil = await s.post('/ui/login', { username: 'carol', password: TEST_PASSWORD, return_to: '//evil.example/x' });
    expect(evil.status).toBe(303);
    expect(evil.headers.location).toBe('/ui/ip-assets');
    const dash = await s.get('/ui/management');
    expect(dash.status).toBe(200);
    expect(toastsOf(dash.text)).toEqual(['Login successful.']);
    expect((await s.get('/ui/management')).text).not.toContain('Login successful.');
  });

  it('refuses a login or logout without a valid CSRF token with 403', async () => {
    await t.users.create(null, { username: 'dave', password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
    const s = new UiSession(t);
    await s.get('/ui/login');
    expect((await s.post('/ui/login', { username: 'dave', password: TEST_PASSWORD, _csrf: '' })).status).toBe(403);
    expect((await s.post('/ui/login', { username: 'dave', password: TEST_PASSWORD, _csrf: 'x'.repeat(64) })).status).toBe(403);
    const logged = await UiSession.login(t, Role.Viewer);
    expect((await logged.post('/ui/logout', { _csrf: '' })).status).toBe(403);
    expect((await logged.get('/ui/management')).status).toBe(200);
  });

  it('renders the shell: sidebar links, account actions and the build footer', async () => {
    const s = await UiSession.login(t, Role.Editor);
    const res = await s.get('/ui/management');
    expect(res.text).toContain('<title>ipocket - Management Overview</title>');
    for (const label of ['Management', 'IP Assets', 'Hosts', 'Ranges', 'Library', 'Connectors', 'Audit Log', 'Data Ops']) expect(res.text).toContain(`>${label}</a>`);
    expect(res.text).not.toContain('>Users</a>');
    expect(res.text).toContain('data-testid="sidebar-logout-button"');
    expect(res.text).toContain('ipocket 1.2.3 (abcdef0) • built 2025-01-01T00:00:00Z');
    const admin = await UiSession.login(t, Role.Admin);
    expect((await admin.get('/ui/management')).text).toContain('>Users</a>');
    const about = await s.get('/ui/about');
    expect(about.text).toContain('About ipocket');
    expect(about.text).toContain('abcdef0123456789');
  });

  it('shows the dashboard counts', async () => {
    const s = await UiSession.login(t, Role.Viewer);
    const res = await s.get('/ui/management');
    expect(res.text).toMatch(/data-testid="stat-active-ips">[\s\S]*?<div class="stat-value">0<\/div>/);
    expect(res.text).toContain('No ranges yet. Add ranges to see utilization.');
  });

  it('logs out: the session is revoked and the cookie cleared', async () => {
    const s = await UiSession.login(t, Role.Viewer);
    const old = s.cookieHeader;
    const res = await s.post('/ui/logout', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/ui/login');
    const again = await t.http.get('/ui/management').set({ Cookie: old, Accept: 'text/html' });
    expect(again.status).toBe(303);
  });

  it('changes the password with every applicable error collected, then succeeds', async () => {
    const s = await UiSession.login(t, Role.Viewer, 'erin');
    await s.get('/ui/account/password');
    const empty = await s.post('/ui/account/password', { current_password: '', new_password: '', confirm_new_password: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Could not change password');
    for (const m of ['Current password is required.', 'New password is required.', 'Confirm new password is required.']) expect(empty.text).toContain(m);
    const wrong = await s.post('/ui/account/password', { current_password: 'wrong-one', new_password: 'a-new-pass', confirm_new_password: 'other' });
    expect(wrong.text).toContain('New password and confirmation do not match.');
    expect(wrong.text).toContain('Current password is incorrect.');
    const same = await s.post('/ui/account/password', { current_password: TEST_PASSWORD, new_password: TEST_PASSWORD, confirm_new_password: TEST_PASSWORD });
    expect(same.text).toContain('New password must be different from current password.');
    const ok = await s.post('/ui/account/password', { current_password: TEST_PASSWORD, new_password: 'brand-new-pass', confirm_new_password: 'brand-new-pass' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/ui/account/password');
    expect(toastsOf((await s.get('/ui/account/password')).text)).toEqual(['Password changed successfully.']);
    expect(await t.users.verifyCredentials('erin', 'brand-new-pass')).toBeTruthy();
    expect((await s.post('/ui/account/password', { current_password: 'brand-new-pass', new_password: 'x2-pass', confirm_new_password: 'x2-pass', _csrf: '' })).status).toBe(403);
  });
});
