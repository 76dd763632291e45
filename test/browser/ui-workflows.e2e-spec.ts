import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { Role } from '../../src/common/actor';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';
import { expectToast, recordToasts, saveAndExpectToast, submitAndLand } from './browser-support';

// A real browser on a 2-core machine (and PostgreSQL in the second CI leg): each workflow drives many pages.
jest.setTimeout(120_000);

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const run = fs.existsSync(CHROMIUM) ? describe : describe.skip;

/**
 * The admin UI in a real browser (Debian's Chromium, headless) against the app on 127.0.0.1. Every page must
 * load without console errors and without a request to any other host.
 */
run('UI in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let token: string;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_VERSION: '0.1.0', IPOCKET_BUILD_TIME: '2025-01-01T00:00:00Z' });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    token = await t.tokenFor(Role.Editor, 'seed');
    await t.users.create(null, { username: 'alice', password: TEST_PASSWORD, role: Role.Editor, is_active: true });
    const api = (method: 'post' | 'patch', url: string, body: object) => t.http[method](url).set(bearer(token)).send(body).expect(200);
    await api('post', '/projects', { name: 'payments', color: '#2563eb' });
    await api('post', '/projects', { name: 'search', color: '#f59e0b' });
    for (const [name, color] of [['prod', '#dc2626'], ['edge', '#fde68a'], ['db', '#0f766e'], ['web', '#7c3aed'], ['backup', '#64748b']]) await api('post', '/tags', { name, color });
    await api('post', '/vendors', { name: 'Dell' });
    await api('post', '/ranges', { name: 'Office LAN', cidr: '192.168.10.0/24' }).catch(() => undefined);
    for (let i = 1; i <= 24; i++) {
      const tags = i % 5 === 0 ? ['prod', 'edge', 'db', 'web'] : i % 3 === 0 ? ['edge'] : i % 4 === 0 ? ['db', 'backup'] : [];
      await api('post', '/ip-assets', { ip_address: `192.168.10.${i}`, type: i % 6 === 0 ? 'VIP' : 'VM', project_id: i % 2 === 0 ? 1 : i % 3 === 0 ? 2 : null, tags, notes: i % 4 === 0 ? `App server ${i} for the checkout flow, patched monthly` : null });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await recordToasts(context);
    page = await context.newPage();
    // A loaded 2-core CI machine runs the app, PostgreSQL and Chromium at once: allow slow steps.
    page.setDefaultTimeout(60_000);
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('request', (req) => {
      const host = new URL(req.url()).hostname;
      if (host !== '127.0.0.1' && !req.url().startsWith('data:')) foreignRequests.push(req.url());
    });
    page.on('dialog', (dialog) => dialog.accept());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  const getAsset = async (ip: string) => (await t.http.get(`/ip-assets/${ip}`).set(bearer(token))).body;
  const rowIps = () => page.$$eval('.table-ip-assets .ip-link', (links) => links.map((a) => a.textContent));

  it('logs in through the form and lands on the dashboard', async () => {
    await page.goto(`${base}/ui/management`);
    await page.waitForURL(/\/ui\/login/);
    await shot('login');
    await page.fill('input[name=username]', 'alice');
    await page.fill('input[name=password]', TEST_PASSWORD);
    expect(await submitAndLand(page, 'button[type=submit]')).toBe(303);
    expect(page.url()).toBe(`${base}/ui/management`);
    expect(await page.textContent('[data-testid=stat-active-ips] .stat-value')).toBe('24');
    await expectToast(page, 'success', 'Login successful.');
    await page.waitForTimeout(4200);
    await shot('dashboard');
  });

  it('filters by text, project, type and each tag group, and paginates', async () => {
    await page.goto(`${base}/ui/ip-assets`);
    await page.fill('input[name=q]', '192.168.10.1');
    await page.waitForURL(/q=192.168.10.1/);
    await page.waitForFunction(() => document.querySelectorAll('.table-ip-assets .ip-link').length === 11);
    expect((await rowIps())[0]).toBe('192.168.10.1');
    await page.fill('input[name=q]', '');
    await page.waitForURL((u) => !u.search.includes('q=192'));
    await page.selectOption('select[name=project_id]', { label: 'payments' });
    await page.waitForURL(/project_id=1/);
    await page.waitForFunction(() => document.querySelectorAll('.table-ip-assets .ip-link').length === 12);
    await page.selectOption('select[name=type]', 'VIP');
    await page.waitForURL(/type=VIP/);
    await page.waitForFunction(() => document.querySelectorAll('.table-ip-assets .ip-link').length === 4);
    expect(await rowIps()).toEqual(['192.168.10.6', '192.168.10.12', '192.168.10.18', '192.168.10.24']);
    await page.goto(`${base}/ui/ip-assets`);
    await page.fill('[data-tag-filter-input]', 'edge');
    await page.press('[data-tag-filter-input]', 'Enter');
    await page.waitForURL(/tag_any=edge/);
    await page.waitForFunction(() => document.querySelectorAll('.table-ip-assets .ip-link').length === 11);
    await page.click('[data-tag-filter-mode=tag_not]');
    await page.fill('[data-tag-filter-input]', 'prod');
    await page.press('[data-tag-filter-input]', 'Enter');
    await page.waitForURL(/tag_not=prod/);
    await page.waitForFunction(() => document.querySelectorAll('.table-ip-assets .ip-link').length === 7);
    await page.click('[data-tag-filter-mode=tag_all]');
    await page.fill('[data-tag-filter-input]', 'db');
    await page.press('[data-tag-filter-input]', 'Enter');
    await page.waitForURL(/tag_all=db/);
    await page.waitForFunction(() => document.querySelectorAll('.table-ip-assets .ip-link').length === 0);
    await page.goto(`${base}/ui/ip-assets?tag_any=edge&tag_any=db&project_id=1`);
    await page.hover('[data-tags-more-toggle]');
    await page.waitForSelector('.popover');
    await shot('ip-assets-filtered');
    await page.goto(`${base}/ui/ip-assets?per-page=10`);
    await page.click('a[rel=next]');
    await page.waitForURL(/page=2/);
    await page.waitForFunction(() => document.querySelector('.table-footer-count')?.textContent?.includes('Showing 11-20 of 24'));
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.table-footer-count')?.textContent?.includes('Showing 1-10 of 24'));
  });

  it('creates, edits, bulk-updates and deletes IP assets through the drawers', async () => {
    await page.goto(`${base}/ui/ip-assets?per-page=50`);
    await page.click('[data-ip-add]');
    await page.fill('[data-ip-address-input]', '192.168.10.200');
    await page.selectOption('[data-ip-type-select]', 'VM');
    await page.selectOption('[data-ip-project-select]', { label: 'search' });
    await page.click('[data-ip-form] [data-tag-picker-input]');
    await page.keyboard.type('web');
    await page.keyboard.press('Enter');
    await page.fill('[data-ip-notes-input]', 'Created in the browser');
    await shot('drawer-add');
    await saveAndExpectToast(page, '[data-ip-submit]', 'IP asset created.');
    expect(await getAsset('192.168.10.200')).toMatchObject({ type: 'VM', project_id: 2, tags: ['web'], notes: 'Created in the browser' });

    await page.click('[data-ip-edit][data-ip-address="192.168.10.200"]');
    await page.selectOption('[data-ip-type-select]', 'OTHER');
    await page.fill('[data-ip-notes-input]', 'Edited in the browser');
    await shot('drawer-edit');
    await saveAndExpectToast(page, '[data-ip-submit]', 'Saved 192.168.10.200.');
    expect(await getAsset('192.168.10.200')).toMatchObject({ type: 'OTHER', notes: 'Edited in the browser' });

    await page.check('[data-bulk-select][aria-label="Select 192.168.10.1"]');
    await page.check('[data-bulk-select][aria-label="Select 192.168.10.2"]');
    await page.click('[data-bulk-open]');
    await page.selectOption('[data-bulk-drawer] select[name=type]', 'OTHER');
    await page.selectOption('[data-bulk-notes-mode]', 'set');
    await page.fill('[data-bulk-notes]', 'Bulk edited');
    await shot('drawer-bulk');
    await saveAndExpectToast(page, '[data-bulk-apply]', 'Updated 2 IP assets.');
    expect(page.url()).toContain('bulk-success');
    expect(await getAsset('192.168.10.2')).toMatchObject({ type: 'OTHER', notes: 'Bulk edited' });

    await page.click('[data-ip-delete][data-ip-address="192.168.10.200"]');
    await page.check('[data-delete-ack]');
    await page.fill('[data-delete-confirm-ip]', '192.168.10.200');
    await shot('drawer-delete');
    await page.click('[data-ip-delete-submit]'); // a fetch: the row goes and a toast comes, no navigation
    await expectToast(page, 'success', 'Deleted 192.168.10.200.');
    expect(await page.$('[data-ip-address="192.168.10.200"]')).toBeNull();
    expect((await t.http.get('/ip-assets/192.168.10.200').set(bearer(token))).status).toBe(404);
  });

  it('creates a BMC and uses the auto-host action from the detail page', async () => {
    await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: '10.20.0.5', type: 'VM' }).expect(200);
    await t.http.patch('/ip-assets/10.20.0.5').set(bearer(token)).send({ type: 'BMC', tags: ['prod'] }).expect(200);
    const { id } = await getAsset('10.20.0.5');
    await page.goto(`${base}/ui/ip-assets/${id}`);
    await shot('ip-detail');
    await page.click('.page-actions [data-ip-edit]');
    await page.click('[data-auto-host-button]');
    await page.waitForFunction(() => (document.querySelector('[data-ip-host-search]') as HTMLInputElement).value === 'server_10.20.0.5');
    expect((await getAsset('10.20.0.5')).host_id).toEqual(expect.any(Number));
  });

  it('creates and edits a host, and cannot delete it while IPs are linked', async () => {
    await page.goto(`${base}/ui/hosts`);
    await page.click('[data-host-add]');
    await page.fill('[data-host-name-input]', 'db-01');
    await page.selectOption('[data-host-vendor-select]', { label: 'Dell' });
    await page.fill('input[name=os_ips]', '10.30.0.1');
    await page.fill('input[name=bmc_ips]', '10.30.1.1');
    await shot('drawer-host');
    await saveAndExpectToast(page, '[data-host-submit]', 'Host created.');
    const hostId = (await getAsset('10.30.0.1')).host_id;
    await page.click(`[data-host-edit="${hostId}"]`);
    await page.fill('textarea[name=notes]', 'Primary database');
    await saveAndExpectToast(page, '[data-host-submit]', 'Host updated.');
    expect((await t.http.get(`/hosts/${hostId}`).set(bearer(token))).body.notes).toBe('Primary database');
    await shot('hosts');
    await page.click(`[data-host-delete="${hostId}"]`);
    await page.check('[data-host-delete-ack]');
    await page.fill('[data-host-delete-confirm]', 'db-01');
    expect(await submitAndLand(page, '[data-host-delete-submit]')).toBe(409);
    await page.waitForSelector('[data-host-delete-errors]');
    expect(await page.textContent('[data-host-delete-errors]')).toMatch(/linked IP asset/);
    // The refusal is a 409 page (D5); Chromium reports that status in the console, which is expected here.
    const refusal = consoleErrors.findIndex((m) => m.includes('status of 409'));
    expect(refusal).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(refusal, 1);
    expect((await t.http.get(`/hosts/${hostId}`).set(bearer(token))).status).toBe(200);
    await page.goto(`${base}/ui/hosts/${hostId}`);
    await shot('host-detail');
  });

  it('changes the password and logs out', async () => {
    await page.goto(`${base}/ui/account/password`);
    await page.fill('input[name=current_password]', TEST_PASSWORD);
    await page.fill('input[name=new_password]', 'new-browser-pass');
    await page.fill('input[name=confirm_new_password]', 'new-browser-pass');
    await shot('change-password');
    await saveAndExpectToast(page, 'main button[type=submit]', 'Password changed successfully.');
    expect(await t.users.verifyCredentials('alice', 'new-browser-pass')).toBeTruthy();
    await page.click('[data-testid=sidebar-logout-button]');
    await page.waitForURL(`${base}/ui/login`);
    await page.goto(`${base}/ui/ip-assets`);
    await page.waitForURL(/\/ui\/login\?return_to=/);
  });
});
