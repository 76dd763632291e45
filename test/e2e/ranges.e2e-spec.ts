import { Role } from '../../src/common/actor';
import { ipKey, parseIp } from '../../src/common/ip';
import { nowText } from '../../src/infra/database/timestamps';
import { IpAsset, IpAssetType } from '../../src/ip-assets/ip-asset.entity';
import { bearer, TestApp } from '../support/test-app';

/** Inserts active assets straight into the table, in chunks: fast set-up for big ranges. */
async function seedAddresses(t: TestApp, addresses: string[], type = IpAssetType.VM): Promise<void> {
  const now = nowText();
  await t.db.transaction(async (em) => {
    for (let i = 0; i < addresses.length; i += 500) {
      const rows = addresses.slice(i, i + 500).map((text) => {
        const ip = parseIp(text)!;
        return { ipAddress: ip.canonical, ipKey: ip.key, type, projectId: null, hostId: null, notes: null, archived: false, createdAt: now, updatedAt: now };
      });
      await em.createQueryBuilder().insert().into(IpAsset).values(rows).updateEntity(false).execute();
    }
  });
}

describe('ranges', () => {
  let t: TestApp;
  let editor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
    viewer = await t.tokenFor(Role.Viewer);
  });
  afterAll(() => t.close());

  const createRange = async (name: string, cidr: string, notes?: string) =>
    (await t.http.post('/ranges').set(bearer(editor)).send({ name, cidr, notes }).expect(200)).body;
  const createAsset = (ip_address: string, extra: Record<string, unknown> = {}) =>
    t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address, type: 'VM', ...extra }).expect(200);

  describe('CRUD', () => {
    it('creates IPv4 and IPv6 ranges in canonical form and refuses duplicates with 409', async () => {
      const v4 = await createRange('Office', '192.168.50.0/24', 'second floor');
      expect(v4).toMatchObject({ name: 'Office', cidr: '192.168.50.0/24', notes: 'second floor', total_usable: 254, used: 0, free: 254, utilisation_percent: 0 });
      expect(v4.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const v6 = await createRange('Lab v6', '2001:DB8:0:0::/64');
      expect(v6.cidr).toBe('2001:db8::/64');
      expect(v6.total_usable).toBe('18446744073709551616');
      const dup = await t.http.post('/ranges').set(bearer(editor)).send({ name: 'Again', cidr: '2001:db8:0::/64' }).expect(409);
      expect(dup.body).toEqual({ detail: 'Range already exists.' });
      const bare = await createRange('One host', '10.99.0.7');
      expect(bare).toMatchObject({ cidr: '10.99.0.7/32', total_usable: 1 });
    });

    it('lists ranges by name, reads one, patches and deletes with audit rows', async () => {
      const a = await createRange('zz-last', '172.16.9.0/24');
      const list = (await t.http.get('/ranges').set(bearer(viewer)).expect(200)).body as { name: string }[];
      expect(list.map((r) => r.name)).toEqual([...list.map((r) => r.name)].sort());
      expect((await t.http.get(`/ranges/${a.id}`).set(bearer(viewer)).expect(200)).body.cidr).toBe('172.16.9.0/24');

      const patched = await t.http.patch(`/ranges/${a.id}`).set(bearer(editor)).send({ name: 'renamed', cidr: '172.16.10.0/23', notes: 'n' }).expect(200);
      expect(patched.body).toMatchObject({ name: 'renamed', cidr: '172.16.10.0/23', notes: 'n', total_usable: 510 });
      const cleared = await t.http.patch(`/ranges/${a.id}`).set(bearer(editor)).send({ notes: null }).expect(200);
      expect(cleared.body.notes).toBeNull();
      await t.http.patch(`/ranges/${a.id}`).set(bearer(editor)).send({ name: null }).expect(422);

      await t.http.delete(`/ranges/${a.id}`).set(bearer(editor)).expect(204);
      await t.http.get(`/ranges/${a.id}`).set(bearer(viewer)).expect(404);
      const admin = await t.tokenFor(Role.Admin);
      const audit = (await t.http.get(`/audit-log?target_type=RANGE&target_id=${a.id}`).set(bearer(admin)).expect(200)).body as { action: string; changes: string }[];
      expect(audit.map((r) => r.action)).toEqual(['DELETE', 'UPDATE', 'UPDATE', 'CREATE']);
      expect(audit[2].changes).toBe('name: zz-last -> renamed; cidr: 172.16.9.0/24 -> 172.16.10.0/23; notes:  -> n');
    });

    it('needs Editor to write and a login to read', async () => {
      await t.http.post('/ranges').set(bearer(viewer)).send({ name: 'x', cidr: '10.1.0.0/16' }).expect(403);
      await t.http.post('/ranges').send({ name: 'x', cidr: '10.1.0.0/16' }).expect(401);
      await t.http.get('/ranges').expect(401);
    });
  });

  describe('hostile input', () => {
    it.each([
      ['not-a-cidr', /valid IPv4 or IPv6 network/],
      ['10.0.0.1/24', /host bits are set \(did you mean 10\.0\.0\.0\/24\?\)/],
      ['10.0.0.0/33', /valid/],
      ['2001:db8::/129', /valid/],
      ['fe80::1%eth0/128', /valid/],
      ['10.0.0.0/024', /valid/],
      ["10.0.0.0/8'; DROP TABLE ip_ranges; --", /valid/],
      ['   ', /CIDR is required/],
    ])('refuses CIDR %p with 422 and a detail', async (cidr, message) => {
      const res = await t.http.post('/ranges').set(bearer(editor)).send({ name: 'bad', cidr }).expect(422);
      expect(res.body.detail).toMatch(message);
    });

    it('refuses blank names, wrong types and unknown fields', async () => {
      expect((await t.http.post('/ranges').set(bearer(editor)).send({ name: '  ', cidr: '10.5.0.0/16' }).expect(422)).body.detail).toBe('Range name is required.');
      expect(Array.isArray((await t.http.post('/ranges').set(bearer(editor)).send({ name: 1, cidr: ['x'] }).expect(422)).body.detail)).toBe(true);
      await t.http.post('/ranges').set(bearer(editor)).send({ name: 'a', cidr: '10.6.0.0/16', owner: 'x' }).expect(422);
    });

    it('answers 404/422 for unknown or malformed ids and bad paging, never 500', async () => {
      const r = await createRange('paging', '10.77.0.0/24');
      expect((await t.http.get('/ranges/999999').set(bearer(viewer)).expect(404)).body).toEqual({ detail: 'IP range not found.' });
      await t.http.get('/ranges/abc').set(bearer(viewer)).expect(422);
      await t.http.get('/ranges/-1').set(bearer(viewer)).expect(422);
      await t.http.patch('/ranges/999999').set(bearer(editor)).send({ name: 'x' }).expect(404);
      await t.http.delete('/ranges/999999').set(bearer(editor)).expect(404);
      await t.http.get('/ranges/999999/addresses').set(bearer(viewer)).expect(404);
      for (const query of ['limit=100000', 'limit=0', 'offset=-1', 'offset=1e400', 'status=bogus', 'type=vm', 'tag=bad%20tag', 'project_id=x']) {
        const res = await t.http.get(`/ranges/${r.id}/addresses?${query}`).set(bearer(viewer));
        expect([400, 422]).toContain(res.status);
        expect(res.body.detail).toBeDefined();
      }
      const metachars = await t.http.get(`/ranges/${r.id}/addresses?q=${encodeURIComponent("%_\\' OR 1=1 --")}`).set(bearer(viewer)).expect(200);
      expect(metachars.body).toEqual([]);
    });
  });

  describe('utilisation (D6)', () => {
    it('counts a /24 without its network and broadcast rows', async () => {
      const r = await createRange('util24', '10.20.30.0/24');
      for (const ip of ['10.20.30.0', '10.20.30.1', '10.20.30.2', '10.20.30.255']) await createAsset(ip);
      await createAsset('10.20.30.3');
      await t.http.post('/ip-assets/10.20.30.3/archive').set(bearer(editor)).expect(204);
      const body = (await t.http.get(`/ranges/${r.id}`).set(bearer(viewer)).expect(200)).body;
      expect(body).toMatchObject({ total_usable: 254, used: 2, free: 252, utilisation_percent: 0.79 });
    });

    it('counts every address of a /31 and a /32', async () => {
      const r31 = await createRange('util31', '10.20.31.0/31');
      const r32 = await createRange('util32', '10.20.32.9/32');
      await createAsset('10.20.31.0');
      await createAsset('10.20.31.1');
      await createAsset('10.20.32.9');
      expect((await t.http.get(`/ranges/${r31.id}`).set(bearer(viewer))).body).toMatchObject({ total_usable: 2, used: 2, free: 0, utilisation_percent: 100 });
      expect((await t.http.get(`/ranges/${r32.id}`).set(bearer(viewer))).body).toMatchObject({ total_usable: 1, used: 1, free: 0, utilisation_percent: 100 });
    });

    it('gives IPv6 /64 sizes as decimal strings', async () => {
      const r = await createRange('util64', '2001:db8:64::/64');
      await createAsset('2001:DB8:64::0001');
      await createAsset('2001:db8:64::ffff:ffff:ffff:ffff');
      await createAsset('2001:db8:65::1');
      const body = (await t.http.get(`/ranges/${r.id}`).set(bearer(viewer))).body;
      expect(body).toMatchObject({ total_usable: '18446744073709551616', used: 2, free: '18446744073709551614', utilisation_percent: 0 });
    });
  });

  describe('address drill-down', () => {
    it('shows reserved, used (with project, host pair, tags) and free rows in order', async () => {
      const r = await createRange('drill', '10.40.0.0/29');
      const project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'Drill', color: '#112233' }).expect(200)).body;
      const host = (await t.http.post('/hosts').set(bearer(editor)).send({ name: 'drill-host' }).expect(200)).body;
      await createAsset('10.40.0.2', { type: 'OS', host_id: host.id, project_id: project.id, tags: ['prod', 'edge'], notes: 'web' });
      await createAsset('10.40.0.5', { type: 'BMC', host_id: host.id });
      await createAsset('10.40.0.7');
      const res = await t.http.get(`/ranges/${r.id}/addresses`).set(bearer(viewer)).expect(200);
      expect(res.headers['x-total-count']).toBe('8');
      expect(res.body.map((a: { ip_address: string; status: string }) => `${a.ip_address}:${a.status}`)).toEqual([
        '10.40.0.0:reserved',
        '10.40.0.1:free',
        '10.40.0.2:used',
        '10.40.0.3:free',
        '10.40.0.4:free',
        '10.40.0.5:used',
        '10.40.0.6:free',
        '10.40.0.7:reserved',
      ]);
      expect(res.body[2]).toEqual({
        ip_address: '10.40.0.2',
        status: 'used',
        id: expect.any(Number),
        type: 'OS',
        project: { id: project.id, name: 'Drill', color: '#112233' },
        host: { id: host.id, name: 'drill-host' },
        host_pair: ['10.40.0.5'],
        tags: ['edge', 'prod'],
        notes: 'web',
      });
      expect(res.body[5].host_pair).toEqual(['10.40.0.2']);
      expect(res.body[7]).toMatchObject({ status: 'reserved', id: expect.any(Number), type: 'VM' });

      const used = await t.http.get(`/ranges/${r.id}/addresses?status=used`).set(bearer(viewer)).expect(200);
      expect(used.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.40.0.2', '10.40.0.5']);
      expect(used.headers['x-total-count']).toBe('2');
      const free = await t.http.get(`/ranges/${r.id}/addresses?status=free&limit=2&offset=1`).set(bearer(viewer)).expect(200);
      expect(free.body).toEqual([
        { ip_address: '10.40.0.3', status: 'free' },
        { ip_address: '10.40.0.4', status: 'free' },
      ]);
      expect(free.headers['x-total-count']).toBe('4');

      const tagged = await t.http.get(`/ranges/${r.id}/addresses?tag=prod`).set(bearer(viewer)).expect(200);
      expect(tagged.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.40.0.2']);
      const typed = await t.http.get(`/ranges/${r.id}/addresses?status=used&type=BMC`).set(bearer(viewer)).expect(200);
      expect(typed.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.40.0.5']);
      const byProject = await t.http.get(`/ranges/${r.id}/addresses?project_id=unassigned`).set(bearer(viewer)).expect(200);
      expect(byProject.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.40.0.5']);
      expect((await t.http.get(`/ranges/${r.id}/addresses?status=free&tag=prod`).set(bearer(viewer)).expect(200)).body).toEqual([]);
    });

    it('pages deep into a /16 with thousands of used addresses', async () => {
      const r = await createRange('deep16', '10.60.0.0/16');
      // Every address of 10.60.0.0 – 10.60.23.255 except those ending in .7 is used.
      const used: string[] = [];
      for (let third = 0; third < 24; third++) for (let fourth = 0; fourth < 256; fourth++) if (fourth !== 7) used.push(`10.60.${third}.${fourth}`);
      await seedAddresses(t, used);
      const usableUsed = used.length - 1; // 10.60.0.0 is the network address

      const summary = (await t.http.get(`/ranges/${r.id}`).set(bearer(viewer))).body;
      expect(summary).toMatchObject({ total_usable: 65534, used: usableUsed, free: 65534 - usableUsed });

      const all = await t.http.get(`/ranges/${r.id}/addresses?offset=60000&limit=3`).set(bearer(viewer)).expect(200);
      expect(all.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.60.234.96', '10.60.234.97', '10.60.234.98']);
      expect(all.headers['x-total-count']).toBe('65536');

      // Free addresses: the 24 ".7" holes first, then everything from 10.60.24.0 on.
      const free = await t.http.get(`/ranges/${r.id}/addresses?status=free&offset=22&limit=4`).set(bearer(viewer)).expect(200);
      expect(free.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.60.22.7', '10.60.23.7', '10.60.24.0', '10.60.24.1']);
      const deepFree = await t.http.get(`/ranges/${r.id}/addresses?status=free&offset=30000&limit=2`).set(bearer(viewer)).expect(200);
      // 30000 - 24 holes = 29976 addresses after 10.60.24.0 (= 6144 + 29976 = 36120 = 141*256 + 24).
      expect(deepFree.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.60.141.24', '10.60.141.25']);

      // Used number 6000: 254 usable used in 10.60.0.x, then 255 per block; 5746 = 22 * 255 + 136, skipping .7.
      const deepUsed = await t.http.get(`/ranges/${r.id}/addresses?status=used&offset=6000&limit=2`).set(bearer(viewer)).expect(200);
      expect(deepUsed.headers['x-total-count']).toBe(String(usableUsed));
      expect(deepUsed.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.60.23.137', '10.60.23.138']);
      expect(deepUsed.body[0]).toMatchObject({ status: 'used', type: 'VM', tags: [], host_pair: [] });
    });

    it('pages deep into an IPv6 /64 without enumerating it', async () => {
      const r = await createRange('deep64', '2001:db8:aa::/64');
      await seedAddresses(t, Array.from({ length: 300 }, (_, i) => `2001:db8:aa::${(i * 2).toString(16)}`));
      // 9007199254740000 = 0x1f_ffff_ffff_fc20
      const all = await t.http.get(`/ranges/${r.id}/addresses?offset=9007199254740000&limit=2`).set(bearer(viewer)).expect(200);
      expect(all.headers['x-total-count']).toBe('18446744073709551616');
      expect(all.body).toEqual([
        { ip_address: '2001:db8:aa:0:1f:ffff:ffff:fc20', status: 'free' },
        { ip_address: '2001:db8:aa:0:1f:ffff:ffff:fc21', status: 'free' },
      ]);
      const free = await t.http.get(`/ranges/${r.id}/addresses?status=free&offset=1000000000000&limit=1`).set(bearer(viewer)).expect(200);
      // 300 used addresses sit among the first 600, so free number k (k ≥ 300) is address k + 300.
      const expected = parseIp('2001:db8:aa::')!.value + 1000000000000n + 300n;
      expect(ipKey(6, expected)).toBe(parseIp(free.body[0].ip_address)!.key);
      expect(free.headers['x-total-count']).toBe('18446744073709551316');
      const firstFree = await t.http.get(`/ranges/${r.id}/addresses?status=free&limit=3`).set(bearer(viewer)).expect(200);
      expect(firstFree.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['2001:db8:aa::1', '2001:db8:aa::3', '2001:db8:aa::5']);
    });
  });
});
