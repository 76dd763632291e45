import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { decodeEntities, toastsOf, UiSession } from '../support/ui-support';

describe('UI: IP assets pages and forms', () => {
  let t: TestApp;
  let editor: UiSession;
  let token: string;
  let projectId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    token = await t.tokenFor(Role.Editor);
    editor = await UiSession.login(t, Role.Editor);
    projectId = (await t.http.post('/projects').set(bearer(token)).send({ name: 'core', color: '#1d4ed8' }).expect(200)).body.id;
    for (const [name, color] of [['prod', '#dc2626'], ['edge', '#fde68a'], ['db', '#0f766e'], ['web', '#7c3aed'], ['x1', '#000000']]) {
      await t.http.post('/tags').set(bearer(token)).send({ name, color }).expect(200);
    }
  });
  afterAll(() => t.close());

  const api = () => t.http;
  async function asset(ip: string, body: Record<string, unknown> = {}) {
    return (await api().post('/ip-assets').set(bearer(token)).send({ ip_address: ip, type: 'VM', ...body }).expect(200)).body as { id: number };
  }

  it('lists assets in numeric order with chips, filters and the full page vs HTMX partial', async () => {
    await asset('10.1.0.10', { project_id: projectId, tags: ['prod', 'edge', 'db', 'web'], notes: 'long note here' });
    await asset('10.1.0.2', { type: 'VIP' });
    await asset('10.1.0.3', { type: 'OS', tags: ['edge'] });
    const full = await editor.get('/ui/ip-assets?q=10.1.0.');
    expect(full.status).toBe(200);
    expect(full.text).toContain('<title>ipocket - IP Assets</title>');
    expect(full.text).toContain('<h1>IP Assets</h1>');
    expect(full.text).toContain('data-ip-filters');
    const ips = [...full.text.matchAll(/class="ip-link" href="\/ui\/ip-assets\/\d+">([^<]+)</g)].map((m) => m[1]);
    expect(ips).toEqual(['10.1.0.2', '10.1.0.3', '10.1.0.10']);
    expect(full.text).toContain('+2 more');
    expect(full.text).toContain('data-quick-filter="project_id" data-quick-filter-value="' + projectId + '"');
    expect(full.text).toContain('style="background:#0f766e;color:#f8fafc"');
    expect(full.text).toContain('style="background:#fde68a;color:#0f172a"');

    const partial = await editor.get('/ui/ip-assets?q=10.1.0.&type=OS', { 'HX-Request': 'true' });
    expect(partial.status).toBe(200);
    expect(partial.text).not.toContain('<h1>');
    expect(partial.text).not.toContain('data-ip-filters');
    expect(partial.text).not.toContain('data-ip-drawer');
    expect(partial.text).toContain('10.1.0.3');
    expect(partial.text).not.toContain('10.1.0.2<');
    expect(partial.headers.vary).toMatch(/HX-Request/);
  });

  it('applies tag OR / AND / NOT groups, legacy tag, unassigned and ignores junk values', async () => {
    const ipsOf = async (query: string) =>
      [...(await editor.get(`/ui/ip-assets?q=10.1.0.&${query}`, { 'HX-Request': 'true' })).text.matchAll(/class="ip-link" href="\/ui\/ip-assets\/\d+">([^<]+)</g)].map((m) => m[1]);
    expect(await ipsOf('tag_any=edge')).toEqual(['10.1.0.3', '10.1.0.10']);
    expect(await ipsOf('tag=edge')).toEqual(['10.1.0.3', '10.1.0.10']);
    expect(await ipsOf('tag_all=edge&tag_all=prod')).toEqual(['10.1.0.10']);
    expect(await ipsOf('tag_not=edge')).toEqual(['10.1.0.2']);
    expect(await ipsOf('tag_any=bad tag!')).toEqual(['10.1.0.2', '10.1.0.3', '10.1.0.10']);
    expect(await ipsOf('project_id=unassigned')).toEqual(['10.1.0.2', '10.1.0.3']);
    expect(await ipsOf(`project_id=${projectId}`)).toEqual(['10.1.0.10']);
    expect(await ipsOf('project_id=junk&type=NOPE')).toEqual(['10.1.0.2', '10.1.0.3', '10.1.0.10']);
    expect(await ipsOf('type=IPMI_ILO')).toEqual([]);
  });

  it('paginates with rows per page, keeps the filters in links and clamps the page', async () => {
    for (let i = 1; i <= 12; i++) await asset(`10.2.0.${i}`, { notes: 'pagination' });
    const res = await editor.get('/ui/ip-assets?q=pagination&per-page=10&page=9');
    expect(res.text).toContain('Showing 11-12 of 12');
    expect(res.text).toContain('Page 2 of 2');
    expect(decodeEntities(res.text)).toContain('href="/ui/ip-assets?per-page=10&q=pagination&page=1"');
    expect(res.text).toContain('<input type="hidden" name="q" value="pagination">');
    const odd = await editor.get('/ui/ip-assets?q=pagination&per-page=7');
    expect(odd.text).toContain('Showing 1-12 of 12');
    const none = await editor.get('/ui/ip-assets?q=nothing-matches-this');
    expect(none.text).toContain('No IP assets found.');
    expect(none.text).toContain('No results to display.');
  });

  it('creates through the drawer form, with validation messages shown in the drawer', async () => {
    await editor.get('/ui/ip-assets');
    const bad = await editor.post('/ui/ip-assets/new', { ip_address: 'not-an-ip', type: 'VM', tags: ['nope'], project_id: '999', return_to: '/ui/ip-assets?q=10.3' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('data-ip-drawer data-ip-drawer-mode="add"');
    expect(bad.text).toMatch(/data-open="true"/);
    for (const m of ['Invalid IP address.', 'Selected tags do not exist: nope.', 'Selected project does not exist.']) expect(bad.text).toContain(m);
    expect(bad.text).toContain('value="not-an-ip"');
    const empty = await editor.post('/ui/ip-assets/new', { ip_address: '', type: '' });
    expect(empty.text).toContain('IP address is required.');
    expect(empty.text).toContain('Asset type is required.');

    const ok = await editor.post('/ui/ip-assets/new', { ip_address: '10.3.0.1', type: 'OS', project_id: String(projectId), tags: ['db'], notes: 'made in ui', return_to: '/ui/ip-assets?q=10.3' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/ui/ip-assets?q=10.3');
    const stored = (await api().get('/ip-assets/10.3.0.1').set(bearer(token)).expect(200)).body;
    expect(stored).toMatchObject({ type: 'OS', project_id: projectId, notes: 'made in ui', tags: ['db'] });
    expect(toastsOf((await editor.get('/ui/ip-assets?q=10.3')).text)).toEqual(['IP asset created.']);

    const dup = await editor.post('/ui/ip-assets/new', { ip_address: '10.3.0.1', type: 'VM' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('IP address already exists.');
  });

  it('edits, shows the detail page with audit history, and deletes with the high-risk rule', async () => {
    const { id } = await asset('10.4.0.1', { project_id: projectId, tags: ['prod'] });
    const detail = await editor.get(`/ui/ip-assets/${id}`);
    expect(detail.text).toContain('<title>ipocket - IP Detail</title>');
    expect(detail.text).toContain('Status: Assigned');
    expect(detail.text).toContain('Type: VM; Project ID: ' + projectId + '; Host: Unassigned; Notes: No notes');
    const edit = await editor.post(`/ui/ip-assets/${id}/edit`, { type: 'VIP', project_id: '', notes: 'edited', tags: ['web', 'prod'], return_to: `/ui/ip-assets/${id}` });
    expect(edit.status).toBe(303);
    expect((await api().get('/ip-assets/10.4.0.1').set(bearer(token))).body).toMatchObject({ type: 'VIP', project_id: null, notes: 'edited', tags: ['prod', 'web'] });
    const badEdit = await editor.post(`/ui/ip-assets/${id}/edit`, { type: 'VM', tags: ['Bad Tag'], return_to: `/ui/ip-assets/${id}` });
    expect(badEdit.status).toBe(400);
    expect(badEdit.text).toContain('Tag name may include letters, digits, dash, and underscore only.');
    expect(badEdit.text).toContain('<title>ipocket - IP Detail</title>');

    const noAck = await editor.post(`/ui/ip-assets/${id}/delete`, { confirm_ip: '10.4.0.1' }, { Accept: 'application/json' });
    expect(noAck.status).toBe(400);
    expect(noAck.body).toEqual({ error: 'Confirm that this delete cannot be undone.' });
    const noIp = await editor.post(`/ui/ip-assets/${id}/delete`, { confirm_delete_ack: '1', confirm_ip: '10.4.0.2' }, { Accept: 'application/json' });
    expect(noIp.body).toEqual({ error: 'Type the exact IP address to delete this high-risk asset.' });
    const redirect = await editor.post(`/ui/ip-assets/${id}/delete`, { confirm_delete_ack: 'on', return_to: '/ui/ip-assets?q=10.4&delete-success=old' });
    expect(redirect.status).toBe(303);
    expect(decodeURIComponent(redirect.headers.location)).toBe('/ui/ip-assets?q=10.4&delete-error=Type+the+exact+IP+address+to+delete+this+high-risk+asset.'.replace(/\+/g, '+'));
    const ok = await editor.post(`/ui/ip-assets/${id}/delete`, { confirm_delete_ack: '1', confirm_ip: ' 10.4.0.1 ' }, { Accept: 'application/json' });
    expect(ok.body).toEqual({ message: 'Deleted 10.4.0.1.', asset_id: id, ip_address: '10.4.0.1' });
    await api().get('/ip-assets/10.4.0.1').set(bearer(token)).expect(404);
    expect((await editor.get(`/ui/ip-assets/${id}`)).status).toBe(404);
    expect((await editor.get('/ui/ip-assets/needs-assignment')).status).toBe(422);
  });

  it('bulk-updates selected rows and reports the first error as a toast parameter', async () => {
    const a = await asset('10.5.0.1', { tags: ['edge', 'db'] });
    const b = await asset('10.5.0.2', { tags: ['edge'] });
    const none = await editor.post('/ui/ip-assets/bulk-edit', { return_to: '/ui/ip-assets?q=10.5' });
    expect(decodeURIComponent(none.headers.location.replace(/\+/g, ' '))).toBe('/ui/ip-assets?q=10.5&bulk-error=Select at least one IP asset.');
    const nothing = await editor.post('/ui/ip-assets/bulk-edit', { asset_ids: [a.id, b.id] });
    expect(decodeURIComponent(nothing.headers.location.replace(/\+/g, ' '))).toContain('bulk-error=Choose at least one bulk update action.');
    const unknownTag = await editor.post('/ui/ip-assets/bulk-edit', { asset_ids: [a.id], tags: ['ghost'] });
    expect(decodeURIComponent(unknownTag.headers.location.replace(/\+/g, ' '))).toContain('bulk-error=Selected tags do not exist: ghost.');
    const ok = await editor.post('/ui/ip-assets/bulk-edit', {
      asset_ids: [a.id, b.id, 999999],
      type: 'OTHER',
      project_id: String(projectId),
      tags: ['web'],
      remove_tags: ['edge'],
      notes_mode: 'set',
      notes: 'bulk notes',
      return_to: '/ui/ip-assets?q=10.5&bulk-error=stale',
    });
    expect(decodeURIComponent(ok.headers.location.replace(/\+/g, ' '))).toBe('/ui/ip-assets?q=10.5&bulk-success=Updated 2 IP assets.');
    const page = await editor.get(ok.headers.location);
    expect(toastsOf(page.text)).toEqual(['Updated 2 IP assets.']);
    expect((await api().get('/ip-assets/10.5.0.1').set(bearer(token))).body).toMatchObject({ type: 'OTHER', project_id: projectId, notes: 'bulk notes', tags: ['db', 'web'] });
    expect((await api().get('/ip-assets/10.5.0.2').set(bearer(token))).body).toMatchObject({ type: 'OTHER', tags: ['web'] });
  });

  it('creates and assigns server_<ip> for a BMC with the auto-host action', async () => {
    const bmc = await asset('10.6.0.1', { type: 'VM' });
    await editor.get('/ui/ip-assets');
    const wrongType = await editor.post(`/ui/ip-assets/${bmc.id}/auto-host`, {}, { Accept: 'application/json' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toEqual({ error: 'Auto-host creation is only available for BMC assets.' });
    await api().patch('/ip-assets/10.6.0.1').set(bearer(token)).send({ type: 'BMC' }).expect(200);
    const ok = await editor.post(`/ui/ip-assets/${bmc.id}/auto-host`, {}, { Accept: 'application/json' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ host_id: expect.any(Number), host_name: 'server_10.6.0.1' });
    expect((await api().get('/ip-assets/10.6.0.1').set(bearer(token))).body.host_id).toBe(ok.body.host_id);
    const again = await editor.post(`/ui/ip-assets/${bmc.id}/auto-host`, {}, { Accept: 'application/json' });
    expect(again.status).toBe(409);
  });

  it('refuses forms without a CSRF token (403) and Viewers (403); anonymous POSTs go to login', async () => {
    const forged = await editor.post('/ui/ip-assets/new', { ip_address: '10.7.0.1', type: 'VM', _csrf: '' });
    expect(forged.status).toBe(403);
    const viewer = await UiSession.login(t, Role.Viewer);
    await viewer.get('/ui/ip-assets');
    const refused = await viewer.post('/ui/ip-assets/new', { ip_address: '10.7.0.1', type: 'VM' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You do not have permission to do this.');
    expect((await viewer.post('/ui/ip-assets/bulk-edit', { asset_ids: ['1'], type: 'VM' })).status).toBe(403);
    await api().get('/ip-assets/10.7.0.1').set(bearer(token)).expect(404);
    const anon = await t.http.post('/ui/ip-assets/new').type('form').send('ip_address=10.7.0.1&type=VM');
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/ui\/login\?return_to=/);
  });

  it('escapes <script> in notes, tags filters and search everywhere', async () => {
    const { id } = await asset('10.8.0.1', { notes: '<script>alert(1)</script>' });
    const list = await editor.get('/ui/ip-assets?q=%3Cscript%3E');
    expect(list.text).not.toContain('<script>alert(1)</script>');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const detail = await editor.get(`/ui/ip-assets/${id}`);
    expect(detail.text).not.toContain('<script>alert(1)</script>');
    const bad = await editor.post('/ui/ip-assets/new', { ip_address: '<script>x</script>', type: 'VM' });
    expect(bad.text).not.toContain('<script>x</script>');
  });
});
