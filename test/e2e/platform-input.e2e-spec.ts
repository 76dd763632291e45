import { Role } from '../../src/common/actor';
import { SessionsService } from '../../src/users/sessions.service';
import { bearer, TestApp } from '../support/test-app';
import { concretePath, describeRoute, registeredRoutes } from '../support/platform-routes';

/** Hostile or clumsy input gets a 4xx with a `detail`, never a 500 (api.md §0, decision E1). */
describe('hostile input', () => {
  let t: TestApp;
  let admin: string;
  const json = { 'Content-Type': 'application/json' };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(() => t.close());

  const expectArrayDetail = (body: { detail?: unknown }) => {
    expect(Array.isArray(body.detail)).toBe(true);
    expect((body.detail as unknown[]).length).toBeGreaterThan(0);
  };

  it('answers malformed JSON with 422 before looking at credentials', async () => {
    const res = await t.http.post('/users').set(json).send('{"username": "x",').expect(422);
    expect(res.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body'] });
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"alice"'],
    ['null', 'null'],
    ['a number', '42'],
  ])('refuses %s as a JSON body with 422', async (_, body) => {
    const res = await t.http.post('/users').set(bearer(admin)).set(json).send(body).expect(422);
    expectArrayDetail(res.body);
  });

  it('refuses a body that is not JSON at all', async () => {
    const res = await t.http.post('/users').set(bearer(admin)).set('Content-Type', 'text/plain').send('username=alice').expect(422);
    expectArrayDetail(res.body);
  });

  it('names each wrong field type', async () => {
    const res = await t.http.post('/users').set(bearer(admin)).send({ username: 5, password: true, role: 'Boss', is_active: 'yes' }).expect(422);
    const locs = (res.body.detail as { loc: string[] }[]).map((d) => d.loc.join('.'));
    expect(locs).toEqual(expect.arrayContaining(['body.username', 'body.password', 'body.role', 'body.is_active']));
  });

  it('refuses unknown fields (the issue asks for it; the original ignored them)', async () => {
    const res = await t.http.post('/users').set(bearer(admin)).send({ username: 'mallory', password: 'a-long-password', role: 'Viewer', is_superuser: true }).expect(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ type: 'extra_forbidden', loc: ['body', 'is_superuser'] })]);
    expect(await t.users.findByUsername('mallory')).toBeNull();
  });

  it('answers a body over 1 MiB with 413', async () => {
    const res = await t.http.post('/users').set(bearer(admin)).send({ username: 'big', password: 'x'.repeat(1024 * 1024 + 10), role: 'Viewer' }).expect(413);
    expect(res.body.detail).toMatch(/too large/);
  });

  it('answers unknown ids with 404 and non-numeric ids with 422', async () => {
    expect((await t.http.patch('/users/999999').set(bearer(admin)).send({ role: 'Viewer' }).expect(404)).body).toEqual({ detail: 'User not found.' });
    expect((await t.http.delete('/users/999999').set(bearer(admin)).expect(404)).body).toEqual({ detail: 'User not found.' });
    for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999']) {
      const res = await t.http.delete(`/users/${id}`).set(bearer(admin)).expect(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['path', 'id'] });
    }
  });

  it.each(['limit=100000', 'limit=0', 'offset=-1', 'limit=abc', 'since=garbage', 'until=2024-13', 'target_type=NOPE', 'limit[]=5', 'username[a]=b', 'since[]=x'])(
    'refuses the audit-log query %s with 422',
    async (query) => {
      const res = await t.http.get(`/audit-log?${query}`).set(bearer(admin)).expect(422);
      expectArrayDetail(res.body);
      expect(res.body.detail[0].loc[0]).toBe('query');
    },
  );

  it('answers unknown routes with 404 Not Found and odd Authorization headers with 401', async () => {
    expect((await t.http.get('/no-such-route').set(bearer(admin)).expect(404)).body).toEqual({ detail: 'Not Found' });
    for (const header of ['Bearer', 'Bearer ', 'Basic abc', `Bearer  ${'x'.repeat(10)}`, `Bearer ${'x'.repeat(5000)}`, 'Bearer \u00ff']) {
      expect((await t.http.get('/audit-log').set('Authorization', header).expect(401)).body).toEqual({ detail: 'Unauthorized' });
    }
  });

  it('answers 4xx, never 5xx, to broken bodies on every write route of the app', async () => {
    const writes = registeredRoutes(t.app).filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method));
    expect(writes.length).toBeGreaterThan(0);
    const sessions = t.app.get(SessionsService);
    const adminUser = (await t.users.list()).find((u) => u.role === Role.Admin)!;
    const problems: string[] = [];
    for (const route of writes) {
      for (const body of ['{"broken": ', '[]', '"text"', '{"unknown_field_for_test": {"nested": [1, 2]}}']) {
        // A fresh token each time: POST /logout revokes the one it is called with.
        const token = await t.db.transaction((em) => sessions.create(em, adminUser.id));
        const method = route.method.toLowerCase() as 'post';
        const res = await t.http[method](concretePath(route.path)).set(bearer(token)).set(json).send(body);
        const where = `${describeRoute(route)} with ${body}: ${res.status} ${res.text.slice(0, 120)}`;
        if (res.status >= 500) problems.push(where);
        else if (body.startsWith('{"broken') && res.status !== 422) problems.push(where);
        else if (res.status >= 400 && res.type === 'application/json' && res.body?.detail === undefined) problems.push(where);
      }
    }
    expect(problems).toEqual([]);
  });
});
