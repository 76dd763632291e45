import { Actor, Role } from '../../src/common/actor';
import { AuditLog } from '../../src/audit/audit-log.entity';
import { DomainError } from '../../src/common/errors/domain-error';
import { HostsService } from '../../src/hosts/hosts.service';
import { IpAssetsService } from '../../src/ip-assets/ip-assets.service';
import { TagsService } from '../../src/tags/tags.service';
import { User } from '../../src/users/user.entity';
import { VendorsService } from '../../src/vendors/vendors.service';
import { bearer, TestApp } from '../support/test-app';
import { UiSession } from '../support/ui-support';

interface AuditRow {
  username: string | null;
  target_type: string;
  target_label: string;
  action: string;
  changes: string | null;
}

/** A host saved together with its OS/BMC addresses (one transaction), the hosts page query, and the BMC auto-host audit. */
describe('hosts with their addresses', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  let ipAssets: IpAssetsService;
  let hosts: HostsService;
  let actor: Actor;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor, 'hosts-editor');
    admin = await t.tokenFor(Role.Admin);
    ipAssets = t.app.get(IpAssetsService);
    hosts = t.app.get(HostsService);
    const user = await t.db.reader.findOneByOrFail(User, { username: 'hosts-editor' });
    actor = { id: user.id, username: user.username, role: Role.Editor };
  });
  afterAll(() => t?.close());

  const audit = async (query: string): Promise<AuditRow[]> => (await t.http.get(`/audit-log?${query}`).set(bearer(admin)).expect(200)).body as AuditRow[];
  const auditCount = () => t.db.reader.count(AuditLog);
  const asset = (ip: string) => t.http.get(`/ip-assets/${ip}`).set(bearer(editor));
  const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

  it('creates the host and its addresses together, each change audited', async () => {
    const project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'tx-project' }).expect(200)).body as { id: number };
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.61.0.2', type: 'VM' }).expect(200);
    const host = await ipAssets.saveHostWithAddresses(actor, null, { name: 'tx-node', notes: '', vendorId: null, osIps: ['10.61.0.1'], bmcIps: ['10.61.0.2'], projectId: project.id });
    expect((await asset('10.61.0.1')).body).toMatchObject({ type: 'OS', host_id: host.id, project_id: project.id });
    expect((await asset('10.61.0.2')).body).toMatchObject({ type: 'BMC', host_id: host.id, project_id: project.id });
    expect(await audit('target_type=HOST&target_label=tx-node')).toEqual([expect.objectContaining({ action: 'CREATE', username: 'hosts-editor' })]);
    expect((await audit('target_type=IP_ASSET&target_label=10.61.0.2')).map((a) => a.action)).toEqual(['UPDATE', 'CREATE']);
  });

  it('writes nothing when creating a host fails part-way through its addresses', async () => {
    const before = await auditCount();
    const error = await rejection(ipAssets.saveHostWithAddresses(actor, null, { name: 'doomed-node', notes: 'x', vendorId: null, osIps: ['10.62.0.1'], bmcIps: ['10.62.0.2'], projectId: 999999 }));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe('Project not found.');
    expect((await hosts.list({ q: 'doomed-node' })).items).toEqual([]);
    await asset('10.62.0.1').expect(404);
    await asset('10.62.0.2').expect(404);
    expect(await auditCount()).toBe(before);
  });

  it('writes nothing when editing a host fails after the rename and an unlink', async () => {
    const host = await ipAssets.saveHostWithAddresses(actor, null, { name: 'keep-node', notes: '', vendorId: null, osIps: ['10.63.0.1', '10.63.0.2'], bmcIps: [] });
    const before = await auditCount();
    // Renames the host and unlinks 10.63.0.2 before giving 10.63.0.1 a project that does not exist.
    const error = await rejection(ipAssets.saveHostWithAddresses(actor, host.id, { name: 'renamed-node', notes: '', vendorId: null, osIps: ['10.63.0.1'], bmcIps: ['10.63.0.3'], projectId: 999999 }));
    expect((error as DomainError).message).toBe('Project not found.');
    expect((await hosts.get(host.id)).name).toBe('keep-node');
    expect((await asset('10.63.0.2')).body).toMatchObject({ host_id: host.id });
    await asset('10.63.0.3').expect(404);
    expect(await auditCount()).toBe(before);
  });

  it('edits the host and its addresses in one save through the UI', async () => {
    const session = await UiSession.login(t, Role.Editor);
    await session.get('/ui/hosts');
    expect((await session.post('/ui/hosts', { name: 'ui-tx-node', os_ips: '10.64.0.1, 10.64.0.2', bmc_ips: '10.64.1.1' })).status).toBe(303);
    const hostId = (await asset('10.64.0.1')).body.host_id as number;
    const res = await session.post(`/ui/hosts/${hostId}/edit`, { name: 'ui-tx-node-2', os_ips: '10.64.0.1', bmc_ips: '10.64.1.1 10.64.1.2', notes: '' });
    expect(res.status).toBe(303);
    expect((await hosts.get(hostId)).name).toBe('ui-tx-node-2');
    expect((await asset('10.64.0.2')).body).toMatchObject({ type: 'OS', host_id: null });
    expect((await asset('10.64.1.2')).body).toMatchObject({ type: 'BMC', host_id: hostId });
    expect((await audit(`target_type=HOST&target_id=${hostId}`)).map((a) => a.action)).toEqual(['UPDATE', 'CREATE']);
  });

  it('refuses a UI edit whose new name is taken, leaving the addresses as they were', async () => {
    const session = await UiSession.login(t, Role.Editor);
    await session.get('/ui/hosts');
    await session.post('/ui/hosts', { name: 'taken-name' });
    await session.post('/ui/hosts', { name: 'clash-node', os_ips: '10.65.0.1' });
    const hostId = (await asset('10.65.0.1')).body.host_id as number;
    const res = await session.post(`/ui/hosts/${hostId}/edit`, { name: 'taken-name', os_ips: '', bmc_ips: '10.65.0.9' });
    expect(res.status).toBe(409);
    expect((await asset('10.65.0.1')).body).toMatchObject({ host_id: hostId });
    await asset('10.65.0.9').expect(404);
  });

  it('audits the host the BMC auto-host path creates, with the acting user (REST and UI)', async () => {
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.66.0.1', type: 'BMC' }).expect(200);
    expect(await audit('target_type=HOST&target_label=server_10.66.0.1')).toEqual([
      expect.objectContaining({ action: 'CREATE', username: 'hosts-editor', changes: 'Created host (vendor=None, notes=)' }),
    ]);
    // An existing host of that name is reused, not created (nor audited) again.
    await t.http.delete('/ip-assets/10.66.0.1').set(bearer(editor)).expect(204);
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.66.0.1', type: 'BMC' }).expect(200);
    expect(await audit('target_type=HOST&target_label=server_10.66.0.1')).toHaveLength(1);

    const session = await UiSession.login(t, Role.Editor, 'auto-host-ui');
    await session.get('/ui/ip-assets');
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.66.0.2', type: 'BMC' }).expect(200);
    const created = (await asset('10.66.0.2')).body as { id: number; host_id: number };
    await t.http.patch('/ip-assets/10.66.0.2').set(bearer(editor)).send({ host_id: null }).expect(200);
    await hosts.remove(null, created.host_id);
    const res = await session.post(`/ui/ip-assets/${created.id}/auto-host`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ host_name: 'server_10.66.0.2' });
    expect((await asset('10.66.0.2')).body.host_id).toBe(res.body.host_id);
    expect((await audit('target_type=HOST&target_label=server_10.66.0.2')).map((a) => [a.action, a.username])).toEqual([
      ['CREATE', 'auto-host-ui'],
      ['DELETE', null],
      ['CREATE', 'hosts-editor'],
    ]);
    expect((await session.post(`/ui/ip-assets/${created.id}/auto-host`, {})).status).toBe(409);
  });

  it('pages hosts with filters over their linked active assets, in SQL', async () => {
    await t.http.post('/projects').set(bearer(editor)).send({ name: 'zebra-project' }).expect(200);
    const zebra = ((await t.http.get('/projects').set(bearer(editor))).body as Array<{ id: number; name: string }>).find((p) => p.name === 'zebra-project')!;
    await ipAssets.saveHostWithAddresses(actor, null, { name: 'page-a', notes: '', vendorId: null, osIps: ['10.67.0.1'], bmcIps: [], projectId: zebra.id });
    await ipAssets.saveHostWithAddresses(actor, null, { name: 'page-b', notes: '', vendorId: null, osIps: ['10.67.0.2'], bmcIps: [] });
    await t.http.patch('/ip-assets/10.67.0.2').set(bearer(editor)).send({ tags: ['giraffe'] }).expect(200);
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.67.0.3', type: 'OS', project_id: zebra.id }).expect(200);
    await ipAssets.saveHostWithAddresses(actor, null, { name: 'page-c', notes: '', vendorId: null, osIps: ['10.67.0.3'], bmcIps: [] });
    await t.http.post('/ip-assets/10.67.0.3/archive').set(bearer(editor));
    await t.http.delete('/ip-assets/10.67.0.3').set(bearer(editor));

    const names = async (filters: Parameters<HostsService['listPage']>[0], limit = 50, offset = 0) => {
      const page = await hosts.listPage(filters, { limit, offset });
      return { names: page.items.map((h) => h.name), total: page.total };
    };
    expect(await names({ q: 'zebra' })).toEqual({ names: ['page-a'], total: 1 });
    expect(await names({ q: 'giraffe' })).toEqual({ names: ['page-b'], total: 1 });
    expect(await names({ q: 'page-', projectId: 'unassigned' })).toEqual({ names: ['page-b', 'page-c'], total: 2 });
    expect(await names({ q: 'page-', unassignedOnly: true, projectId: zebra.id })).toEqual({ names: [], total: 0 });
    expect(await names({ q: 'page-', status: 'free' })).toEqual({ names: ['page-c'], total: 1 });
    expect(await names({ q: 'page-', tags: ['giraffe'] })).toEqual({ names: ['page-b'], total: 1 });
    expect(await names({ q: 'page-' }, 1, 1)).toEqual({ names: ['page-b'], total: 3 });
    const [pageA] = (await hosts.listPage({ q: 'page-a' }, { limit: 10, offset: 0 })).items;
    expect(pageA).toEqual(await hosts.detail(pageA.id));
  });

  it('offers the catalogues without usage counts', async () => {
    await t.http.post('/vendors').set(bearer(editor)).send({ name: 'Catalogue Vendor' }).expect(200);
    await t.http.post('/tags').set(bearer(editor)).send({ name: 'catalogue-tag', color: '#112233' }).expect(200);
    const vendors = await t.app.get(VendorsService).catalogue();
    const tags = await t.app.get(TagsService).catalogue();
    expect(vendors).toContainEqual({ id: expect.any(Number), name: 'Catalogue Vendor' });
    expect(tags).toContainEqual({ id: expect.any(Number), name: 'catalogue-tag', color: '#112233' });
    expect(tags.map((x) => x.name)).toEqual([...tags.map((x) => x.name)].sort());
  });

  it('answers active asset ids only', async () => {
    const a = (await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.68.0.1', type: 'VM' }).expect(200)).body as { id: number };
    const b = (await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.68.0.2', type: 'VM' }).expect(200)).body as { id: number };
    await t.http.post('/ip-assets/10.68.0.2/archive').set(bearer(editor));
    expect(await ipAssets.activeIdsIn([b.id, a.id, 987654])).toEqual([a.id]);
    expect((await ipAssets.getActiveById(a.id)).ipAddress).toBe('10.68.0.1');
    expect(((await rejection(ipAssets.getActiveById(b.id))) as DomainError).message).toBe('IP asset not found.');
  });
});
