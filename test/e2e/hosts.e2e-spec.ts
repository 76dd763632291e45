import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';

describe('hosts', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(() => t.close());

  const post = (path: string, body: Record<string, unknown>) => t.http.post(path).set(bearer(editor)).send(body);

  it('creates with a vendor by id or name, trims the name, refuses duplicates with 409', async () => {
    const dell = (await post('/vendors', { name: 'Dell' }).expect(200)).body;
    const a = await post('/hosts', { name: '  node-01 ', notes: 'rack a', vendor_id: dell.id }).expect(200);
    expect(a.body).toEqual({ id: expect.any(Number), name: 'node-01', notes: 'rack a', vendor: 'Dell' });
    const b = await post('/hosts', { name: 'node-02', vendor: 'Dell' }).expect(200);
    expect(b.body.vendor).toBe('Dell');
    expect((await post('/hosts', { name: 'node-01' }).expect(409)).body).toEqual({ detail: 'Host already exists.' });
    expect((await post('/hosts', { name: '   ' }).expect(422)).body).toEqual({ detail: 'Host name is required.' });
    expect((await post('/hosts', { name: 'x', vendor_id: 99999 }).expect(422)).body).toEqual({ detail: 'Selected vendor does not exist.' });
    const audit = (await t.http.get('/audit-log?target_type=HOST&target_label=node-01').set(bearer(admin)).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'CREATE', changes: 'Created host (vendor=Dell, notes=rack a)' });
  });

  it('lists by name with vendor names; paginates with X-Total-Count when asked', async () => {
    const all = await t.http.get('/hosts').set(bearer(editor)).expect(200);
    expect(all.headers['x-total-count']).toBeUndefined();
    expect(all.body.map((h: { name: string }) => h.name)).toEqual(['node-01', 'node-02']);
    const page = await t.http.get('/hosts?limit=1&offset=1&q=NODE').set(bearer(editor)).expect(200);
    expect(page.headers['x-total-count']).toBe('2');
    expect(page.body).toEqual([expect.objectContaining({ name: 'node-02', vendor: 'Dell' })]);
    await t.http.get('/hosts?limit=5000').set(bearer(editor)).expect(422);
  });

  it('PATCH: null keeps, values change, vendor "" removes the vendor; audited only on change', async () => {
    const host = (await post('/hosts', { name: 'patch-me', notes: 'n', vendor: 'Dell' }).expect(200)).body;
    const same = await t.http.patch(`/hosts/${host.id}`).set(bearer(editor)).send({ name: null, notes: null }).expect(200);
    expect(same.body).toEqual(host);
    const changed = await t.http.patch(`/hosts/${host.id}`).set(bearer(editor)).send({ name: 'patched', vendor: '' }).expect(200);
    expect(changed.body).toEqual({ id: host.id, name: 'patched', notes: 'n', vendor: null });
    const audit = (await t.http.get(`/audit-log?target_type=HOST&target_id=${host.id}`).set(bearer(admin)).expect(200)).body;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['UPDATE', 'CREATE']);
    expect(audit[0].changes).toBe('name: patch-me -> patched; vendor: Dell -> None');
    await t.http.patch('/hosts/999999').set(bearer(editor)).send({ name: 'x' }).expect(404);
    expect((await t.http.patch('/hosts/999999').set(bearer(editor)).send({ vendor_id: 424242 }).expect(422)).body).toEqual({ detail: 'Selected vendor does not exist.' });
    await t.http.patch('/hosts/abc').set(bearer(editor)).send({}).expect(422);
  });

  it('shows linked active assets by type in numeric order with tags and project, the OS/BMC pairing and tags', async () => {
    const project = (await post('/projects', { name: 'HostProj' }).expect(200)).body;
    const host = (await post('/hosts', { name: 'detail-host' }).expect(200)).body;
    await post('/ip-assets', { ip_address: '10.5.0.10', type: 'OS', host_id: host.id, project_id: project.id, tags: ['web'] }).expect(200);
    await post('/ip-assets', { ip_address: '10.5.0.9', type: 'OS', host_id: host.id, tags: ['prod'] }).expect(200);
    await post('/ip-assets', { ip_address: '10.6.0.1', type: 'BMC', host_id: host.id, tags: ['prod', 'oob'] }).expect(200);
    await post('/ip-assets', { ip_address: '10.5.0.20', type: 'VM', host_id: host.id }).expect(200);
    await post('/ip-assets', { ip_address: '10.5.0.30', type: 'VM', host_id: host.id, tags: ['zzz'] }).expect(200);
    await t.http.post('/ip-assets/10.5.0.30/archive').set(bearer(editor)).expect(204);

    const res = await t.http.get(`/hosts/${host.id}`).set(bearer(editor)).expect(200);
    expect(res.body.linked_assets.os.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.5.0.9', '10.5.0.10']);
    expect(res.body.linked_assets.os[1]).toMatchObject({ tags: ['web'], project_id: project.id, project_name: 'HostProj' });
    expect(res.body.linked_assets.bmc).toEqual([expect.objectContaining({ ip_address: '10.6.0.1', tags: ['oob', 'prod'] })]);
    expect(res.body.linked_assets.other.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.5.0.20']);
    expect(res.body.os_bmc_pairs).toEqual([
      { os: '10.5.0.9', bmc: ['10.6.0.1'] },
      { os: '10.5.0.10', bmc: ['10.6.0.1'] },
    ]);
    expect(res.body.tags).toEqual(['oob', 'prod', 'web']);
    await t.http.get('/hosts/999999').set(bearer(editor)).expect(404);
  });

  it('refuses to delete a host while active assets are linked, then deletes and unlinks archived ones', async () => {
    const host = (await post('/hosts', { name: 'busy-host' }).expect(200)).body;
    await post('/ip-assets', { ip_address: '10.7.0.1', type: 'VM', host_id: host.id }).expect(200);
    await post('/ip-assets', { ip_address: '10.7.0.2', type: 'VM', host_id: host.id }).expect(200);
    await post('/ip-assets', { ip_address: '10.7.0.3', type: 'VM', host_id: host.id }).expect(200);
    await t.http.post('/ip-assets/10.7.0.3/archive').set(bearer(editor)).expect(204);

    const refused = await t.http.delete(`/hosts/${host.id}`).set(bearer(editor)).expect(409);
    expect(refused.body).toEqual({ detail: 'Host has 2 linked IP assets; unlink or delete them first.' });

    await t.http.patch('/ip-assets/10.7.0.1').set(bearer(editor)).send({ host_id: null }).expect(200);
    expect((await t.http.delete(`/hosts/${host.id}`).set(bearer(editor)).expect(409)).body).toEqual({ detail: 'Host has 1 linked IP asset; unlink or delete them first.' });
    await t.http.delete('/ip-assets/10.7.0.2').set(bearer(editor)).expect(204);
    await t.http.delete(`/hosts/${host.id}`).set(bearer(editor)).expect(204);
    await t.http.get(`/hosts/${host.id}`).set(bearer(editor)).expect(404);
    const [row] = await t.db.reader.query(`SELECT host_id FROM ip_assets WHERE ip_address = '10.7.0.3'`);
    expect(row.host_id).toBeNull();
    const audit = (await t.http.get(`/audit-log?target_type=HOST&target_id=${host.id}`).set(bearer(admin)).expect(200)).body;
    expect(audit[0]).toMatchObject({ action: 'DELETE', changes: 'Deleted host (unlinked 1 archived IP assets)' });
    await t.http.delete(`/hosts/${host.id}`).set(bearer(editor)).expect(404);
  });

  it('needs a login to read (decision A2) and an Editor to write', async () => {
    await t.http.get('/hosts').expect(401);
    const viewer = await t.tokenFor(Role.Viewer);
    await t.http.get('/hosts').set(bearer(viewer)).expect(200);
    await t.http.post('/hosts').set(bearer(viewer)).send({ name: 'nope' }).expect(403);
  });
});
