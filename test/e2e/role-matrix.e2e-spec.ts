import { Role, roleAtLeast } from '../../src/common/actor';
import type { AccessRule } from '../../src/common/decorators/access.decorator';
import { SessionCookie } from '../../src/auth/session-cookie';
import { nowText } from '../../src/infra/database/timestamps';
import { Session } from '../../src/users/session.entity';
import { SessionsService } from '../../src/users/sessions.service';
import { User } from '../../src/users/user.entity';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';
import { concretePath, describeRoute, expressRoutes, RegisteredRoute, registeredRoutes } from '../support/platform-routes';

type Identity = 'anonymous' | 'Viewer' | 'Editor' | 'Admin' | 'deactivated' | 'expired' | 'revoked';
const IDENTITIES: Identity[] = ['anonymous', 'Viewer', 'Editor', 'Admin', 'deactivated', 'expired', 'revoked'];
const ROLE_OF: Partial<Record<Identity, Role>> = { Viewer: Role.Viewer, Editor: Role.Editor, Admin: Role.Admin };

/** What the documented rules (api.md §1, decisions A1/A2) promise for one route and one caller. */
function expectedOutcome(rule: AccessRule, identity: Identity, publicRead: boolean): 'allowed' | 401 | 403 {
  if (rule.kind === 'public') return 'allowed';
  const role = ROLE_OF[identity];
  if (!role) return rule.kind === 'read' && publicRead ? 'allowed' : 401;
  const required = rule.kind === 'read' ? Role.Viewer : rule.role;
  return roleAtLeast(role, required) ? 'allowed' : 403;
}

/** The platform's routes and the access api.md §1 and decisions A1/A2 document for them. */
const PLATFORM_ROUTES: Record<string, AccessRule> = {
  'GET /health': { kind: 'public' },
  'POST /login': { kind: 'public' },
  'POST /logout': { kind: 'role', role: Role.Viewer },
  'GET /users': { kind: 'role', role: Role.Admin },
  'POST /users': { kind: 'role', role: Role.Admin },
  'PATCH /users/:id': { kind: 'role', role: Role.Admin },
  'DELETE /users/:id': { kind: 'role', role: Role.Admin },
  'POST /account/password': { kind: 'role', role: Role.Viewer },
  'GET /audit-log': { kind: 'role', role: Role.Viewer },
  'GET /ui/login': { kind: 'public' },
  'POST /ui/login': { kind: 'public' },
  'POST /ui/logout': { kind: 'public' },
};

/**
 * UI pages and forms (ui.md §1.1, decision A6) authenticate with the session cookie, post with a CSRF token,
 * and answer a missing login with 303 to the login page instead of a JSON 401.
 */
const isUiRoute = (path: string) => path === '/' || path === '/ui' || path.startsWith('/ui/');

/** Swagger UI and the OpenAPI document are mounted on Express directly, outside any controller (always public). */
const isSwaggerRoute = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/openapi.');

// Hundreds of requests: every route of every module, seven callers, both settings.
jest.setTimeout(300_000);

