import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';

describe('GET /summary', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('counts active and archived IPs, hosts, vendors, projects and gives per-range utilisation', async () => {
    t = await TestApp.start();
    const editor = await t.tokenFor(Role.Editor);
    const send = (path: string, body: Record<string, unknown>) => t.http.post(path).set(bearer(editor)).send(body).expect(200);
    await send('/projects', { name: 'P1' });
    await send('/projects', { name: 'P2' });
    await send('/vendors', { name: 'Dell' });
    await send('/hosts', { name: 'h1' });
    const b = (await send('/ranges', { name: 'b-net', cidr: '10.9.0.0/24' })).body;
    const a = (await send('/ranges', { name: 'a-net', cidr: '2001:db8:9::/64' })).body;
    for (const ip of ['10.9.0.1', '10.9.0.2', '10.9.0.255', '2001:db8:9::1']) await send('/ip-assets', { ip_address: ip, type: 'VM' });
    await t.http.post('/ip-assets/10.9.0.2/archive').set(bearer(editor)).expect(204);

    const res = await t.http.get('/summary').set(bearer(await t.tokenFor(Role.Viewer))).expect(200);
    expect(res.body).toEqual({
      ip_assets: { active: 3, archived: 1 },
      hosts: 1,
      vendors: 1,
      projects: 2,
      ranges: [
        { id: a.id, name: 'a-net', cidr: '2001:db8:9::/64', total_usable: '18446744073709551616', used: 1, free: '18446744073709551615', utilisation_percent: 0 },
        { id: b.id, name: 'b-net', cidr: '10.9.0.0/24', total_usable: 254, used: 1, free: 253, utilisation_percent: 0.39 },
      ],
    });
  });

  it('needs a login unless IPOCKET_PUBLIC_READ is on', async () => {
    t = await TestApp.start();
    await t.http.get('/summary').expect(401);
    await t.close();
    t = await TestApp.start({ IPOCKET_PUBLIC_READ: 'true' });
    const res = await t.http.get('/summary').expect(200);
    expect(res.body).toEqual({ ip_assets: { active: 0, archived: 0 }, hosts: 0, vendors: 0, projects: 0, ranges: [] });
  });
});
