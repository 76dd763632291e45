import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';

describe('POST /ip-assets/bulk', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  let project: number;
  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_PUBLIC_READ: 'true' });
    editor = await t.tokenFor(Role.Editor);
    admin = await t.tokenFor(Role.Admin);
    project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'bulk' }).expect(200)).body.id;
    for (const [ip, tags] of [['10.2.0.1', ['a']], ['10.2.0.2', ['a', 'b']], ['10.2.0.3', []]] as const) {
      await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: ip, type: 'VM', tags, notes: 'old' }).expect(200);
    }
  });
  afterAll(() => t.close());

  const bulk = (body: Record<string, unknown>) => t.http.post('/ip-assets/bulk').set(bearer(editor)).send(body);
  const get = async (ip: string) => (await t.http.get(`/ip-assets/${ip}`).expect(200)).body;
  const auditCount = async () => Number((await t.http.get('/audit-log?target_type=IP_ASSET&action=UPDATE&limit=1').set(bearer(admin)).expect(200)).headers['x-total-count']);

  it('applies type, project, tags and notes to every target and audits only the rows that changed', async () => {
    const before = await auditCount();
    const res = await bulk({ ip_addresses: ['10.2.0.1', '10.2.0.2'], ids: [(await get('10.2.0.3')).id], project_id: project, add_tags: ['b'], remove_tags: 'a', notes_action: 'overwrite', notes: 'bulk' }).expect(200);
    expect(res.body.unchanged).toBe(0);
    expect(res.body.updated.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.2.0.1', '10.2.0.2', '10.2.0.3']);
    for (const ip of ['10.2.0.1', '10.2.0.2', '10.2.0.3']) expect(await get(ip)).toMatchObject({ project_id: project, tags: ['b'], notes: 'bulk' });
    expect((await auditCount()) - before).toBe(3);

    // The same request again changes nothing: no writes, no audit rows (U2).
    const again = await bulk({ ip_addresses: ['10.2.0.1', '10.2.0.2', '10.2.0.3'], project_id: project, add_tags: ['b'], notes_action: 'overwrite', notes: 'bulk' }).expect(200);
    expect(again.body).toEqual({ updated: [], unchanged: 3 });
    expect((await auditCount()) - before).toBe(3);

    const audit = (await t.http.get('/audit-log?target_type=IP_ASSET&target_label=10.2.0.1').set(bearer(admin)).expect(200)).body;
    expect(audit[0].changes).toBe('project: Unassigned -> bulk; notes: old -> bulk; tags: a -> b');
  });

  it('is all or nothing: one unknown address means 404 and nothing written', async () => {
    const before = await get('10.2.0.1');
    const res = await bulk({ ip_addresses: ['10.2.0.1', '10.2.0.99'], type: 'OS', notes_action: 'clear' }).expect(404);
    expect(res.body).toEqual({ detail: 'IP address not found: 10.2.0.99' });
    expect(await get('10.2.0.1')).toEqual(before);
    expect((await bulk({ ids: [987654], type: 'OS' }).expect(404)).body).toEqual({ detail: 'IP asset not found: 987654' });
  });

  it('clears the project with null and notes with clear', async () => {
    await bulk({ ip_addresses: ['10.2.0.3'], project_id: null, notes_action: 'clear' }).expect(200);
    expect(await get('10.2.0.3')).toMatchObject({ project_id: null, notes: null });
  });

  it('writes only what it was asked to: type null or omitted keeps each row its own type, project and notes', async () => {
    await bulk({ ip_addresses: ['10.2.0.1'], type: 'OS' }).expect(200);
    await bulk({ ip_addresses: ['10.2.0.2'], project_id: null }).expect(200);
    const before = await Promise.all(['10.2.0.1', '10.2.0.2', '10.2.0.3'].map(get));
    const res = await bulk({ ip_addresses: ['10.2.0.1', '10.2.0.2', '10.2.0.3'], type: null, add_tags: ['c'] }).expect(200);
    expect(res.body.updated).toHaveLength(3);
    const after = await Promise.all(['10.2.0.1', '10.2.0.2', '10.2.0.3'].map(get));
    after.forEach((asset, i) => {
      const { type, project_id, notes, tags } = before[i];
      expect(asset).toMatchObject({ type, project_id, notes, tags: [...tags, 'c'].sort() });
    });
    expect(after.map((a) => a.type)).toEqual(['OS', 'VM', 'VM']);
  });

  it('refuses bad requests with a clear 4xx', async () => {
    expect((await bulk({ type: 'OS' }).expect(422)).body).toEqual({ detail: 'Give at least one target in ip_addresses or ids.' });
    expect((await bulk({ ip_addresses: ['10.2.0.1'], notes_action: 'overwrite', notes: '  ' }).expect(422)).body).toEqual({ detail: 'notes must be a non-empty text when notes_action is overwrite.' });
    expect((await bulk({ ip_addresses: ['10.2.0.1'], project_id: 555555 }).expect(422)).body).toEqual({ detail: 'Project not found.' });
    expect((await bulk({ ip_addresses: ['fe80::1%eth0'] }).expect(400)).body).toEqual({ detail: 'Invalid IP address: fe80::1%eth0' });
    expect(Array.isArray((await bulk({ ip_addresses: Array.from({ length: 5001 }, (_, i) => `10.3.${i >> 8}.${i & 255}`) }).expect(422)).body.detail)).toBe(true);
    expect(Array.isArray((await bulk({ ids: ['1; DROP TABLE ip_assets'] }).expect(422)).body.detail)).toBe(true);
    expect(Array.isArray((await bulk({ ids: [1], notes_action: 'append' }).expect(422)).body.detail)).toBe(true);
    await t.http.post('/ip-assets/bulk').set(bearer(await t.tokenFor(Role.Viewer))).send({ ids: [1] }).expect(403);
  });
});
