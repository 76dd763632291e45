import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';

describe('IP assets: create, restore, read, patch, delete, archive', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_PUBLIC_READ: 'true' });
    editor = await t.tokenFor(Role.Editor);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.http.post('/ip-assets').set(bearer(editor)).send(body);
  const auditFor = async (label: string) => {
    const admin = await t.tokenFor(Role.Admin);
    return (await t.http.get(`/audit-log?target_type=IP_ASSET&target_label=${encodeURIComponent(label)}`).set(bearer(admin)).expect(200)).body as { action: string; changes: string }[];
  };

  it('creates an asset with the §2.1 representation and audits it', async () => {
    const project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'Core' }).expect(200)).body;
    const res = await create({ ip_address: '10.1.0.10', type: 'VM', project_id: project.id, notes: 'web server', tags: 'Prod, edge' }).expect(200);
    expect(res.body).toEqual({
      id: expect.any(Number),
      ip_address: '10.1.0.10',
      type: 'VM',
      project_id: project.id,
      notes: 'web server',
      host_id: null,
      archived: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      tags: ['edge', 'prod'],
    });
    const audit = await auditFor('10.1.0.10');
    expect(audit[0]).toMatchObject({ action: 'CREATE', changes: `Created IP asset (type=VM, project_id=${project.id}, host_id=None, notes=web server)` });
    const got = await t.http.get('/ip-assets/10.1.0.10').expect(200);
    expect(got.body.tags).toEqual(['edge', 'prod']);
  });

  it('stores IPv6 canonically and catches duplicates spelled differently', async () => {
    const res = await create({ ip_address: '2001:DB8::0001', type: 'VM' }).expect(200);
    expect(res.body.ip_address).toBe('2001:db8::1');
    const dup = await create({ ip_address: '2001:db8:0:0:0:0:0:1', type: 'OS' }).expect(409);
    expect(dup.body).toEqual({ detail: 'IP address already exists.' });
    await t.http.get('/ip-assets/2001:DB8::1').expect(200);
  });

  it('refuses invalid addresses and zone ids with 400 and bad references with 422', async () => {
    for (const ip of ['10.0.0.256', '010.0.0.1', 'fe80::1%eth0', "1.2.3.4'; DROP TABLE ip_assets;--", '', ' 10.0.0.1']) {
      const res = await create({ ip_address: ip, type: 'VM' }).expect(400);
      expect(res.body).toEqual({ detail: 'Invalid IP address.' });
    }
    expect((await create({ ip_address: '10.1.0.20', type: 'VM', project_id: 999999 }).expect(422)).body).toEqual({ detail: 'Project not found.' });
    expect((await create({ ip_address: '10.1.0.20', type: 'VM', host_id: 999999 }).expect(422)).body).toEqual({ detail: 'Host not found.' });
    const badType = await create({ ip_address: '10.1.0.20', type: 'vm' }).expect(422);
    expect(Array.isArray(badType.body.detail)).toBe(true);
    const badTag = await create({ ip_address: '10.1.0.20', type: 'VM', tags: ["x'; DROP TABLE tags;--"] }).expect(422);
    expect(badTag.body).toEqual({ detail: 'Tag name may include letters, digits, dash, and underscore only.' });
    await t.http.get('/ip-assets/10.1.0.20').expect(404);
  });

  it('accepts the legacy IPMI_iLO spelling as BMC and links a server_<ip> host', async () => {
    const res = await create({ ip_address: '10.1.0.30', type: 'IPMI_iLO' }).expect(200);
    expect(res.body.type).toBe('BMC');
    expect(res.body.host_id).toEqual(expect.any(Number));
    const host = await t.http.get(`/hosts/${res.body.host_id}`).expect(200);
    expect(host.body.name).toBe('server_10.1.0.30');
  });

  it('restores an archived address instead of creating a duplicate, keeping its id and tags', async () => {
    const first = (await create({ ip_address: '10.1.0.40', type: 'VM', notes: 'old', tags: ['keep-me'] }).expect(200)).body;
    await t.http.post('/ip-assets/10.1.0.40/archive').set(bearer(editor)).expect(204);
    await t.http.get('/ip-assets/10.1.0.40').expect(404);
    const restored = (await create({ ip_address: '10.1.0.40', type: 'OS' }).expect(200)).body;
    expect(restored).toMatchObject({ id: first.id, created_at: first.created_at, type: 'OS', notes: null, archived: false, tags: ['keep-me'] });
    const audit = await auditFor('10.1.0.40');
    expect(audit.map((a) => a.action)).toEqual(['UPDATE', 'ARCHIVE', 'CREATE']);
    expect(audit[0].changes).toBe('Restored archived IP asset (type=OS, project_id=None, host_id=None, notes=)');
  });

  it('PATCH: omitted keeps, null clears project/host/notes but keeps type and tags', async () => {
    const project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'Patchers' }).expect(200)).body;
    const host = (await t.http.post('/hosts').set(bearer(editor)).send({ name: 'patch-host' }).expect(200)).body;
    await create({ ip_address: '10.1.0.50', type: 'VM', project_id: project.id, host_id: host.id, notes: 'n', tags: ['a', 'b'] }).expect(200);

    const omitted = await t.http.patch('/ip-assets/10.1.0.50').set(bearer(editor)).send({ notes: 'changed' }).expect(200);
    expect(omitted.body).toMatchObject({ type: 'VM', project_id: project.id, host_id: host.id, notes: 'changed', tags: ['a', 'b'] });

    const nulls = await t.http.patch('/ip-assets/10.1.0.50').set(bearer(editor)).send({ type: null, project_id: null, host_id: null, notes: null, tags: null }).expect(200);
    expect(nulls.body).toMatchObject({ type: 'VM', project_id: null, host_id: null, notes: null, tags: ['a', 'b'] });

    const audit = await auditFor('10.1.0.50');
    expect(audit[0].changes).toBe('project: Patchers -> Unassigned; host: patch-host -> Unassigned; notes: changed -> ');
    expect(audit[1].changes).toBe('notes: n -> changed');

    const tags = await t.http.patch('/ip-assets/10.1.0.50').set(bearer(editor)).send({ tags: [] }).expect(200);
    expect(tags.body.tags).toEqual([]);
  });

  it('PATCH with no real change writes nothing (no audit row, updated_at kept)', async () => {
    const created = (await create({ ip_address: '10.1.0.60', type: 'VM', notes: '', tags: ['x'] }).expect(200)).body;
    const before = await auditFor('10.1.0.60');
    const same = await t.http.patch('/ip-assets/10.1.0.60').set(bearer(editor)).send({ type: 'VM', notes: '   ', tags: 'x' }).expect(200);
    expect(same.body.updated_at).toBe(created.updated_at);
    expect(await auditFor('10.1.0.60')).toHaveLength(before.length);
  });

  it('PATCH checks the project before the asset exists (422 before 404)', async () => {
    expect((await t.http.patch('/ip-assets/10.9.9.9').set(bearer(editor)).send({ project_id: 424242 }).expect(422)).body).toEqual({ detail: 'Project not found.' });
    await t.http.patch('/ip-assets/10.9.9.9').set(bearer(editor)).send({ notes: 'x' }).expect(404);
  });

  it('DELETE removes the row and audits it; unknown addresses are 404', async () => {
    await create({ ip_address: '10.1.0.70', type: 'VM' }).expect(200);
    await t.http.delete('/ip-assets/10.1.0.70').set(bearer(editor)).expect(204);
    await t.http.delete('/ip-assets/10.1.0.70').set(bearer(editor)).expect(404);
    await t.http.delete('/ip-assets/not-an-ip').set(bearer(editor)).expect(404);
    expect((await auditFor('10.1.0.70'))[0]).toMatchObject({ action: 'DELETE', changes: 'Deleted IP asset.' });
  });

  it('needs an Editor (or Admin) to write', async () => {
    const viewer = await t.tokenFor(Role.Viewer);
    const admin = await t.tokenFor(Role.Admin);
    await t.http.post('/ip-assets').send({ ip_address: '10.1.0.80', type: 'VM' }).expect(401);
    await t.http.post('/ip-assets').set(bearer(viewer)).send({ ip_address: '10.1.0.80', type: 'VM' }).expect(403);
    await t.http.post('/ip-assets').set(bearer(admin)).send({ ip_address: '10.1.0.80', type: 'VM' }).expect(200);
  });
});
