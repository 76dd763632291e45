import { User } from '../../src/users/user.entity';
import { nowText } from '../../src/infra/database/timestamps';
import { Role } from '../../src/common/actor';
import { TEST_PASSWORD, TestApp } from '../support/test-app';
import { toastsOf, UiSession } from '../support/ui-support';

describe('UI: users (Admin only)', () => {
  let t: TestApp;
  let admin: UiSession;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await UiSession.login(t, Role.Admin, 'root');
  });
  afterAll(() => t.close());

  const user = (name: string) => t.users.findByUsername(name);

  it('is refused to Editors and Viewers, and the sidebar link is Admin-only', async () => {
    const editor = await UiSession.login(t, Role.Editor);
    expect((await editor.get('/ui/users')).status).toBe(403);
    expect((await editor.get('/ui/management')).text).not.toContain('href="/ui/users"');
    expect((await editor.post('/ui/users', { username: 'x', password: 'longenough' })).status).toBe(403);
    expect((await t.http.get('/ui/users').set('Accept', 'text/html')).status).toBe(303);
    const page = await admin.get('/ui/users');
    expect(page.text).toContain('<title>ipocket - Users</title>');
    expect(page.text).toContain('href="/ui/users"');
  });

  it('creates users with validation, 409 on duplicates, and never echoes the password', async () => {
    const res = await admin.post('/ui/users', { username: 'carol', password: 'carol-pass-1', role: 'Viewer', is_active: '1' });
    expect(res.status).toBe(303);
    expect(await user('carol')).toMatchObject({ role: 'Viewer', isActive: true });
    expect(toastsOf((await admin.get('/ui/users')).text)).toEqual(['User created.']);
    expect((await admin.post('/ui/users', { username: 'dave', password: 'dave-pass-1', can_edit: '1' })).status).toBe(303);
    expect(await user('dave')).toMatchObject({ role: 'Editor', isActive: false });

    const bad = await admin.post('/ui/users', { username: '', password: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Username is required.');
    expect(bad.text).toContain('Password is required.');
    const short = await admin.post('/ui/users', { username: 'bad name', password: 'short' });
    expect(short.text).toContain('Username may use 1 to 64 letters, digits, dot, dash, underscore and @.');
    expect(short.text).toContain('Password must be at least 8 characters.');
    const dup = await admin.post('/ui/users', { username: 'carol', password: 'secret-pass-9' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('Username already exists.');
    expect(dup.text).not.toContain('secret-pass-9');
    expect(dup.text).toMatch(/id="user-create"[^>]*data-open="true"/);
  });

  it('edits role, activation and password; protects the last active Admin', async () => {
    const carol = (await user('carol'))!;
    expect((await admin.post(`/ui/users/${carol.id}/edit`, { role: 'Editor', is_active: '1', password: 'carol-new-pass' })).status).toBe(303);
    expect(await user('carol')).toMatchObject({ role: 'Editor' });
    expect(await t.users.verifyCredentials('carol', 'carol-new-pass')).toBeTruthy();
    expect((await admin.post(`/ui/users/${carol.id}/edit`, { role: 'Editor', is_active: '1', password: 'short' })).text).toContain('Password must be at least 8 characters.');
    expect((await admin.post(`/ui/users/${carol.id}/edit`, { role: 'Editor' })).status).toBe(303);
    expect((await user('carol'))!.isActive).toBe(false);

    const root = (await user('root'))!;
    const demote = await admin.post(`/ui/users/${root.id}/edit`, { role: 'Editor', is_active: '1' });
    expect(demote.status).toBe(409);
    expect(demote.text).toContain('Cannot demote the last active Admin.');
    const deactivate = await admin.post(`/ui/users/${root.id}/edit`, { role: 'Admin' });
    expect(deactivate.text).toContain('Cannot deactivate the last active Admin.');
    expect(await user('root')).toMatchObject({ role: 'Admin', isActive: true });
    // Editing an Admin with the original's form (no role, can_edit absent) keeps the role (decision UI4).
    expect((await admin.post(`/ui/users/${root.id}/edit`, { is_active: '1' })).status).toBe(303);
    expect(await user('root')).toMatchObject({ role: 'Admin', isActive: true });
    expect((await admin.post('/ui/users/9999/edit', { role: 'Viewer' })).status).toBe(404);
  });

  it('deletes with the typed username, collecting every refusal', async () => {
    const root = (await user('root'))!;
    const self = await admin.post(`/ui/users/${root.id}/delete`, { confirm_username: 'wrong' });
    expect(self.status).toBe(400);
    for (const m of ['Username confirmation does not match.', 'You cannot delete your own account.', 'Cannot delete the last active Admin.']) expect(self.text).toContain(m);
    const dave = (await user('dave'))!;
    expect((await admin.post(`/ui/users/${dave.id}/delete`, { confirm_username: 'dav' })).text).toContain('Username confirmation does not match.');
    expect((await admin.post(`/ui/users/${dave.id}/delete`, { confirm_username: 'dave' })).status).toBe(303);
    expect(await user('dave')).toBeNull();
  });

  it('needs the CSRF token and escapes usernames', async () => {
    expect((await admin.post('/ui/users', { username: 'eve', password: TEST_PASSWORD, _csrf: '' })).status).toBe(403);
    expect(await user('eve')).toBeNull();
    // The service refuses such a name now; a database carried over from the original may still hold one.
    await t.db.transaction((em) => em.insert(User, { username: 'x<b>y', hashedPassword: 'legacy', role: Role.Viewer, isActive: true, createdAt: nowText(), updatedAt: nowText() }));
    const page = await admin.get('/ui/users');
    expect(page.text).toContain('x&lt;b&gt;y');
    expect(page.text).not.toContain('x<b>y');
  });
});
