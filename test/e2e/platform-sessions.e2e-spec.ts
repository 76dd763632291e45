import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditLog } from '../../src/audit/audit-log.entity';
import { Role } from '../../src/common/actor';
import { nowText } from '../../src/infra/database/timestamps';
import { Session } from '../../src/users/session.entity';
import { hashToken } from '../../src/users/sessions.service';
import { User } from '../../src/users/user.entity';
import { bearer, TEST_PASSWORD, TestApp } from '../support/test-app';

// bcrypt in pure JavaScript: dozens of hashes take long on a busy CI machine.
jest.setTimeout(120_000);

const hoursAgo = (hours: number) => nowText(new Date(Date.now() - hours * 3_600_000));

describe('sessions, passwords and users', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_SESSION_TTL_HOURS: '1' });
    admin = await t.tokenFor(Role.Admin, 'sess-admin');
  });
  afterAll(() => t.close());

  const login = (username: string, password = TEST_PASSWORD) => t.http.post('/login').send({ username, password });
  const tokenOf = async (username: string, password = TEST_PASSWORD) => (await login(username, password).expect(200)).body.access_token as string;
  const setLastUsed = (token: string, when: string) =>
    t.db.transaction((em) => em.update(Session, { tokenHash: hashToken(token) }, { lastUsedAt: when }));
  const sessionRow = (token: string) => t.db.reader.findOneBy(Session, { tokenHash: hashToken(token) });
  const userNamed = async (username: string) => (await t.users.findByUsername(username))!;

  it('stores only the SHA-256 of a token', async () => {
    const token = await t.tokenFor(Role.Viewer, 'sess-hash');
    const rows = await t.db.reader.find(Session, { where: { userId: (await userNamed('sess-hash')).id } });
    expect(rows.map((r) => r.tokenHash)).toEqual([createHash('sha256').update(token).digest('hex')]);
  });

  it('expires a session after IPOCKET_SESSION_TTL_HOURS without use, and refreshes an active one', async () => {
    const stale = await t.tokenFor(Role.Viewer, 'sess-ttl');
    const active = await tokenOf('sess-ttl');
    await setLastUsed(stale, hoursAgo(2));
    const thirtyMinutesAgo = hoursAgo(0.5);
    await setLastUsed(active, thirtyMinutesAgo);

    expect((await t.http.get('/audit-log').set(bearer(stale)).expect(401)).body).toEqual({ detail: 'Unauthorized' });
    expect(await sessionRow(stale)).toBeNull();
    await t.http.get('/audit-log').set(bearer(active)).expect(200);
    expect((await sessionRow(active))!.lastUsedAt > thirtyMinutesAgo).toBe(true);
  });

  it('revokes the other sessions on a password change but keeps the current one', async () => {
    const current = await t.tokenFor(Role.Viewer, 'sess-change');
    const other = await tokenOf('sess-change');
    const wrong = await t.http.post('/account/password').set(bearer(current)).send({ current_password: 'not-it-at-all', new_password: 'brand-new-pass' }).expect(422);
    expect(wrong.body).toEqual({ detail: 'Current password is incorrect.' });
    await t.http.get('/audit-log').set(bearer(other)).expect(200);

    await t.http.post('/account/password').set(bearer(current)).send({ current_password: TEST_PASSWORD, new_password: 'brand-new-pass' }).expect(204);
    await t.http.get('/audit-log').set(bearer(current)).expect(200);
    await t.http.get('/audit-log').set(bearer(other)).expect(401);
    await login('sess-change').expect(401);
    await login('sess-change', 'brand-new-pass').expect(200);
    const audit = await t.http.get('/audit-log?target_label=sess-change&action=UPDATE').set(bearer(admin)).expect(200);
    expect(audit.body[0]).toMatchObject({ username: 'sess-change', changes: 'password: self-service rotated' });
  });

  it('revokes every session of a user when an Admin resets the password', async () => {
    const first = await t.tokenFor(Role.Editor, 'sess-reset');
    const second = await tokenOf('sess-reset');
    const { id } = await userNamed('sess-reset');
    await t.http.patch(`/users/${id}`).set(bearer(admin)).send({ password: 'reset-by-admin' }).expect(200);
    await t.http.get('/audit-log').set(bearer(first)).expect(401);
    await t.http.get('/audit-log').set(bearer(second)).expect(401);
    await t.http.get('/audit-log').set(bearer(admin)).expect(200);
    await login('sess-reset', 'reset-by-admin').expect(200);
  });

  it('refuses a deactivated user’s token and login, and does not revive old tokens on reactivation', async () => {
    const token = await t.tokenFor(Role.Editor, 'sess-off');
    const { id } = await userNamed('sess-off');
    await t.http.patch(`/users/${id}`).set(bearer(admin)).send({ is_active: false }).expect(200);
    expect((await t.http.get('/audit-log').set(bearer(token)).expect(401)).body).toEqual({ detail: 'Unauthorized' });
    expect((await login('sess-off').expect(401)).body).toEqual({ detail: 'Unauthorized' });
    await t.http.patch(`/users/${id}`).set(bearer(admin)).send({ is_active: true }).expect(200);
    await t.http.get('/audit-log').set(bearer(token)).expect(401);
    await login('sess-off').expect(200);
  });

  it('upgrades a legacy SHA-256 password hash to bcrypt on login', async () => {
    const legacy = createHash('sha256').update('legacy-password').digest('hex');
    const now = nowText();
    await t.db.transaction((em) => em.insert(User, { username: 'sess-legacy', hashedPassword: legacy, role: Role.Viewer, isActive: true, createdAt: now, updatedAt: now }));
    await login('sess-legacy', 'wrong-password').expect(401);
    expect((await userNamed('sess-legacy')).hashedPassword).toBe(legacy);

    await login('sess-legacy', 'legacy-password').expect(200);
    expect((await userNamed('sess-legacy')).hashedPassword).toMatch(/^\$2[aby]\$/);
    await login('sess-legacy', 'legacy-password').expect(200);
  });

  it('treats a malformed stored hash as a failed login, not an error', async () => {
    const now = nowText();
    await t.db.transaction((em) => em.insert(User, { username: 'sess-broken', hashedPassword: 'not-a-hash', role: Role.Viewer, isActive: true, createdAt: now, updatedAt: now }));
    expect((await login('sess-broken', 'anything').expect(401)).body).toEqual({ detail: 'Unauthorized' });
  });

  it('skips audit rows for no-op updates and keeps the actor name after the actor is deleted (U1, U2)', async () => {
    const editorAdmin = await t.tokenFor(Role.Admin, 'sess-doomed');
    const target = await t.users.create(null, { username: 'sess-target', password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
    const count = () => t.db.reader.countBy(AuditLog, { targetId: target.id, targetType: 'USER' });
    const before = await count();
    await t.http.patch(`/users/${target.id}`).set(bearer(editorAdmin)).send({ role: 'Viewer', is_active: true }).expect(200);
    expect(await count()).toBe(before);
    await t.http.patch(`/users/${target.id}`).set(bearer(editorAdmin)).send({ role: 'Editor' }).expect(200);
    expect(await count()).toBe(before + 1);

    const doomed = await userNamed('sess-doomed');
    await t.http.delete(`/users/${doomed.id}`).set(bearer(admin)).expect(204);
    const rows = await t.http.get(`/audit-log?target_label=sess-target&action=UPDATE`).set(bearer(admin)).expect(200);
    expect(rows.body[0]).toMatchObject({ user_id: null, username: 'sess-doomed', changes: 'role: Viewer -> Editor' });
  });

  it('logs in through the UI form with a signed cookie that also authorises API reads', async () => {
    await t.users.create(null, { username: 'sess-ui', password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
    // The login form is CSRF-protected (decision A6): post back the nonce cookie and the form's token.
    const page = await t.http.get('/ui/login').expect(200);
    const csrfCookie = ((page.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).filter((c) => c.startsWith('ipocket_csrf='));
    const csrfField = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const form = (fields: Record<string, string>) =>
      t.http.post('/ui/login').set('Cookie', csrfCookie).type('form').send({ ...fields, ...(csrfField ? { _csrf: csrfField } : {}) });
    const res = await form({ username: ' sess-ui ', password: TEST_PASSWORD, return_to: '//evil.example/' }).expect(303);
    expect(res.headers.location).toBe('/ui/ip-assets');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ipocket_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    const value = cookie.split(';')[0];
    await t.http.get('/audit-log').set('Cookie', value).expect(200);
    await t.http.get('/audit-log').set('Cookie', `${value.slice(0, -2)}00`).expect(401);
    await form({ username: 'sess-ui', password: 'wrong-password' }).expect(401);
  });
});

describe('the first administrator', () => {
  it('is created from ADMIN_BOOTSTRAP_USERNAME/PASSWORD on an empty user table, once', async () => {
    const t = await TestApp.start({ ADMIN_BOOTSTRAP_USERNAME: 'boot', ADMIN_BOOTSTRAP_PASSWORD: 'boot-password-1' });
    try {
      await t.users.ensureInitialAdmin();
      const res = await t.http.post('/login').send({ username: 'boot', password: 'boot-password-1' }).expect(200);
      await t.http.get('/users').set(bearer(res.body.access_token)).expect(200);
      await t.http.patch(`/users/${(await t.users.findByUsername('boot'))!.id}`).set(bearer(res.body.access_token)).send({ password: 'changed-password' }).expect(200);
      // A restart must not reset the changed password from the environment.
      await t.users.ensureInitialAdmin();
      expect(await t.db.reader.count(User)).toBe(1);
      await t.http.post('/login').send({ username: 'boot', password: 'boot-password-1' }).expect(401);
    } finally {
      await t.close();
    }
  });

  it('is "admin" with a random password printed once when no bootstrap variables are set', async () => {
    const t = await TestApp.start();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await t.users.ensureInitialAdmin();
      const message = warn.mock.calls.map((c) => String(c[0])).find((m) => m.includes('created user "admin"'))!;
      const password = /password "([^"]+)"/.exec(message)![1];
      expect(password.length).toBeGreaterThanOrEqual(16);
      const res = await t.http.post('/login').send({ username: 'admin', password }).expect(200);
      await t.http.get('/users').set(bearer(res.body.access_token)).expect(200);

      warn.mockClear();
      await t.users.ensureInitialAdmin();
      expect(warn.mock.calls.some((c) => String(c[0]).includes('created user'))).toBe(false);
      expect(await t.db.reader.count(User)).toBe(1);
    } finally {
      warn.mockRestore();
      await t.close();
    }
  });
});
