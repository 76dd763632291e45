import type { Response } from 'supertest';
import { Role } from '../../src/common/actor';
import { BODY_LIMITS } from '../../src/common/middleware/body-parser.middleware';
import { inventoryCounts, upload } from '../support/import-support';
import { registeredRoutes } from '../support/platform-routes';
import { isUiPath } from '../support/security-routes';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';
import { UiSession } from '../support/ui-support';

/** The directives of a Content-Security-Policy header, by name. */
function cspOf(res: Response): Record<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/** The `Set-Cookie` line of one cookie, or undefined. */
function setCookie(res: Response, name: string): string | undefined {
  const lines = ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
  return lines.find((line) => line.startsWith(`${name}=`));
}

/** Inline script, inline event handlers and `javascript:` URLs: what a CSP without 'unsafe-inline' would block. */
function inlineCode(html: string): string[] {
  return [
    ...[...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => !/\ssrc=/i.test(tag)),
    ...[...html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi)].map((m) => m[0]),
    ...[...html.matchAll(/(?:href|src|action)\s*=\s*["']?\s*javascript:/gi)].map((m) => m[0]),
  ];
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it.each([
    ['an HTML page', '/ui/login', /text\/html/],
    ['a JSON answer', '/health', /application\/json/],
    ['a JSON error', '/no-such-route', /application\/json/],
    ['a static file', '/static/app.css', /text\/css/],
    ['a static script', '/static/toast.js', /javascript/],
  ])('are on %s', async (_, path, type) => {
    const res = await t.http.get(path);
    expect(res.headers['content-type']).toMatch(type);
    const csp = cspOf(res);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Plain HTTP: no HSTS.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('never allows inline script or eval, anywhere', async () => {
    for (const path of ['/ui/login', '/health', '/docs', '/openapi.json']) {
      const script = cspOf(await t.http.get(path))['script-src'] ?? [];
      expect([path, script]).toEqual([path, ["'self'"]]);
    }
  });

  it('gives Swagger UI its own policy for its <style> blocks, and its page has no inline script', async () => {
    const res = await t.http.get('/docs').expect(200);
    expect(cspOf(res)['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(cspOf(res)['frame-ancestors']).toEqual(["'none'"]);
    expect(inlineCode(res.text)).toEqual([]);
    expect(res.text).toMatch(/<script src="[^"]*swagger-ui-init\.js"/);
  });

  it('serves UI pages whose scripts are all files (no inline script, no on… handlers)', async () => {
    const session = await UiSession.login(t, Role.Admin);
    const pages = registeredRoutes(t.app)
      .filter((r) => r.method === 'GET' && isUiPath(r.path) && !r.path.includes(':'))
      .map((r) => r.path);
    expect(pages.length).toBeGreaterThan(8);
    const problems: string[] = [];
    for (const path of pages) {
      const res = await session.get(path);
      if (!/text\/html/.test(String(res.headers['content-type']))) continue;
      for (const code of inlineCode(res.text)) problems.push(`${path}: ${code.slice(0, 100)}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('cookies and HTTPS', () => {
  /** Logs in through the form and returns the three responses' cookie lines. */
  async function loginCookies(t: TestApp, headers: Record<string, string> = {}) {
    const username = `cookie-${Math.random().toString(36).slice(2, 8)}`;
    await t.users.create(null, { username, password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
    const session = new UiSession(t);
    const page = await session.get('/ui/login', headers);
    const login = await session.post('/ui/login', { username, password: TEST_PASSWORD }, headers);
    expect(login.status).toBe(303);
    return { page, login, csrf: setCookie(page, 'ipocket_csrf'), session: setCookie(login, 'ipocket_session'), flash: setCookie(login, 'ipocket_flash') };
  }

  const expectFlags = (line: string | undefined, secure: boolean) => {
    expect(line).toBeDefined();
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    if (secure) expect(line).toMatch(/; Secure/);
    else expect(line).not.toMatch(/; Secure/);
  };

  it('are HttpOnly and SameSite=Lax, and not Secure over plain HTTP', async () => {
    const t = await TestApp.start();
    try {
      const { csrf, session, flash } = await loginCookies(t);
      for (const line of [csrf, session, flash]) expectFlags(line, false);
    } finally {
      await t.close();
    }
  });

  it('are Secure with IPOCKET_COOKIE_SECURE=true, even over plain HTTP', async () => {
    const t = await TestApp.start({ IPOCKET_COOKIE_SECURE: 'true' });
    try {
      const { csrf, session, flash } = await loginCookies(t);
      for (const line of [csrf, session, flash]) expectFlags(line, true);
    } finally {
      await t.close();
    }
  });

  it('are Secure, with HSTS, when a trusted proxy says the browser used HTTPS', async () => {
    const t = await TestApp.start({ IPOCKET_TRUST_PROXY: 'loopback' });
    try {
      const { page, csrf, session, flash } = await loginCookies(t, { 'X-Forwarded-Proto': 'https' });
      for (const line of [csrf, session, flash]) expectFlags(line, true);
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
      // The same server over plain HTTP: neither.
      const plain = await t.http.get('/ui/login');
      expectFlags(setCookie(plain, 'ipocket_csrf'), false);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('ignore X-Forwarded-Proto when no proxy is trusted (the default)', async () => {
    const t = await TestApp.start();
    try {
      const { page, csrf, session } = await loginCookies(t, { 'X-Forwarded-Proto': 'https' });
      for (const line of [csrf, session]) expectFlags(line, false);
      expect(page.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('ignore X-Forwarded-Proto from a peer outside the trusted proxy list', async () => {
    const t = await TestApp.start({ IPOCKET_TRUST_PROXY: '192.0.2.10, 2001:db8::/32' });
    try {
      const { csrf, session } = await loginCookies(t, { 'X-Forwarded-Proto': 'https' });
      for (const line of [csrf, session]) expectFlags(line, false);
    } finally {
      await t.close();
    }
  });
});

describe('request body limits', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_IMPORT_MAX_BYTES: '4096' });
    editor = await t.tokenFor(Role.Editor);
  });
  afterAll(() => t.close());

  it('refuses a JSON API body over 1 MiB with 413 and a detail, and reads one under it', async () => {
    const before = await inventoryCounts(t);
    const big = await t.http.post('/vendors').set(bearer(editor)).send({ name: 'x'.repeat(BODY_LIMITS.json + 1) });
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/too large/i);
    // Larger than a form may be, smaller than the JSON limit: parsed, then refused by validation instead.
    const medium = await t.http.post('/vendors').set(bearer(editor)).send({ name: 'x'.repeat(BODY_LIMITS.form * 2) });
    expect(medium.status).toBe(422);
    expect(await inventoryCounts(t)).toEqual(before);
  });

  it('refuses a form body over 256 KiB with 413 and a detail, before any login check', async () => {
    const form = `username=alice&password=${'x'.repeat(BODY_LIMITS.form)}`;
    const res = await t.http.post('/ui/login').type('form').send(form);
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/too large/i);
    const session = await UiSession.login(t, Role.Editor);
    const before = await inventoryCounts(t);
    const page = await session.post('/ui/hosts', { name: 'big-host', notes: 'n'.repeat(BODY_LIMITS.form) });
    expect(page.status).toBe(413);
    expect(await inventoryCounts(t)).toEqual(before);
    // A browser gets the error page, not JSON.
    const browser = await t.http.post('/ui/login').set('Accept', 'text/html,application/xhtml+xml').type('form').send(form);
    expect(browser.status).toBe(413);
    expect(browser.headers['content-type']).toMatch(/^text\/html/);
    expect(browser.text).toContain('Request body is too large (limit 262144 bytes).');
  });

  it('caps each import upload at IPOCKET_IMPORT_MAX_BYTES with 413, and takes one under it', async () => {
    const before = await inventoryCounts(t);
    const res = await upload(t, editor, '/import/bundle', { file: Buffer.alloc(4097, 0x20) }, '?dry_run=false');
    expect(res.status).toBe(413);
    expect(res.body.detail).toBe('Uploaded file exceeds maximum size of 4096 bytes.');
    const csv = await upload(t, editor, '/import/csv', { ip_assets: `ip_address,type,project_name,host_name,notes,archived\n10.9.0.1,VM,,,${'n'.repeat(3000)},false\n` }, '?dry_run=true');
    expect([csv.status, csv.body.detail]).toEqual([200, undefined]);
    expect(await inventoryCounts(t)).toEqual(before);
  });
});

describe('connector URLs', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
  });
  afterAll(() => t.close());

  const fieldErrors = (res: Response, field: string) => (res.body.detail as { loc: string[] }[]).filter((d) => d.loc.join('.') === `body.${field}`);

  it.each([
    'file:///etc/passwd',
    'ftp://prometheus.example/',
    'javascript:alert(1)',
    'gopher://127.0.0.1:9090/_',
    'data:text/plain,up',
    'http://admin:secret@prometheus.example:9090',
    'https://token@prometheus.example',
    '//prometheus.example:9090',
    'prometheus.example:9090',
    'http://',
  ])('refuses the Prometheus URL %s with 422 and starts no job', async (url) => {
    const res = await t.http.post('/connectors/prometheus/runs').set(bearer(editor)).send({ mode: 'dry-run', prometheus_url: url, query: 'up' });
    expect(res.status).toBe(422);
    expect(fieldErrors(res, 'prometheus_url')).toHaveLength(1);
    const jobs = await t.http.get('/connectors/jobs').set(bearer(editor)).expect(200);
    expect(jobs.headers['x-total-count']).toBe('0');
  });

  it.each([
    'file:///etc/passwd',
    'ftp://vcenter.example',
    'javascript:alert(1)',
    'gopher://vcenter.example',
    'https://root:secret@vcenter.example',
    'vcenter.example/sdk',
    'vcenter.example?x=1',
    'vcenter example',
    'vcenter\t.example',
    '../../etc/passwd',
    'vcenter.example:443',
  ])('refuses the vCenter server %j with 422 and starts no job', async (server) => {
    const res = await t.http.post('/connectors/vcenter/runs').set(bearer(editor)).send({ mode: 'dry-run', server, username: 'u', password: 'p' });
    expect(res.status).toBe(422);
    expect(fieldErrors(res, 'server')).toHaveLength(1);
    const jobs = await t.http.get('/connectors/jobs').set(bearer(editor)).expect(200);
    expect(jobs.headers['x-total-count']).toBe('0');
  });
});
