import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';

describe('projects, vendors and tags', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_PUBLIC_READ: 'true' });
    editor = await t.tokenFor(Role.Editor);
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'delete', path: string, body?: Record<string, unknown>) => t.http[method](path).set(bearer(editor)).send(body);
  const audit = async (type: string, id: number) => (await t.http.get(`/audit-log?target_type=${type}&target_id=${id}`).set(bearer(admin)).expect(200)).body;

  describe('projects', () => {
    it('creates with trimmed name, default or lower-cased colour; 409 on clash; 422 on empty name or bad colour', async () => {
      const p = await send('post', '/projects', { name: '  Core  ', description: 'Main' }).expect(200);
      expect(p.body).toEqual({ id: expect.any(Number), name: 'Core', description: 'Main', color: '#94a3b8' });
      const q = await send('post', '/projects', { name: 'Edge', color: ' #AABBCC ' }).expect(200);
      expect(q.body.color).toBe('#aabbcc');
      expect((await send('post', '/projects', { name: 'Core' }).expect(409)).body).toEqual({ detail: 'Project already exists.' });
      expect((await send('post', '/projects', { name: '' }).expect(422)).body).toEqual({ detail: 'Project name is required.' });
      expect((await send('post', '/projects', { name: 'x', color: '#abc' }).expect(422)).body).toEqual({ detail: 'Color must be a hex value like #1a2b3c.' });
      expect(Array.isArray((await send('post', '/projects', {}).expect(422)).body.detail)).toBe(true);
      expect((await audit('PROJECT', p.body.id))[0]).toMatchObject({ action: 'CREATE', changes: 'Created project (color=#94a3b8, description=Main)' });
    });

    it('lists by name with the count of active IP assets', async () => {
      const p = (await send('post', '/projects', { name: 'Counted' }).expect(200)).body;
      await send('post', '/ip-assets', { ip_address: '10.8.0.1', type: 'VM', project_id: p.id }).expect(200);
      await send('post', '/ip-assets', { ip_address: '10.8.0.2', type: 'VM', project_id: p.id }).expect(200);
      await send('post', '/ip-assets/10.8.0.2/archive').expect(204);
      const list = (await t.http.get('/projects').expect(200)).body;
      expect(list.map((x: { name: string }) => x.name)).toEqual(['Core', 'Counted', 'Edge']);
      expect(list.find((x: { id: number }) => x.id === p.id)).toEqual({ ...p, ip_count: 1 });
    });

    it('PATCH keeps omitted/null fields, ignores blank colour, audits real changes only', async () => {
      const p = (await send('post', '/projects', { name: 'Rename', description: 'd' }).expect(200)).body;
      expect((await send('patch', `/projects/${p.id}`, { name: null, color: '' }).expect(200)).body).toEqual(p);
      const changed = await send('patch', `/projects/${p.id}`, { name: 'Renamed', description: '', color: '#FFFFFF' }).expect(200);
      expect(changed.body).toEqual({ id: p.id, name: 'Renamed', description: '', color: '#ffffff' });
      const rows = await audit('PROJECT', p.id);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['UPDATE', 'CREATE']);
      expect(rows[0].changes).toBe('name: Rename -> Renamed; description: d -> ; color: #94a3b8 -> #ffffff');
      expect((await send('patch', `/projects/${p.id}`, { name: 'Core' }).expect(409)).body).toEqual({ detail: 'Project already exists.' });
      await send('patch', '/projects/999999', { name: 'x' }).expect(404);
    });

    it('DELETE unassigns its IP assets in the same transaction and is audited', async () => {
      const p = (await send('post', '/projects', { name: 'Doomed' }).expect(200)).body;
      await send('post', '/ip-assets', { ip_address: '10.8.1.1', type: 'VM', project_id: p.id }).expect(200);
      await send('delete', `/projects/${p.id}`).expect(204);
      expect((await t.http.get('/ip-assets/10.8.1.1').expect(200)).body.project_id).toBeNull();
      expect((await audit('PROJECT', p.id))[0]).toMatchObject({ action: 'DELETE', changes: 'Deleted project (unassigned 1 IP assets)' });
      await send('delete', `/projects/${p.id}`).expect(404);
    });
  });

  describe('vendors', () => {
    it('creates trimmed, renames, 409 on clash, 422 on empty; list counts active IPs via hosts; delete unlinks hosts', async () => {
      const v = await send('post', '/vendors', { name: '  HPE  ' }).expect(200);
      expect(v.body).toEqual({ id: expect.any(Number), name: 'HPE' });
      expect((await send('post', '/vendors', { name: 'HPE' }).expect(409)).body).toEqual({ detail: 'Vendor already exists.' });
      expect((await send('post', '/vendors', { name: '   ' }).expect(422)).body).toEqual({ detail: 'Vendor name is required.' });
      await send('post', '/vendors', { name: 'Lenovo' }).expect(200);
      expect((await send('patch', `/vendors/${v.body.id}`, { name: 'Lenovo' }).expect(409)).body).toEqual({ detail: 'Vendor already exists.' });

      const host = (await send('post', '/hosts', { name: 'hpe-box', vendor_id: v.body.id }).expect(200)).body;
      await send('post', '/ip-assets', { ip_address: '10.8.2.1', type: 'OS', host_id: host.id }).expect(200);
      await send('post', '/ip-assets', { ip_address: '10.8.2.2', type: 'BMC', host_id: host.id }).expect(200);
      const list = (await t.http.get('/vendors').expect(200)).body;
      expect(list).toEqual([
        { id: v.body.id, name: 'HPE', ip_count: 2 },
        { id: expect.any(Number), name: 'Lenovo', ip_count: 0 },
      ]);

      expect((await send('patch', `/vendors/${v.body.id}`, { name: 'HPE Inc' }).expect(200)).body).toEqual({ id: v.body.id, name: 'HPE Inc' });
      await send('delete', `/vendors/${v.body.id}`).expect(204);
      expect((await t.http.get(`/hosts/${host.id}`).expect(200)).body.vendor).toBeNull();
      expect((await audit('VENDOR', v.body.id)).map((r: { action: string }) => r.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
    });
  });

  describe('tags', () => {
    it('normalises names, validates and lower-cases colours, 409 on clash', async () => {
      const tag = await send('post', '/tags', { name: '  Prod ', color: '#22C55E' }).expect(200);
      expect(tag.body).toEqual({ id: expect.any(Number), name: 'prod', color: '#22c55e' });
      expect((await send('post', '/tags', { name: 'new' }).expect(200)).body.color).toBe('#e2e8f0');
      expect((await send('post', '/tags', { name: 'PROD' }).expect(409)).body).toEqual({ detail: 'Tag already exists.' });
      expect((await send('post', '/tags', { name: 'bad name' }).expect(422)).body).toEqual({ detail: 'Tag name may include letters, digits, dash, and underscore only.' });
      expect((await send('post', '/tags', { name: "x'); DROP TABLE tags;--" }).expect(422)).body.detail).toBe('Tag name may include letters, digits, dash, and underscore only.');
      expect((await send('post', '/tags', { name: ' ' }).expect(422)).body).toEqual({ detail: 'Tag name is required.' });
      expect((await send('post', '/tags', { name: 'ok', color: 'red' }).expect(422)).body).toEqual({ detail: 'Color must be a hex value like #1a2b3c.' });
      expect((await send('patch', `/tags/${tag.body.id}`, { name: 'NEW' }).expect(409)).body).toEqual({ detail: 'Tag already exists.' });
      const renamed = await send('patch', `/tags/${tag.body.id}`, { name: 'production', color: '#000000' }).expect(200);
      expect(renamed.body).toEqual({ id: tag.body.id, name: 'production', color: '#000000' });
      expect((await audit('TAG', tag.body.id))[0]).toMatchObject({ action: 'UPDATE', changes: 'name: prod -> production; color: #22c55e -> #000000' });
    });

    it('lists with active IP counts and deleting a tag unlinks it from assets', async () => {
      await send('post', '/ip-assets', { ip_address: '10.8.3.1', type: 'VM', tags: ['count-me', 'stay'] }).expect(200);
      await send('post', '/ip-assets', { ip_address: '10.8.3.2', type: 'VM', tags: ['count-me'] }).expect(200);
      await send('post', '/ip-assets', { ip_address: '10.8.3.3', type: 'VM', tags: ['count-me'] }).expect(200);
      await send('post', '/ip-assets/10.8.3.3/archive').expect(204);
      const list = (await t.http.get('/tags').expect(200)).body;
      const countMe = list.find((x: { name: string }) => x.name === 'count-me');
      expect(countMe.ip_count).toBe(2);
      expect(list.map((x: { name: string }) => x.name)).toEqual([...list.map((x: { name: string }) => x.name)].sort());

      await send('delete', `/tags/${countMe.id}`).expect(204);
      expect((await t.http.get('/ip-assets/10.8.3.1').expect(200)).body.tags).toEqual(['stay']);
      expect((await audit('TAG', countMe.id))[0]).toMatchObject({ action: 'DELETE', changes: 'Deleted tag (unlinked from 3 IP assets)' });
      await send('delete', `/tags/${countMe.id}`).expect(404);
      await send('delete', '/tags/abc').expect(422);
    });
  });
});
