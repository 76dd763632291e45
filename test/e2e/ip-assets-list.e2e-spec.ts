import { Role } from '../../src/common/actor';
import { IpAssetsService } from '../../src/ip-assets/ip-assets.service';
import { bearer, TestApp } from '../support/test-app';

const ips = (body: { ip_address: string }[]) => body.map((a) => a.ip_address);

describe('GET /ip-assets: order, filters, pagination, streaming', () => {
  let t: TestApp;
  let editor: string;
  let core: number;
  let edge: number;
  let hostId: number;
  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_PUBLIC_READ: 'true' });
    editor = await t.tokenFor(Role.Editor);
    core = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'core' }).expect(200)).body.id;
    edge = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'edge' }).expect(200)).body.id;
    hostId = (await t.http.post('/hosts').set(bearer(editor)).send({ name: 'Web-01' }).expect(200)).body.id;
    const seed: Record<string, unknown>[] = [
      { ip_address: '2001:db8::1', type: 'VM', project_id: core, tags: ['prod', 'v6'] },
      { ip_address: '10.0.0.10', type: 'VM', project_id: core, tags: ['prod', 'web'], notes: '50%_off sale' },
      { ip_address: '10.0.0.2', type: 'OS', project_id: edge, host_id: hostId, tags: ['web'] },
      { ip_address: '9.255.255.255', type: 'VIP', tags: ['prod', 'critical'] },
      { ip_address: '10.0.1.1', type: 'OTHER' },
      { ip_address: '10.0.0.99', type: 'VM', project_id: core, notes: 'retired' },
    ];
    for (const body of seed) await t.http.post('/ip-assets').set(bearer(editor)).send(body).expect(200);
    await t.http.post('/ip-assets/10.0.0.99/archive').set(bearer(editor)).expect(204);
  });
  afterAll(() => t.close());

  const list = (query = '') => t.http.get(`/ip-assets${query}`);

  it('returns every active asset in numeric order, IPv4 first, as a plain array', async () => {
    const res = await list().expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['x-total-count']).toBeUndefined();
    expect(ips(res.body)).toEqual(['9.255.255.255', '10.0.0.2', '10.0.0.10', '10.0.1.1', '2001:db8::1']);
    expect(res.body[0].tags).toEqual(['critical', 'prod']);
  });

  it('keeps the original filters: project_id, type, unassigned-only', async () => {
    expect(ips((await list(`?project_id=${core}`).expect(200)).body)).toEqual(['10.0.0.10', '2001:db8::1']);
    expect(ips((await list('?type=OS').expect(200)).body)).toEqual(['10.0.0.2']);
    expect(ips((await list('?unassigned-only=true').expect(200)).body)).toEqual(['9.255.255.255', '10.0.1.1']);
    expect(ips((await list('?unassigned_only=true').expect(200)).body)).toHaveLength(5);
    expect((await list('?project_id=987654').expect(200)).body).toEqual([]);
    expect((await list('?type=vm').expect(422)).body).toEqual({ detail: 'Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.' });
    expect(Array.isArray((await list('?project_id=abc').expect(422)).body.detail)).toBe(true);
  });

  it('filters by repeatable type, unassigned project, host, archived and q', async () => {
    expect(ips((await list('?type=OS&type=VIP').expect(200)).body)).toEqual(['9.255.255.255', '10.0.0.2']);
    expect(ips((await list('?project_id=unassigned').expect(200)).body)).toEqual(['9.255.255.255', '10.0.1.1']);
    expect(ips((await list(`?host_id=${hostId}`).expect(200)).body)).toEqual(['10.0.0.2']);
    expect(ips((await list('?archived=true').expect(200)).body)).toEqual(['10.0.0.99']);
    expect(ips((await list('?q=10.0.0').expect(200)).body)).toEqual(['10.0.0.2', '10.0.0.10']);
    expect(ips((await list('?q=web-0').expect(200)).body)).toEqual(['10.0.0.2']);
    expect(ips((await list('?q=2001:DB8::0001').expect(200)).body)).toEqual(['2001:db8::1']);
  });

  it('treats SQL and LIKE metacharacters in q literally', async () => {
    expect(ips((await list(`?q=${encodeURIComponent('50%_off')}`).expect(200)).body)).toEqual(['10.0.0.10']);
    expect((await list(`?q=${encodeURIComponent('%')}`).expect(200)).body.map((a: { notes: string }) => a.notes)).toEqual(['50%_off sale']);
    expect((await list(`?q=${encodeURIComponent("' OR 1=1 --")}`).expect(200)).body).toEqual([]);
  });

  it('combines tag filters: OR (tag/tag_any), AND (tag_all), NOT (tag_not)', async () => {
    expect(ips((await list('?tag_any=web&tag_any=v6').expect(200)).body)).toEqual(['10.0.0.2', '10.0.0.10', '2001:db8::1']);
    expect(ips((await list('?tag=critical,v6').expect(200)).body)).toEqual(['9.255.255.255', '2001:db8::1']);
    expect(ips((await list('?tag_all=prod&tag_all=web').expect(200)).body)).toEqual(['10.0.0.10']);
    expect(ips((await list('?tag_not=prod').expect(200)).body)).toEqual(['10.0.0.2', '10.0.1.1']);
    expect(ips((await list('?tag_any=prod&tag_not=web').expect(200)).body)).toEqual(['9.255.255.255', '2001:db8::1']);
    expect((await list('?tag_all=nonexistent').expect(200)).body).toEqual([]);
    const hostile = await list(`?tag=${encodeURIComponent("x' OR '1'='1")}`).expect(422);
    expect(hostile.body).toEqual({ detail: 'Tag name may include letters, digits, dash, and underscore only.' });
  });

  it('paginates with limit/offset or page/per_page and reports X-Total-Count', async () => {
    const first = await list('?limit=2').expect(200);
    expect(first.headers['x-total-count']).toBe('5');
    expect(ips(first.body)).toEqual(['9.255.255.255', '10.0.0.2']);
    const second = await list('?limit=2&offset=2').expect(200);
    expect(ips(second.body)).toEqual(['10.0.0.10', '10.0.1.1']);
    const page3 = await list('?page=3&per_page=2').expect(200);
    expect(ips(page3.body)).toEqual(['2001:db8::1']);
    expect(page3.headers['x-total-count']).toBe('5');
    const filtered = await list('?tag_any=prod&limit=1&offset=1').expect(200);
    expect(filtered.headers['x-total-count']).toBe('3');
    expect(ips(filtered.body)).toEqual(['10.0.0.10']);
    expect((await list('?limit=10&offset=100').expect(200)).body).toEqual([]);
  });

  it('counts a narrowed, text- or tag-filtered page in the page query, also on and past its last page', async () => {
    const page = async (query: string) => {
      const res = await list(query).expect(200);
      return [res.headers['x-total-count'], ips(res.body)];
    };
    expect(await page(`?project_id=${core}&tag_any=prod&limit=1`)).toEqual(['2', ['10.0.0.10']]);
    expect(await page(`?project_id=${core}&tag_any=prod&limit=1&offset=1`)).toEqual(['2', ['2001:db8::1']]);
    expect(await page(`?project_id=${core}&tag_any=prod&limit=1&offset=2`)).toEqual(['2', []]);
    expect(await page(`?type=VM&q=10.0&tag_not=web&limit=5&offset=7`)).toEqual(['0', []]);
    expect(await page(`?type=VM&q=sale&limit=5`)).toEqual(['1', ['10.0.0.10']]);
    expect(await page(`?project_id=${core}&tag_all=prod&tag_all=v6&limit=5&offset=0`)).toEqual(['1', ['2001:db8::1']]);
  });

  it('refuses hostile paging and filter values with a 4xx detail', async () => {
    for (const query of ['?limit=1000000', '?limit=0', '?offset=-1', '?limit=abc', '?per_page=5000', '?page=0', '?host_id=1e3', '?archived=maybe', '?range_id=-4']) {
      const res = await list(query);
      expect(res.status).toBe(422);
      expect(Array.isArray(res.body.detail)).toBe(true);
    }
    expect((await list('?range_id=424242').expect(404)).body).toEqual({ detail: 'Range not found.' });
    expect((await list('?q[$gt]=x').expect(422)).body.detail).toBeDefined();
  });

  it('filters by range_id through the range bounds', async () => {
    const range = await t.http.post('/ranges').set(bearer(editor)).send({ name: 'lan', cidr: '10.0.0.0/24' }).expect(200);
    expect(ips((await list(`?range_id=${range.body.id}`).expect(200)).body)).toEqual(['10.0.0.2', '10.0.0.10']);
    expect(ips((await list(`?range_id=${range.body.id}&tag_any=prod`).expect(200)).body)).toEqual(['10.0.0.10']);
  });

  it('writes the streamed rows exactly as the paginated and single reads represent them, awkward notes included', async () => {
    const notes = 'quote " back\\slash\nnew line\ttab \u0001 é 🚀 </script>';
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.9.9.9', type: 'VM', host_id: hostId, notes, tags: ['zeta', 'alpha', 'mid-1', 'mid_2'] }).expect(200);
    try {
      for (const query of ['', '?archived=true', `?project_id=${core}`]) {
        const streamed = (await list(query).expect(200)).body;
        const paged = (await list(`${query}${query ? '&' : '?'}limit=500`).expect(200)).body;
        expect(streamed).toEqual(paged);
      }
      const streamed = (await list('?q=10.9.9.9').expect(200)).body;
      expect(streamed).toEqual([(await t.http.get('/ip-assets/10.9.9.9').expect(200)).body]);
      expect(streamed[0]).toMatchObject({ notes, tags: ['alpha', 'mid-1', 'mid_2', 'zeta'], archived: false, project_id: null, host_id: hostId });
      expect((await list('?archived=true').expect(200)).body[0]).toMatchObject({ ip_address: '10.0.0.99', archived: true, project_id: core });
    } finally {
      await t.http.delete('/ip-assets/10.9.9.9').set(bearer(editor)).expect(204);
    }
  });

  it('streams in keyset chunks without losing or repeating rows at chunk borders', async () => {
    const service = t.app.get(IpAssetsService);
    const chunks: string[][] = [];
    for await (const chunk of service.streamJson({}, 2)) chunks.push((JSON.parse(`[${chunk}]`) as { ip_address: string }[]).map((a) => a.ip_address));
    expect(chunks).toEqual([['9.255.255.255', '10.0.0.2'], ['10.0.0.10', '10.0.1.1'], ['2001:db8::1']]);
  });
});

describe('20 concurrent creates of one address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('answers exactly one 200 and nineteen 409s, leaving one row', async () => {
    const editor = await t.tokenFor(Role.Editor);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .post('/ip-assets')
          .set(bearer(editor))
          .send({ ip_address: i % 2 ? '2001:DB8::0A' : '2001:db8::a', type: 'BMC' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((r) => r.status === 409)) expect(r.body).toEqual({ detail: 'IP address already exists.' });
    const [{ count }] = await t.db.reader.query(`SELECT COUNT(*) AS count FROM ip_assets WHERE ip_address = '2001:db8::a'`);
    expect(Number(count)).toBe(1);
    const [{ hosts }] = await t.db.reader.query(`SELECT COUNT(*) AS hosts FROM hosts WHERE name = 'server_2001:db8::a'`);
    expect(Number(hosts)).toBe(1);
  });
});
