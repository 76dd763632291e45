import { SessionCookie } from '../../src/auth/session-cookie';
import { Role } from '../../src/common/actor';
import { SessionsService } from '../../src/users/sessions.service';
import { concretePath, describeRoute } from '../support/platform-routes';
import { stateChangingRoutes } from '../support/security-routes';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

// Every state-changing route of every module, three requests each.
jest.setTimeout(180_000);

/**
 * Decision A6: every state-changing request a browser can make with the session cookie carries a CSRF token
 * or is refused with 403; found by enumerating the routes Nest registered, so a new form cannot slip through.
 */
describe('CSRF on every cookie-authenticated write', () => {
  let t: TestApp;
  let adminId: number;
  /** The CSRF pairs of two browsers, as the login page hands them out: nonce cookie + form token. */
  const browsers: { cookie: string; token: string }[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    adminId = (await t.users.create(null, { username: 'csrf-admin', password: TEST_PASSWORD, role: Role.Admin, is_active: true })).id;
    for (let i = 0; i < 2; i++) {
      const page = await t.http.get('/ui/login').expect(200);
      const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
      const cookie = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('ipocket_csrf=')) ?? '';
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      expect([cookie, token].every(Boolean)).toBe(true);
      browsers.push({ cookie, token });
    }
  });
  afterAll(() => t.close());

  /** A fresh Admin session per request: some routes (logout, delete) end the session they are called with. */
  async function sessionCookie(): Promise<string> {
    const token = await t.db.transaction((em) => t.app.get(SessionsService).create(em, adminId));
    return `ipocket_session=${t.app.get(SessionCookie).sign(token)}`;
  }

  async function send(method: string, path: string, headers: Record<string, string>) {
    const verb = method.toLowerCase() as 'post';
    return t.http[verb](concretePath(path)).set({ Accept: 'text/html', ...headers }).type('form').send('field=value');
  }

  it('finds the UI forms and the login form among the cookie-authenticated writes', () => {
    const { cookie } = stateChangingRoutes(t.app);
    const names = cookie.map(describeRoute);
    expect(names).toEqual(expect.arrayContaining(['POST /ui/login', 'POST /ui/logout', 'POST /ui/ip-assets/new', 'POST /ui/hosts', 'POST /ui/users']));
    expect(cookie.length).toBeGreaterThan(30);
  });

  it('refuses each of them with 403 without a token or with another browser’s token, and accepts the page’s token', async () => {
    const problems: string[] = [];
    for (const route of stateChangingRoutes(t.app).cookie) {
      const [mine, other] = browsers;
      const noToken = await send(route.method, route.path, { Cookie: `${await sessionCookie()}; ${mine.cookie}` });
      if (noToken.status !== 403) problems.push(`${describeRoute(route)} without a token: ${noToken.status}`);
      const foreign = await send(route.method, route.path, { Cookie: `${await sessionCookie()}; ${mine.cookie}`, 'X-CSRF-Token': other.token });
      if (foreign.status !== 403) problems.push(`${describeRoute(route)} with another browser's token: ${foreign.status}`);
      const valid = await send(route.method, route.path, { Cookie: `${await sessionCookie()}; ${mine.cookie}`, 'X-CSRF-Token': mine.token });
      const toLogin = valid.status === 303 && String(valid.headers.location).startsWith('/ui/login?');
      if (valid.status === 403 || valid.status >= 500 || toLogin) problems.push(`${describeRoute(route)} with the page's token: ${valid.status} ${valid.text.slice(0, 80)}`);
    }
    expect(problems).toEqual([]);
  });

  it('never lets the session cookie authenticate any other write (those need the bearer token)', async () => {
    const problems: string[] = [];
    const [mine] = browsers;
    for (const route of stateChangingRoutes(t.app).bearer) {
      const res = await t.http[route.method.toLowerCase() as 'post'](concretePath(route.path))
        .set({ Cookie: `${await sessionCookie()}; ${mine.cookie}`, 'X-CSRF-Token': mine.token })
        .send({});
      // 401: the guard saw no credentials, whatever the cookie and the token say.
      if (res.status !== 401) problems.push(`${describeRoute(route)}: ${res.status} ${res.text.slice(0, 80)}`);
    }
    expect(problems).toEqual([]);
    expect(stateChangingRoutes(t.app).bearer.length).toBeGreaterThan(20);
  });
});
