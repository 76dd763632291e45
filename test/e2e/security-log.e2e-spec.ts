import { Logger } from '@nestjs/common';
import { Role } from '../../src/common/actor';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';
import { UiSession } from '../support/ui-support';

// Eleven failed logins go through bcrypt before the throttle answers.
jest.setTimeout(60_000);

/** Every failed login and every 403 leaves a warning with user, client address, method and route (issue #10). */
describe.each([
  ['directly', {}, {}, /^(::ffff:)?127\.0\.0\.1$|^::1$/],
  ['behind a trusted proxy', { IPOCKET_TRUST_PROXY: 'loopback' }, { 'X-Forwarded-For': '203.0.113.7' }, /^203\.0\.113\.7$/],
  ['behind an untrusted proxy', {}, { 'X-Forwarded-For': '203.0.113.7' }, /^(::ffff:)?127\.0\.0\.1$|^::1$/],
] as const)('security log %s', (_, env, headers, client) => {
  let t: TestApp;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    t = await TestApp.start(env);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => warn.mockRestore());

  /** The warnings of the Security logger, parsed into their fields. */
  function securityLines(): { event: string; user: string; client: string; method: string; route: string; line: string }[] {
    return warn.mock.calls
      .map((call, i) => ({ line: String(call[0]), context: (warn.mock.contexts[i] as { context?: string } | undefined)?.context }))
      .filter((entry) => entry.context === 'Security')
      .map(({ line }) => {
        const match = /^(.*) user=("(?:[^"\\]|\\.)*"|anonymous) client=(\S+) ([A-Z]+) (\S+)$/.exec(line);
        if (!match) throw new Error(`unparseable security log line: ${line}`);
        return { event: match[1], user: match[2] === 'anonymous' ? 'anonymous' : (JSON.parse(match[2]) as string), client: match[3], method: match[4], route: match[5], line };
      });
  }

  it('logs a failed API login with the username, never the password', async () => {
    await t.http.post('/login').set(headers).send({ username: 'mallory', password: 'hunter2-secret' }).expect(401);
    const lines = securityLines();
    expect(lines).toEqual([expect.objectContaining({ event: 'Failed login', user: 'mallory', method: 'POST', route: '/login' })]);
    expect(lines[0].client).toMatch(client);
    expect(lines[0].line).not.toContain('hunter2');
  });

  it('logs a failed UI login, also one with a missing password', async () => {
    const session = new UiSession(t);
    await session.get('/ui/login', headers);
    expect((await session.post('/ui/login', { username: ' eve ', password: 'wrong-password' }, headers)).status).toBe(401);
    expect((await session.post('/ui/login', { username: 'trudy' }, headers)).status).toBe(401);
    const lines = securityLines();
    expect(lines.map((l) => [l.event, l.user, l.method, l.route])).toEqual([
      ['Failed login', 'eve', 'POST', '/ui/login'],
      ['Failed login', 'trudy', 'POST', '/ui/login'],
    ]);
    for (const line of lines) expect(line.client).toMatch(client);
    expect(lines.map((l) => l.line).join('\n')).not.toContain('wrong-password');
  });

  it('logs throttled logins (429 with Retry-After)', async () => {
    const name = `victim-${Math.random().toString(36).slice(2, 8)}`;
    await t.users.create(null, { username: name, password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
    let refused;
    for (let i = 0; i < 11 && !refused; i++) {
      const res = await t.http.post('/login').set(headers).send({ username: name, password: `wrong-${i}` });
      if (res.status === 429) refused = res;
    }
    expect(refused?.headers['retry-after']).toMatch(/^\d+$/);
    const events = securityLines().filter((l) => l.user === name).map((l) => l.event);
    expect(events.filter((e) => e === 'Failed login')).toHaveLength(10);
    expect(events[events.length - 1]).toMatch(/^Login throttled \(retry in \d+s\)$/);
  });

  it('logs a JSON API 403 with the user', async () => {
    const viewer = await t.tokenFor(Role.Viewer, 'log-viewer');
    await t.http.post('/vendors').set(headers).set(bearer(viewer)).send({ name: 'Acme' }).expect(403);
    const lines = securityLines();
    expect(lines).toEqual([expect.objectContaining({ event: 'Forbidden (403)', user: 'log-viewer', method: 'POST', route: '/vendors' })]);
    expect(lines[0].client).toMatch(client);
    // The token is not in the line (nor is the query string).
    expect(lines[0].line).not.toContain(viewer);
  });

  it('logs UI 403s: a missing CSRF token, a role refusal, and a refusal the page renders itself', async () => {
    const session = await UiSession.login(t, Role.Viewer, 'log-ui-viewer');
    warn.mockClear();
    expect((await session.post('/ui/hosts', { name: 'h1', _csrf: '' }, headers)).status).toBe(403);
    expect((await session.post('/ui/hosts', { name: 'h1' }, headers)).status).toBe(403);
    await session.get('/ui/import', headers);
    const apply = await t.http
      .post('/ui/import/bundle')
      .set({ ...headers, Cookie: session.cookieHeader, Accept: 'text/html' })
      .field('_csrf', session.csrf)
      .field('mode', 'apply')
      .attach('bundle_file', Buffer.from('{}'), 'bundle.json');
    expect(apply.status).toBe(403);
    const lines = securityLines();
    expect(lines.map((l) => [l.event, l.user, l.method, l.route])).toEqual([
      ['Forbidden (403)', 'log-ui-viewer', 'POST', '/ui/hosts'],
      ['Forbidden (403)', 'log-ui-viewer', 'POST', '/ui/hosts'],
      ['Forbidden (403)', 'log-ui-viewer', 'POST', '/ui/import/bundle'],
    ]);
    for (const line of lines) expect(line.client).toMatch(client);
  });

  it('quotes a hostile username so it cannot forge a log line or a field', async () => {
    await t.http.post('/login').set(headers).send({ username: 'x" client=10.0.0.1\nFailed login user="admin', password: 'p' }).expect(401);
    const [line] = securityLines();
    expect(line.line).not.toContain('\n');
    expect(line.user).toBe('x" client=10.0.0.1\nFailed login user="admin');
    expect(line.client).toMatch(client);
  });
});
