import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { toastsOf, UiSession } from '../support/ui-support';

describe('UI: hosts pages and forms', () => {
  let t: TestApp;
  let editor: UiSession;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(Role.Editor);
    editor = await UiSession.login(t, Role.Editor);
    await t.http.post('/vendors').set(bearer(token)).send({ name: 'Dell' }).expect(200);
    await t.http.post('/projects').set(bearer(token)).send({ name: 'alpha' }).expect(200);
    await t.http.post('/tags').set(bearer(token)).send({ name: 'rack1' }).expect(200);
  });
  afterAll(() => t.close());

  it('creates a host with OS and BMC addresses, lists and filters it, and shows the detail page', async () => {
    await editor.get('/ui/hosts');
    const vendors = (await t.http.get('/vendors').set(bearer(token))).body as Array<{ id: number }>;
    const projects = (await t.http.get('/projects').set(bearer(token))).body as Array<{ id: number }>;
    const res = await editor.post('/ui/hosts', { name: 'node-01', vendor_id: String(vendors[0].id), project_id: String(projects[0].id), os_ips: '10.9.0.1', bmc_ips: '10.9.1.1', notes: 'rack A' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/ui/hosts');
    const os = (await t.http.get('/ip-assets/10.9.0.1').set(bearer(token))).body;
    expect(os).toMatchObject({ type: 'OS', project_id: projects[0].id, host_id: expect.any(Number) });
    await t.http.patch('/ip-assets/10.9.0.1').set(bearer(token)).send({ tags: ['rack1'] }).expect(200);
    await editor.post('/ui/hosts', { name: 'spare-02', os_ips: '', bmc_ips: '' });

    const list = await editor.get('/ui/hosts');
    expect(toastsOf(list.text)).toEqual(['Host created.', 'Host created.']);
    expect(list.text).toContain('<title>ipocket - Hosts</title>');
    expect(list.text).toContain('>node-01</a>');
    expect(list.text).toContain('>10.9.0.1</a>');
    const partial = await editor.get('/ui/hosts?status=free', { 'HX-Request': 'true' });
    expect(partial.text).not.toContain('<h1>');
    expect(partial.text).toContain('spare-02');
    expect(partial.text).not.toContain('node-01');
    expect((await editor.get('/ui/hosts?tag=rack1', { 'HX-Request': 'true' })).text).not.toContain('spare-02');
    expect((await editor.get('/ui/hosts?q=10.9.1', { 'HX-Request': 'true' })).text).toContain('node-01');
    expect((await editor.get(`/ui/hosts?vendor_id=${vendors[0].id}`, { 'HX-Request': 'true' })).text).not.toContain('spare-02');
    expect((await editor.get('/ui/hosts?project_id=unassigned', { 'HX-Request': 'true' })).text).not.toContain('node-01');

    const detail = await editor.get(`/ui/hosts/${os.host_id}`);
    expect(detail.text).toContain('<title>ipocket - Host Detail</title>');
    expect(detail.text).toContain('Status: 2 linked IPs');
    expect(detail.text).toContain('Vendor: Dell');
    expect(detail.text).toContain('rack A');
  });

  it('shows validation errors in the drawer and refuses duplicates with 409', async () => {
    const bad = await editor.post('/ui/hosts', { name: '', os_ips: '10.9.2.1', bmc_ips: '10.9.2.1 nope' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-host-form-errors');
    for (const m of ['Host name is required.', 'IP address appears in both OS and BMC fields: 10.9.2.1.', 'Invalid IP address. (nope)']) expect(bad.text).toContain(m);
    const dup = await editor.post('/ui/hosts', { name: 'node-01' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('Host name already exists.');
  });

  it('edits a host: clears vendor and notes, unlinks dropped addresses', async () => {
    const host = (await t.http.get('/ip-assets/10.9.0.1').set(bearer(token))).body.host_id;
    const res = await editor.post(`/ui/hosts/${host}/edit`, { name: 'node-01a', vendor_id: '', notes: '', os_ips: '10.9.0.1', bmc_ips: '' });
    expect(res.status).toBe(303);
    const detail = (await t.http.get(`/hosts/${host}`).set(bearer(token))).body;
    expect(detail).toMatchObject({ name: 'node-01a', vendor: null });
    expect(detail.linked_assets.bmc).toEqual([]);
    expect((await t.http.get('/ip-assets/10.9.1.1').set(bearer(token))).body.host_id).toBeNull();
  });

  it('refuses to delete a linked host (D5) and needs the typed name', async () => {
    const host = (await t.http.get('/ip-assets/10.9.0.1').set(bearer(token))).body.host_id;
    const open = await editor.get(`/ui/hosts?delete=${host}`);
    expect(open.text).toContain('data-host-delete-open="true"');
    const mismatch = await editor.post(`/ui/hosts/${host}/delete`, { confirm_name: 'wrong' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Type the exact host name to confirm.');
    const linked = await editor.post(`/ui/hosts/${host}/delete`, { confirm_name: 'node-01a' });
    expect(linked.status).toBe(409);
    expect(linked.text).toMatch(/Host has 1 linked IP asset/);
    await t.http.get(`/hosts/${host}`).set(bearer(token)).expect(200);
    const spare = ((await t.http.get('/hosts').set(bearer(token))).body as Array<{ id: number; name: string }>).find((h) => h.name === 'spare-02')!;
    const ok = await editor.post(`/ui/hosts/${spare.id}/delete`, { confirm_name: 'spare-02' });
    expect(ok.status).toBe(303);
    await t.http.get(`/hosts/${spare.id}`).set(bearer(token)).expect(404);
  });

  it('refuses Viewers and missing CSRF tokens, and escapes <script> host names', async () => {
    expect((await editor.post('/ui/hosts', { name: 'x', _csrf: '' })).status).toBe(403);
    const viewer = await UiSession.login(t, Role.Viewer);
    await viewer.get('/ui/hosts');
    expect((await viewer.post('/ui/hosts', { name: 'x' })).status).toBe(403);
    await editor.post('/ui/hosts', { name: '<script>alert(1)</script>' });
    const list = await editor.get('/ui/hosts');
    expect(list.text).not.toContain('<script>alert(1)</script>');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
