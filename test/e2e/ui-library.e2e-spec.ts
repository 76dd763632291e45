import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { toastsOf, UiSession } from '../support/ui-support';

describe('UI: Library (projects, tags, vendors)', () => {
  let t: TestApp;
  let editor: UiSession;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(Role.Editor);
    editor = await UiSession.login(t, Role.Editor);
  });
  afterAll(() => t.close());

  const api = async (path: string) => (await t.http.get(path).set(bearer(token))).body as Array<{ id: number; name: string; color?: string; description?: string | null }>;
  const byName = async (path: string, name: string) => (await api(path)).find((x) => x.name === name)!;

  it('renders the three tabs with their titles, and a random colour suggestion for new tags', async () => {
    const projects = await editor.get('/ui/projects');
    expect(projects.text).toContain('<title>ipocket - Projects</title>');
    expect(projects.text).toContain('No projects yet.');
    expect(projects.text).toContain('data-library-page');
    const tags = await editor.get('/ui/tags');
    expect(tags.text).toContain('<title>ipocket - Tags</title>');
    const colors = [tags.text, (await editor.get('/ui/projects?tab=tags')).text].map((html) => /id="tag-create"[\s\S]*?name="color" value="(#[0-9a-f]{6})"/.exec(html)?.[1]);
    expect(colors[0]).toMatch(/^#[0-9a-f]{6}$/);
    expect(colors[1]).toMatch(/^#[0-9a-f]{6}$/);
    expect((await editor.get('/ui/vendors')).text).toContain('<title>ipocket - Vendors</title>');
    expect((await editor.get('/ui/projects?tab=nonsense')).text).toContain('<title>ipocket - Projects</title>');
  });

  it('creates, edits and deletes a project with flashes, validation and 409 on duplicates', async () => {
    const created = await editor.post('/ui/projects', { name: 'payments', description: 'Card flows', color: '#2563EB' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/ui/projects');
    const project = await byName('/projects', 'payments');
    expect(project).toMatchObject({ description: 'Card flows', color: '#2563eb' });
    const page = await editor.get('/ui/projects');
    expect(toastsOf(page.text)).toEqual(['Project created.']);
    expect(page.text).toContain('>payments</span>');

    const bad = await editor.post('/ui/projects', { name: ' ', color: 'blue' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Project name is required.');
    expect(bad.text).toContain('Project color must be a valid hex color (example: #1a2b3c).');
    expect(bad.text).toMatch(/id="project-create"[^>]*data-open="true"/);
    const dup = await editor.post('/ui/projects', { name: 'payments' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('Project name already exists.');

    expect((await editor.post(`/ui/projects/${project.id}/edit`, { name: 'payments-eu', description: '', color: '' })).status).toBe(303);
    expect(await byName('/projects', 'payments-eu')).toMatchObject({ color: '#94a3b8', description: '' });
    expect((await editor.post('/ui/projects/99999/edit', { name: 'x' })).status).toBe(404);

    const open = await editor.get(`/ui/projects?edit=${project.id}`);
    expect(open.text).toMatch(/id="project-edit"[^>]*data-open="true"/);
    expect((await editor.get('/ui/projects?delete=99999')).status).toBe(404);
    expect((await editor.get('/ui/projects?edit=abc')).status).toBe(422);
    const link = await editor.get(`/ui/projects/${project.id}/delete`);
    expect(link.status).toBe(303);
    expect(link.headers.location).toBe(`/ui/projects?delete=${project.id}`);

    const mismatch = await editor.post(`/ui/projects/${project.id}/delete`, { confirm_name: 'payments' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Project name confirmation does not match.');
    expect(mismatch.text).toMatch(/id="project-delete"[^>]*data-open="true"/);
    expect((await editor.post(`/ui/projects/${project.id}/delete`, { confirm_name: 'payments-eu' })).status).toBe(303);
    expect(await api('/projects')).toEqual([]);
    expect(toastsOf((await editor.get('/ui/projects')).text)).toEqual(['Project deleted.']);
  });

  it('creates, edits and deletes tags, normalising names and refusing bad ones', async () => {
    expect((await editor.post('/ui/tags', { name: ' Prod ', color: '#DC2626' })).status).toBe(303);
    const tag = await byName('/tags', 'prod');
    expect(tag.color).toBe('#dc2626');
    const bad = await editor.post('/ui/tags', { name: 'no spaces', color: '#12' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Tag name may include letters, digits, dash, and underscore only.');
    expect(bad.text).toContain('Tag color must be a valid hex color (example: #1a2b3c).');
    expect((await editor.post('/ui/tags', { name: '' })).text).toContain('Tag name is required.');
    expect((await editor.post('/ui/tags', { name: 'PROD' })).status).toBe(409);
    expect((await editor.post(`/ui/tags/${tag.id}/edit`, { name: 'production', color: '' })).headers.location).toBe('/ui/projects?tab=tags');
    expect(await byName('/tags', 'production')).toMatchObject({ color: '#e2e8f0' });
    expect((await editor.get(`/ui/tags/${tag.id}/edit`)).headers.location).toBe(`/ui/projects?tab=tags&edit=${tag.id}`);
    expect((await editor.post(`/ui/tags/${tag.id}/delete`, { confirm_name: 'prod' })).text).toContain('Tag name confirmation does not match.');
    expect((await editor.post(`/ui/tags/${tag.id}/delete`, { confirm_name: 'production' })).status).toBe(303);
    expect(await api('/tags')).toEqual([]);
  });

  it('creates, renames and deletes vendors and counts their IPs', async () => {
    expect((await editor.post('/ui/vendors', { name: 'Dell' })).headers.location).toBe('/ui/projects?tab=vendors');
    const vendor = await byName('/vendors', 'Dell');
    expect((await editor.post('/ui/vendors', { name: '' })).text).toContain('Vendor name is required.');
    const dup = await editor.post('/ui/vendors', { name: 'Dell' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('Vendor name already exists.');
    await t.http.post('/hosts').set(bearer(token)).send({ name: 'node-1', vendor_id: vendor.id }).expect(200);
    const host = (await api('/hosts')).find((h) => h.name === 'node-1')!;
    await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: '10.1.0.1', type: 'OS', host_id: host.id }).expect(200);
    const list = await editor.get('/ui/vendors');
    expect(list.text).toMatch(/data-vendor-row-id="\d+">\s*<td><span class="cell-ellipsis">Dell<\/span><\/td>\s*<td class="num">1<\/td>/);
    expect((await editor.post(`/ui/vendors/${vendor.id}/edit`, { name: 'Dell EMC' })).status).toBe(303);
    expect((await editor.post(`/ui/vendors/${vendor.id}/delete`, { confirm_name: 'Dell' })).text).toContain('Vendor name confirmation does not match.');
    expect((await editor.post(`/ui/vendors/${vendor.id}/delete`, { confirm_name: 'Dell EMC' })).status).toBe(303);
    expect(await api('/vendors')).toEqual([]);
  });

  it('refuses Viewers and missing CSRF tokens, and escapes <script> names', async () => {
    expect((await editor.post('/ui/projects', { name: 'x', _csrf: '' })).status).toBe(403);
    expect((await editor.post('/ui/tags', { name: 'x', _csrf: 'forged' })).status).toBe(403);
    const viewer = await UiSession.login(t, Role.Viewer);
    const page = await viewer.get('/ui/projects');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('data-project-edit=');
    expect(page.text).not.toContain('New Project');
    expect((await viewer.post('/ui/projects', { name: 'x' })).status).toBe(403);
    expect((await viewer.post('/ui/vendors', { name: 'x' })).status).toBe(403);
    expect(await api('/projects')).toEqual([]);
    await editor.post('/ui/projects', { name: '<script>alert(1)</script>', description: '<img src=x onerror=alert(2)>' });
    const list = await editor.get('/ui/projects');
    expect(list.text).not.toContain('<script>alert(1)</script>');
    expect(list.text).not.toContain('<img src=x');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const anonymous = await t.http.get('/ui/projects').set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
  });
});
