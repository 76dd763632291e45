import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { toastsOf, UiSession } from '../support/ui-support';

const IP_CSV = 'ip_address,type,project_name,host_name,tags,notes,archived\n10.20.0.10,VM,,,,web <b>frontend</b>,False\n10.20.0.11,VIP,,,,,False\n';
const NMAP = `<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.30.0.7" addrtype="ipv4"/></host></nmaprun>`;

describe('UI: Data Ops (import and export)', () => {
  let t: TestApp;
  let editor: UiSession;
  let viewer: UiSession;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_IMPORT_MAX_BYTES: '2048' });
    token = await t.tokenFor(Role.Editor);
    editor = await UiSession.login(t, Role.Editor);
    viewer = await UiSession.login(t, Role.Viewer);
  });
  afterAll(() => t.close());

  /** A multipart form post from a logged-in page, like the browser's file upload. */
  const upload = async (session: UiSession, path: string, fields: Record<string, string>, files: Record<string, string>) => {
    await session.get('/ui/import');
    let req = t.http.post(path).set({ Cookie: session.cookieHeader, Accept: 'text/html' });
    for (const [k, v] of Object.entries({ _csrf: session.csrf, ...fields })) if (v !== '') req = req.field(k, v);
    for (const [k, v] of Object.entries(files)) req = req.attach(k, Buffer.from(v), `${k}.dat`);
    return req;
  };
  const asset = (ip: string) => t.http.get(`/ip-assets/${ip}`).set(bearer(token));

  it('shows the import and export tabs with sample files and export links', async () => {
    const page = await viewer.get('/ui/import');
    expect(page.text).toContain('<title>ipocket - Import</title>');
    for (const text of ['Import Bundle (JSON)', 'Import CSV', 'Upload Nmap XML', 'href="/static/samples/hosts.csv"', 'nmap -sn -oX ipocket.xml']) expect(page.text).toContain(text);
    expect(page.text).not.toContain('value="apply"');
    expect((await editor.get('/ui/import')).text).toContain('value="apply"');
    const exp = await viewer.get('/ui/export');
    expect(exp.text).toContain('<title>ipocket - Export</title>');
    for (const file of ['bundle.zip', 'bundle.json', 'ip-assets.csv', 'ip-assets.json', 'hosts.csv', 'hosts.json']) expect(exp.text).toContain(`formaction="/export/${file}"`);
    expect((await viewer.get('/ui/import?tab=export')).text).toContain('data-export-filters');
    expect((await t.http.get('/static/samples/ip-assets.csv')).text).toContain('ip_address,type,project_name,host_name,tags,notes,archived');
    const csv = await t.http.get('/export/ip-assets.csv?type=VM').set('Cookie', viewer.cookieHeader);
    expect(csv.status).toBe(200);
  });

  it('dry-runs then applies a CSV import, showing the summary and the per-record diff', async () => {
    const dry = await upload(viewer, '/ui/import/csv', { mode: 'dry-run' }, { ip_assets_file: IP_CSV });
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('CSV import — dry-run');
    expect(dry.text).toMatch(/<td>IP Assets<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">0<\/td>/);
    expect(dry.text).toContain('data-plan-row');
    expect(dry.text).toContain('10.20.0.10');
    expect(dry.text).toContain('web &lt;b&gt;frontend&lt;/b&gt;');
    expect(dry.text).not.toContain('<b>frontend</b>');
    expect(toastsOf(dry.text)).toEqual([]);
    expect((await asset('10.20.0.10')).status).toBe(404);

    const refused = await upload(viewer, '/ui/import/csv', { mode: 'apply' }, { ip_assets_file: IP_CSV });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Apply needs the Editor role; Viewers can only dry-run.');
    expect((await asset('10.20.0.10')).status).toBe(404);

    const applied = await upload(editor, '/ui/import/csv', { mode: 'apply' }, { ip_assets_file: IP_CSV });
    expect(applied.status).toBe(200);
    expect(applied.text).toContain('CSV import — applied');
    expect(toastsOf(applied.text)).toEqual(['CSV import applied successfully.']);
    expect((await asset('10.20.0.10')).body).toMatchObject({ type: 'VM' });
    const audit = (await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(token))).body as Array<{ target_label: string }>;
    expect(audit[0].target_label).toBe('ui_import_csv');
  });

  it('reports missing, empty and oversized files, and bad bundles with their location', async () => {
    expect((await upload(editor, '/ui/import/csv', { mode: 'dry-run' }, {})).text).toContain('Upload at least one CSV file (hosts.csv or ip-assets.csv).');
    expect((await upload(editor, '/ui/import/csv', { mode: 'dry-run' }, { hosts_file: '' })).text).toContain('Upload at least one non-empty CSV file (hosts.csv or ip-assets.csv).');
    const missing = await upload(editor, '/ui/import/bundle', { mode: 'dry-run' }, {});
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('bundle.json file is required.');
    expect((await upload(editor, '/ui/import/nmap', { mode: 'dry-run' }, {})).text).toContain('Nmap XML file is required.');
    expect((await upload(editor, '/ui/import/nmap', { mode: 'dry-run' }, { nmap_file: '' })).text).toContain('Nmap XML file is empty.');
    const big = await upload(editor, '/ui/import/csv', { mode: 'dry-run' }, { ip_assets_file: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('Uploaded file exceeds maximum size of 2048 bytes.');
    const bad = await upload(editor, '/ui/import/bundle', { mode: 'apply' }, { bundle_file: JSON.stringify({ app: 'ipocket', schema_version: '1', data: { ip_assets: [{ ip_address: 'nope', type: 'VM' }] } }) });
    expect(bad.text).toMatch(/data-import-errors>[\s\S]*<code>data\.ip_assets\[0\]/);
    expect(toastsOf(bad.text)).toEqual(['Bundle import completed with errors.']);
  });

  it('dry-runs and applies an Nmap scan, linking the new assets', async () => {
    const dry = await upload(viewer, '/ui/import/nmap', { mode: 'dry-run' }, { nmap_file: NMAP });
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('data-nmap-counts');
    expect((await asset('10.30.0.7')).status).toBe(404);
    const applied = await upload(editor, '/ui/import/nmap', { mode: 'apply' }, { nmap_file: NMAP });
    expect(toastsOf(applied.text)).toEqual(['Nmap import applied successfully.']);
    const id = (await asset('10.30.0.7')).body.id;
    expect(applied.text).toContain(`href="/ui/ip-assets/${id}"`);
  });

  it('refuses uploads without the CSRF token and anonymous uploads', async () => {
    await editor.get('/ui/import');
    const forged = await t.http.post('/ui/import/csv').set({ Cookie: editor.cookieHeader, Accept: 'text/html' }).field('mode', 'apply').attach('ip_assets_file', Buffer.from(IP_CSV.replace(/10\.20/g, '10.21')), 'x.csv');
    expect(forged.status).toBe(403);
    expect((await asset('10.21.0.10')).status).toBe(404);
    const anonymous = await t.http.post('/ui/import/csv').set('Accept', 'text/html').attach('ip_assets_file', Buffer.from(IP_CSV), 'x.csv');
    expect(anonymous.status).toBe(303);
  });
});
