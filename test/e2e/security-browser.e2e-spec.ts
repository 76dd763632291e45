import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { Role } from '../../src/common/actor';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

const CHROMIUM = '/usr/bin/chromium';
const run = fs.existsSync(CHROMIUM) ? describe : describe.skip;

/** The Content-Security-Policy in a real browser: the pages work and the browser reports no violation. */
run('Content-Security-Policy in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.users.create(null, { username: 'csp-admin', password: TEST_PASSWORD, role: Role.Admin, is_active: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await (await browser.newContext()).newPage();
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (err) => errors.push(err.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(() => {
    errors.length = 0;
  });

  /** Violations the page itself saw (console messages can be rate-limited; these events are not). */
  async function violations(target: Page): Promise<string[]> {
    return target.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
  }

  async function watchViolations(target: Page): Promise<void> {
    await target.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }

  it('renders Swagger UI at /docs without a violation', async () => {
    await watchViolations(page);
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });

  it('logs in and opens the main pages without a violation', async () => {
    await page.goto(`${base}/ui/login`);
    await page.fill('input[name="username"]', 'csp-admin');
    await page.fill('input[name="password"]', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/ui\/ip-assets/), page.click('button[type="submit"]')]);
    for (const path of ['/ui/ip-assets', '/ui/hosts', '/ui/ranges', '/ui/management', '/ui/import', '/ui/audit-log']) {
      const res = await page.goto(`${base}${path}`);
      expect([path, res?.status()]).toEqual([path, 200]);
      // htmx is loaded from a file and initialised without eval.
      expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
      expect([path, await violations(page)]).toEqual([path, []]);
    }
    expect(errors).toEqual([]);
  });
});
