import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { toastsOf, UiSession } from '../support/ui-support';

describe('UI: ranges and the address drill-down', () => {
  let t: TestApp;
  let editor: UiSession;
  let token: string;
  let projectId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(Role.Editor);
    editor = await UiSession.login(t, Role.Editor);
    projectId = (await t.http.post('/projects').set(bearer(token)).send({ name: 'core', color: '#2563eb' }).expect(200)).body.id;
    await t.http.post('/tags').set(bearer(token)).send({ name: 'edge', color: '#fde68a' }).expect(200);
  });
  afterAll(() => t.close());

  const ranges = async () => (await t.http.get('/ranges').set(bearer(token))).body as Array<{ id: number; name: string; cidr: string; used: number; notes: string | null }>;
  const asset = async (ip: string) => (await t.http.get(`/ip-assets/${ip}`).set(bearer(token))).body;

  it('creates IPv4 and IPv6 ranges, validates, and refuses duplicates with 409', async () => {
    await editor.get('/ui/ranges');
    const v4 = await editor.post('/ui/ranges', { name: 'Office LAN', cidr: '192.168.10.0/24', notes: 'floor 1' });
    expect(v4.status).toBe(303);
    expect(v4.headers.location).toBe('/ui/ranges');
    expect((await editor.post('/ui/ranges', { name: 'Lab v6', cidr: '2001:DB8:10::/64' })).status).toBe(303);
    const list = await editor.get('/ui/ranges');
    expect(list.text).toContain('<title>ipocket - IP Ranges</title>');
    expect(toastsOf(list.text)).toEqual(['Range Office LAN (192.168.10.0/24) created.', 'Range Lab v6 (2001:db8:10::/64) created.']);
    expect(list.text).toContain('18,446,744,073,709,551,616');
    expect(list.text).toContain('>254</td>');

    const bad = await editor.post('/ui/ranges', { name: '', cidr: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Range name is required.');
    expect(bad.text).toContain('CIDR is required.');
    expect(bad.text).toMatch(/id="range-create"[^>]*data-open="true"/);
    const junk = await editor.post('/ui/ranges', { name: 'x', cidr: 'not-a-cidr' });
    expect(junk.status).toBe(400);
    expect(junk.text).toContain('CIDR must be a valid IPv4 or IPv6 network.');
    const dup = await editor.post('/ui/ranges', { name: 'Again', cidr: '192.168.10.0/24' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('CIDR already exists.');
  });

  it('edits a range, opens drawers from links, and deletes only with the typed name', async () => {
    const office = (await ranges()).find((r) => r.name === 'Office LAN')!;
    expect((await editor.get(`/ui/ranges/${office.id}/edit`)).headers.location).toBe(`/ui/ranges?edit=${office.id}`);
    expect((await editor.get('/ui/ranges/9999/edit')).status).toBe(404);
    expect((await editor.get(`/ui/ranges?edit=${office.id}`)).text).toMatch(/id="range-edit"[^>]*data-open="true"/);
    expect((await editor.get('/ui/ranges?edit=9999')).text).toMatch(/id="range-edit"[^>]*data-open="false"/);
    expect((await editor.post(`/ui/ranges/${office.id}/edit`, { name: 'Office', cidr: '192.168.10.0/24', notes: '' })).status).toBe(303);
    expect((await ranges()).find((r) => r.id === office.id)).toMatchObject({ name: 'Office', notes: null });
    const mismatch = await editor.post(`/ui/ranges/${office.id}/delete`, { confirm_name: 'Office LAN' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('Type the exact range name to confirm.');
    expect(mismatch.text).toMatch(/id="range-delete"[^>]*data-open="true"/);
    expect((await editor.post('/ui/ranges/9999/delete', { confirm_name: 'x' })).status).toBe(404);
  });

  it('lists used, free and reserved addresses with filters and pagination', async () => {
    const office = (await ranges()).find((r) => r.name === 'Office')!;
    await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: '192.168.10.5', type: 'VM', project_id: projectId, tags: ['edge'], notes: 'web' }).expect(200);
    await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: '192.168.10.9', type: 'VIP' }).expect(200);
    const base = `/ui/ranges/${office.id}/addresses`;
    const page = await editor.get(base);
    expect(page.text).toContain('<title>ipocket - Range Addresses</title>');
    expect(page.text).toContain('CIDR 192.168.10.0/24 • 2 used • 252 free');
    expect(page.text).toContain('id="ip-192-168-10-5"');
    expect(page.text).toMatch(/data-range-address="192.168.10.0" data-status="reserved"/);
    expect(page.text).toContain('Showing 1-20 of 256');
    expect(page.text).toContain('Page 1 of 13');

    const used = await editor.get(`${base}?status=used`, { 'HX-Request': 'true' });
    expect(used.text).not.toContain('<h1>');
    expect(used.text).toContain('Showing 1-2 of 2');
    expect(used.text).toContain('Page 1 of 1');
    const free = await editor.get(`${base}?status=free&per-page=10&page=2`, { 'HX-Request': 'true' });
    expect(free.text).toContain('Showing 11-20 of 252');
    expect(free.text).toContain('data-range-address="192.168.10.13"');
    expect((await editor.get(`${base}?project_id=${projectId}`, { 'HX-Request': 'true' })).text).toContain('Showing 1-1 of 1');
    expect((await editor.get(`${base}?tag=edge`, { 'HX-Request': 'true' })).text).toContain('192.168.10.5');
    expect((await editor.get(`${base}?type=VIP`, { 'HX-Request': 'true' })).text).toContain('192.168.10.9');
    expect((await editor.get(`${base}?q=192.168.10.77`, { 'HX-Request': 'true' })).text).toMatch(/data-range-address="192.168.10.77" data-status="free"/);
    expect((await editor.get(`${base}?page=999`, { 'HX-Request': 'true' })).text).toContain('Page 13 of 13');
    expect((await editor.get('/ui/ranges/9999/addresses')).status).toBe(404);
  });

  it('pages an IPv6 /64 without enumerating it', async () => {
    const v6 = (await ranges()).find((r) => r.name === 'Lab v6')!;
    const res = await editor.get(`/ui/ranges/${v6.id}/addresses?status=free&per-page=10&page=3`, { 'HX-Request': 'true' });
    expect(res.text).toContain('Showing 21-30 of 18,446,744,073,709,551,616');
    expect(res.text).toContain('data-range-address="2001:db8:10::14"');
  });

  it('adds a free address, edits a used one and allocates the next free ones', async () => {
    const office = (await ranges()).find((r) => r.name === 'Office')!;
    const base = `/ui/ranges/${office.id}/addresses`;
    const add = await editor.post(`${base}/add`, { ip_address: '192.168.10.20', type: 'OS', project_id: String(projectId), tags: ['edge'], notes: 'added', return_to: `${base}?status=free` });
    expect(add.status).toBe(303);
    expect(add.headers.location).toBe(`${base}?status=free#ip-192-168-10-20`);
    expect(await asset('192.168.10.20')).toMatchObject({ type: 'OS', project_id: projectId, tags: ['edge'], notes: 'added' });

    const invalid = await editor.post(`${base}/add`, { ip_address: '10.0.0.1', type: '', project_id: '999', tags: ['Bad Tag'] });
    expect(invalid.status).toBe(400);
    for (const m of ['IP address is not part of this range.', 'Asset type is required.', 'Selected project does not exist.', 'Tag name may include letters, digits, dash, and underscore only.']) expect(invalid.text).toContain(m);
    expect(invalid.text).toMatch(/id="range-address-add"[^>]*data-open="true"/);
    expect((await editor.post(`${base}/add`, { ip_address: '', type: 'VM' })).text).toContain('IP address is required.');
    expect((await editor.post(`${base}/add`, { ip_address: '192.168.10.300', type: 'VM' })).text).toContain('Invalid IP address.');
    expect((await editor.post(`${base}/add`, { ip_address: '192.168.10.255', type: 'VM' })).text).toContain('network or broadcast address');
    const taken = await editor.post(`${base}/add`, { ip_address: '192.168.10.5', type: 'VM' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('IP address is already assigned.');

    const { id } = await asset('192.168.10.20');
    const edit = await editor.post(`${base}/${id}/edit`, { type: 'VM', project_id: '', notes: '', tags: [], return_to: 'https://evil.example/' });
    expect(edit.status).toBe(303);
    expect(edit.headers.location).toBe(`${base}#ip-192-168-10-20`);
    expect(await asset('192.168.10.20')).toMatchObject({ type: 'VM', project_id: null, tags: [], notes: null });
    const outside = (await t.http.post('/ip-assets').set(bearer(token)).send({ ip_address: '10.9.9.9', type: 'VM' }).expect(200)).body.id;
    expect((await editor.post(`${base}/${outside}/edit`, { type: 'VM' })).status).toBe(404);

    const allocated = await editor.post(`/ui/ranges/${office.id}/allocate`, { count: '3', type: 'VM', project_id: String(projectId), tags: ['edge'] });
    expect(allocated.status).toBe(303);
    expect(toastsOf((await editor.get(base)).text)).toContain('Allocated 3 addresses: 192.168.10.1, 192.168.10.2, 192.168.10.3.');
    expect(await asset('192.168.10.3')).toMatchObject({ project_id: projectId, tags: ['edge'] });
    const tooMany = await editor.post(`/ui/ranges/${office.id}/allocate`, { count: '0', type: 'VM' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('Count must be a whole number from 1 to 1024.');
    const v6 = (await ranges()).find((r) => r.name === 'Lab v6')!;
    const small = (await t.http.post('/ranges').set(bearer(token)).send({ name: 'tiny', cidr: '10.50.0.0/30' }).expect(200)).body.id;
    const full = await editor.post(`/ui/ranges/${small}/allocate`, { count: '5', type: 'VM' });
    expect(full.status).toBe(409);
    expect(full.text).toContain('Range has only 2 free addresses.');
    expect((await editor.post(`/ui/ranges/${v6.id}/allocate`, { count: '2', type: 'OTHER' })).status).toBe(303);
    expect((await asset('2001:db8:10::1')).type).toBe('OTHER');
  });

  it('refuses Viewers and missing CSRF tokens, hides write actions, and escapes names', async () => {
    const office = (await ranges()).find((r) => r.name === 'Office')!;
    expect((await editor.post('/ui/ranges', { name: 'x', cidr: '10.60.0.0/24', _csrf: '' })).status).toBe(403);
    expect((await editor.post(`/ui/ranges/${office.id}/allocate`, { count: '1', type: 'VM', _csrf: 'nope' })).status).toBe(403);
    const viewer = await UiSession.login(t, Role.Viewer);
    const page = await viewer.get(`/ui/ranges/${office.id}/addresses`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('data-range-address-add=');
    expect(page.text).not.toContain('Allocate next free</button>');
    expect((await viewer.get('/ui/ranges')).text).not.toContain('data-range-edit=');
    expect((await viewer.post('/ui/ranges', { name: 'x', cidr: '10.60.0.0/24' })).status).toBe(403);
    expect((await viewer.post(`/ui/ranges/${office.id}/allocate`, { count: '1', type: 'VM' })).status).toBe(403);
    expect((await viewer.post(`/ui/ranges/${office.id}/addresses/add`, { ip_address: '192.168.10.100', type: 'VM' })).status).toBe(403);
    await editor.post('/ui/ranges', { name: '<script>alert(1)</script>', cidr: '10.70.0.0/24' });
    const list = await editor.get('/ui/ranges');
    expect(list.text).not.toContain('<script>alert(1)</script>');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await editor.post(`/ui/ranges/${office.id}/delete`, { confirm_name: 'Office' })).status).toBe(303);
    expect(await asset('192.168.10.5')).toMatchObject({ ip_address: '192.168.10.5' });
  });
});