describe.each([false, true])('role matrix with IPOCKET_PUBLIC_READ=%s', (publicRead) => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  const userIds: Partial<Record<Identity, number>> = {};
  let revokedToken: string;
  let csrf: { cookie: string; token: string };

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_PUBLIC_READ: String(publicRead) });
    routes = registeredRoutes(t.app);
    // The Admin is created first, so a dummy id of a destructive route never hits the callers themselves.
    for (const identity of ['Admin', 'Viewer', 'Editor', 'deactivated', 'expired', 'revoked'] as Identity[]) {
      const role = ROLE_OF[identity] ?? Role.Admin;
      const user = await t.users.create(null, { username: `matrix-${identity.toLowerCase()}`, password: TEST_PASSWORD, role, is_active: true });
      userIds[identity] = user.id;
    }
    // A deactivated Admin: its role would allow everything, so only the deactivation can explain a refusal.
    await t.db.transaction((em) => em.update(User, { id: userIds.deactivated }, { isActive: false }));
    const login = await t.http.post('/login').send({ username: 'matrix-revoked', password: TEST_PASSWORD }).expect(200);
    revokedToken = login.body.access_token;
    await t.http.post('/logout').set(bearer(revokedToken)).expect(204);
    // A browser's CSRF pair, as the login form hands it out: the nonce cookie and the form token.
    const page = await t.http.get('/ui/login').expect(200);
    const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const nonce = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('ipocket_csrf=')) ?? '';
    csrf = { cookie: nonce, token: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '' };
  });
  afterAll(() => t.close());

  /** Bearer for the API; for UI routes the signed session cookie plus the CSRF pair, as a browser sends them. */
  async function headersFor(identity: Identity, ui: boolean): Promise<Record<string, string>> {
    const token = await tokenFor(identity);
    if (!ui) return token ? bearer(token) : {};
    const cookies = [csrf.cookie, token ? `ipocket_session=${t.app.get(SessionCookie).sign(token)}` : ''].filter(Boolean);
    return { ...(cookies.length ? { Cookie: cookies.join('; ') } : {}), 'X-CSRF-Token': csrf.token };
  }

  /** A fresh token per request: routes like POST /logout revoke the token they are called with. */
  async function tokenFor(identity: Identity): Promise<string | null> {
    if (identity === 'anonymous') return null;
    if (identity === 'revoked') return revokedToken;
    const sessions = t.app.get(SessionsService);
    const token = await t.db.transaction((em) => sessions.create(em, userIds[identity]!));
    if (identity === 'expired') {
      const longAgo = nowText(new Date(Date.now() - (t.config.sessionTtlHours + 1) * 3_600_000));
      await t.db.transaction((em) => em.createQueryBuilder().update(Session).set({ lastUsedAt: longAgo }).where('user_id = :id', { id: userIds.expired }).execute());
    }
    return token;
  }

  it('enumerates every route Express serves, including the platform routes with their documented access', () => {
    const found = new Map(routes.map((r) => [describeRoute(r), r.rule]));
    for (const [known, rule] of Object.entries(PLATFORM_ROUTES)) expect([known, found.get(known)]).toEqual([known, rule]);
    const missing = expressRoutes(t.app)
      .filter((r) => !isSwaggerRoute(r.path))
      .map(describeRoute)
      .filter((r) => !found.has(r));
    expect(missing).toEqual([]);
  });

  it('never opens a state-changing route to anonymous callers through IPOCKET_PUBLIC_READ', () => {
    const openWrites = routes.filter((r) => r.rule.kind === 'read' && !['GET', 'HEAD'].includes(r.method)).map(describeRoute);
    expect(openWrites).toEqual([]);
  });

  /** Sends one request as `identity` and says what is wrong with the answer, or null when it is as documented. */
  async function mismatch(route: RegisteredRoute, identity: Identity): Promise<string | null> {
    const expected = expectedOutcome(route.rule, identity, publicRead);
    const method = (route.method === 'ALL' ? 'get' : route.method.toLowerCase()) as 'get';
    const ui = isUiRoute(route.path);
    const res = await t.http[method](concretePath(route.path))
      .set(await headersFor(identity, ui))
      .send({});
    const where = `${describeRoute(route)} as ${identity} (rule ${JSON.stringify(route.rule)})`;
    const got = `${res.status} ${res.headers.location ?? ''} ${res.text.slice(0, 120)}`;
    const toLogin = res.status === 303 && String(res.headers.location).startsWith('/ui/login?return_to=');
    if (expected === 401) {
      const ok = ui ? toLogin : res.status === 401 && res.body?.detail === 'Unauthorized';
      return ok ? null : `${where}: expected ${ui ? '303 to the login page' : '401 Unauthorized'}, got ${got}`;
    }
    if (expected === 403) {
      const ok = res.status === 403 && (ui || res.body?.detail === 'Forbidden');
      return ok ? null : `${where}: expected 403 Forbidden, got ${got}`;
    }
    // A public login form may answer its own 401 page for missing credentials; the guard's JSON 401 never.
    const ownLoginFailure = route.rule.kind === 'public' && res.status === 401 && res.type === 'text/html';
    const refused = res.status === 403 || (res.status === 401 && !ownLoginFailure) || (toLogin && route.rule.kind !== 'public');
    return refused || res.status >= 500 ? `${where}: expected to pass the guard, got ${got}` : null;
  }

  it('answers every route × identity with the documented status', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      // The callers of one route in parallel; routes one after another, so their side effects do not mix.
      const results = await Promise.all(IDENTITIES.map((identity) => mismatch(route, identity)));
      failures.push(...results.filter((f): f is string => f !== null));
    }
    expect(failures).toEqual([]);
  });
});
