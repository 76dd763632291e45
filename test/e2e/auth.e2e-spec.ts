import { Role } from '../../src/common/actor';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';

describe('login, tokens and users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('issues a 43-character bearer token and refuses wrong passwords with the same 401', async () => {
    await t.users.create(null, { username: 'alice', password: TEST_PASSWORD, role: Role.Editor, is_active: true });
    const ok = await t.http.post('/login').send({ username: 'alice', password: TEST_PASSWORD }).expect(200);
    expect(ok.body.token_type).toBe('bearer');
    expect(ok.body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bad = await t.http.post('/login').send({ username: 'alice', password: 'wrong-password' }).expect(401);
    expect(bad.body).toEqual({ detail: 'Unauthorized' });
    await t.http.post('/login').send({ username: 'nobody', password: 'x' }).expect(401);
  });

  it('revokes the token on POST /logout', async () => {
    const token = await t.tokenFor(Role.Viewer);
    await t.http.get('/audit-log').set(bearer(token)).expect(200);
    await t.http.post('/logout').set(bearer(token)).expect(204);
    await t.http.get('/audit-log').set(bearer(token)).expect(401);
  });

  it('lets an Admin manage users and protects the last active Admin', async () => {
    const admin = await t.tokenFor(Role.Admin, 'root');
    const created = await t.http.post('/users').set(bearer(admin)).send({ username: 'bob', password: 'bob-password', role: 'Viewer' }).expect(200);
    expect(created.body).toEqual({ id: expect.any(Number), username: 'bob', role: 'Viewer', is_active: true });
    await t.http.post('/users').set(bearer(admin)).send({ username: 'bob', password: 'bob-password', role: 'Viewer' }).expect(409);
    const me = (await t.http.get('/users').set(bearer(admin)).expect(200)).body.find((u: { username: string }) => u.username === 'root');
    const demote = await t.http.patch(`/users/${me.id}`).set(bearer(admin)).send({ role: 'Editor' }).expect(409);
    expect(demote.body.detail).toMatch(/last active Admin/);
    const audit = await t.http.get('/audit-log?target_type=USER&target_label=bob').set(bearer(admin)).expect(200);
    expect(audit.body[0]).toMatchObject({ action: 'CREATE', username: 'root', changes: 'Created user (role=Viewer, is_active=1)' });
  });
});
