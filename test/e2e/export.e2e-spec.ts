import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { csvRow } from '../../src/exports/csv-format';
import { bundleOf, upload } from '../support/import-support';

describe('GET /export/*', () => {
  let t: TestApp;
  let viewer: string;

  beforeAll(async () => {
    t = await TestApp.start();
    viewer = await t.tokenFor(Role.Viewer);
    const editor = await t.tokenFor(Role.Editor);
    await upload(t, editor, '/import/bundle', {
      file: bundleOf({
        vendors: [{ name: 'HPE' }],
        projects: [{ name: 'zeta' }, { name: 'alpha' }],
        hosts: [{ name: 'node-01', vendor_name: 'HPE' }, { name: 'lonely' }],
        ip_assets: [
          { ip_address: '10.0.0.20', type: 'OS', project_name: 'zeta', host_name: 'node-01' },
          { ip_address: '10.0.0.9', type: 'OS', project_name: 'alpha', host_name: 'node-01' },
          { ip_address: '10.0.0.3', type: 'OS', host_name: 'node-01', archived: true },
          { ip_address: '10.0.0.100', type: 'BMC', host_name: 'node-01' },
          { ip_address: '::1', type: 'VM' },
          { ip_address: '9.0.0.1', type: 'VIP', project_name: 'alpha' },
        ],
      }),
    }).expect(200);
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http.get(path).set(bearer(viewer));

  it('accepts a bearer token (A3); without credentials answers 401 JSON, or 303 to the login page for browsers', async () => {
    await get('/export/vendors.csv').expect(200);
    expect((await t.http.get('/export/vendors.csv').expect(401)).body).toEqual({ detail: 'Unauthorized' });
    const browser = await t.http.get('/export/hosts.csv?host=x').set('Accept', 'text/html').expect(303);
    expect(browser.headers.location).toMatch(/^\/ui\/login\?return_to=/);
  });

  it('orders addresses numerically, hides archived rows by default and honours the filters', async () => {
    const ips = async (query: string) => (await get(`/export/ip-assets.json${query}`).expect(200)).body.map((a: { ip_address: string }) => a.ip_address);
    expect(await ips('')).toEqual(['9.0.0.1', '10.0.0.9', '10.0.0.20', '10.0.0.100', '::1']);
    expect(await ips('?include_archived=yes')).toEqual(['9.0.0.1', '10.0.0.3', '10.0.0.9', '10.0.0.20', '10.0.0.100', '::1']);
    expect(await ips('?type=IPMI_iLO')).toEqual(['10.0.0.100']);
    expect(await ips('?project=alpha&host=node-01')).toEqual(['10.0.0.9']);
    expect(await ips('?project=&unknown=1')).toHaveLength(5);
    expect((await get('/export/ip-assets.csv?type=').expect(422)).body).toEqual({ detail: 'Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.' });
    expect(Array.isArray((await get('/export/bundle.json?include_archived=maybe').expect(422)).body.detail)).toBe(true);
  });

  it('derives the host columns: first project alphabetically, lowest active OS/BMC address (D3)', async () => {
    const res = await get('/export/hosts.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text).toBe('name,notes,vendor_name,project_name,os_ip,bmc_ip\r\nlonely,,,,,\r\nnode-01,,HPE,alpha,10.0.0.9,10.0.0.100\r\n');
    expect((await get('/export/hosts.json?host=lonely').expect(200)).body).toEqual([{ name: 'lonely', notes: null, vendor_name: null, project_name: null, os_ip: null, bmc_ip: null }]);
    expect((await get('/export/projects.csv?project=zeta').expect(200)).text).toBe('name,description,color\r\nzeta,,#94a3b8\r\n');
  });

  it('writes ip-assets.csv with the same quoting as every other CSV: awkward values, tag lists, archived rows', async () => {
    const editor = await t.tokenFor(Role.Editor);
    await upload(t, editor, '/import/bundle', {
      file: bundleOf({
        projects: [{ name: 'with, comma' }],
        hosts: [{ name: 'say "hi"' }],
        ip_assets: [
          { ip_address: '10.1.0.1', type: 'VM', project_name: 'with, comma', host_name: 'say "hi"', notes: 'a, "b"\r\nc ü 🚀', tags: ['zeta', 'alpha', 'mid'] },
          { ip_address: '10.1.0.2', type: 'OS', notes: 'cr\ronly', tags: ['solo'] },
          { ip_address: '10.1.0.3', type: 'VIP', notes: 'lf\nonly', archived: true },
          { ip_address: '2001:db8::5', type: 'OTHER', notes: '=1+2' },
        ],
      }),
    }).expect(200);
    const rows = (await get('/export/ip-assets.json?include_archived=true').expect(200)).body as Record<string, unknown>[];
    const expected = rows.map((r) =>
      csvRow([r.ip_address, r.type, r.project_name, r.host_name, (r.tags as string[]).join(', '), r.notes, r.archived ? 'True' : 'False', r.created_at, r.updated_at] as (string | null)[]),
    );
    const csv = (await get('/export/ip-assets.csv?include_archived=true').expect(200)).text;
    expect(csv).toBe(csvRow(['ip_address', 'type', 'project_name', 'host_name', 'tags', 'notes', 'archived', 'created_at', 'updated_at']) + expected.join(''));
    expect(csv).toContain('10.1.0.1,VM,"with, comma","say ""hi""","alpha, mid, zeta","a, ""b""\r\nc ü 🚀",False,');
    expect(csv).toContain('10.1.0.2,OS,,,solo,"cr\ronly",False,');
    expect(csv).toContain('10.1.0.3,VIP,,,,"lf\nonly",True,');
    expect(csv).toContain('2001:db8::5,OTHER,,,,=1+2,False,');
  });

  it('keeps the CSV tag lists (stored by database triggers) equal to the link table through every kind of change', async () => {
    const editor = await t.tokenFor(Role.Editor);
    const send = (method: 'post' | 'patch' | 'delete', path: string, body?: object) => t.http[method](path).set(bearer(editor)).send(body);
    // The JSON export reads the link table itself, so it is the independent truth for each CSV row's tags.
    const expectCsvTagsMatchLinks = async (step: string) => {
      const rows = (await get('/export/ip-assets.json?include_archived=true').expect(200)).body as { ip_address: string; tags: string[] }[];
      const csv = (await get('/export/ip-assets.csv?include_archived=true').expect(200)).text;
      for (const r of rows) {
        const joined = r.tags.join(', ');
        expect({ step, ip: r.ip_address, line: csv.split('\r\n').some((l) => l.startsWith(`${r.ip_address},`) && l.includes(`,${r.tags.length > 1 ? `"${joined}"` : joined},`)) }).toEqual({ step, ip: r.ip_address, line: true });
      }
      return rows;
    };
    await send('post', '/ip-assets', { ip_address: '10.3.0.1', type: 'VM', tags: ['t-b', 't-a'] }).expect(200);
    await send('post', '/ip-assets', { ip_address: '10.3.0.2', type: 'VM', tags: ['t-c'] }).expect(200);
    let rows = await expectCsvTagsMatchLinks('create');
    expect(rows.find((r) => r.ip_address === '10.3.0.1')?.tags).toEqual(['t-a', 't-b']);
    await send('patch', '/ip-assets/10.3.0.1', { tags: ['t-c', 't-z'] }).expect(200);
    await expectCsvTagsMatchLinks('patch');
    await send('post', '/ip-assets/bulk', { ip_addresses: ['10.3.0.1', '10.3.0.2'], add_tags: ['t-0'], remove_tags: ['t-z'] }).expect(200);
    await expectCsvTagsMatchLinks('bulk');
    const tags = (await get('/tags').expect(200)).body as { id: number; name: string }[];
    await send('patch', `/tags/${tags.find((tag) => tag.name === 't-0')!.id}`, { name: 'zz-renamed' }).expect(200);
    rows = await expectCsvTagsMatchLinks('rename');
    expect(rows.find((r) => r.ip_address === '10.3.0.2')?.tags).toEqual(['t-c', 'zz-renamed']);
    await send('delete', `/tags/${tags.find((tag) => tag.name === 't-c')!.id}`).expect(204);
    rows = await expectCsvTagsMatchLinks('tag delete');
    expect(rows.find((r) => r.ip_address === '10.3.0.2')?.tags).toEqual(['zz-renamed']);
    await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets: [{ ip_address: '10.3.0.2', type: 'VM', tags: ['imp-b', 'imp-a'] }] }) }).expect(200);
    await expectCsvTagsMatchLinks('import');
    await send('patch', '/ip-assets/10.3.0.1', { tags: [] }).expect(200);
    await send('delete', '/ip-assets/10.3.0.2').expect(204);
    rows = await expectCsvTagsMatchLinks('untag and delete');
    expect(rows.find((r) => r.ip_address === '10.3.0.1')?.tags).toEqual([]);
  });

  it('writes the header even with no rows, and filters the bundle sections as the spec says', async () => {
    expect((await get('/export/ip-assets.csv?project=none').expect(200)).text).toBe('ip_address,type,project_name,host_name,tags,notes,archived,created_at,updated_at\r\n');
    const bundle = (await get('/export/bundle.json?project=alpha&host=lonely').expect(200)).body;
    expect(bundle.data.vendors).toEqual([{ name: 'HPE' }]);
    expect(bundle.data.projects.map((p: { name: string }) => p.name)).toEqual(['alpha']);
    expect(bundle.data.hosts.map((h: { name: string }) => h.name)).toEqual(['lonely']);
    expect(bundle.data.ip_assets).toEqual([]);
    await get('/export/nothing.csv').expect(404);
  });
});
