import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { registeredRoutes } from '../support/platform-routes';
import { UiSession } from '../support/ui-support';
import { SCRIPT_PAYLOADS } from './corpus';
import { realPath, Seeds, seedInventory } from './harness';
import { Tally } from './tally';

/** What must never reach a page unescaped: markup that would run, or a link that would. */
const LIVE_MARKUP = [/<script>alert/i, /<img src=x onerror/i, /<svg onload/i, /<\/textarea><script/i, /href="javascript:/i, /src="javascript:/i];

/** The escaped spelling Handlebars produces for the first payload. */
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

jest.setTimeout(300_000);

/**
 * Records whose every free-text field holds a script payload, created through the API, then every UI page
 * that can show them: lists, details, drawers, the audit log, data-ops previews and error pages. The raw
 * markup must never appear; the escaped text must (so the test is looking at the data, not at an empty page).
 */
describe('script payloads in every text field are rendered escaped', () => {
  let t: TestApp;
  let seeds: Seeds;
  let admin: string;
  let ui: UiSession;
  const tally = new Tally('script payloads rendered');
  const created: Record<string, number[]> = { projects: [], vendors: [], hosts: [], ranges: [], assets: [], users: [], tags: [] };

  beforeAll(async () => {
    t = await TestApp.start();
    seeds = await seedInventory(t);
    admin = await t.tokenFor(Role.Admin);
    ui = await UiSession.login(t, Role.Admin);
    const post = (path: string, body: object) => t.http.post(path).set(bearer(admin)).send(body);
    for (const [i, payload] of SCRIPT_PAYLOADS.entries()) {
      const project = await post('/projects', { name: `${payload} p${i}`, description: payload });
      const vendor = await post('/vendors', { name: `${payload} v${i}` });
      const host = await post('/hosts', { name: `${payload} h${i}`, notes: payload, vendor_id: vendor.body.id });
      const asset = await post('/ip-assets', { ip_address: `10.66.0.${i + 1}`, type: 'VM', notes: payload, project_id: project.body.id, host_id: host.body.id });
      const range = await post('/ranges', { name: `${payload} r${i}`, cidr: `10.66.${i}.0/24`, notes: payload });
      // Tag names and usernames have strict alphabets: a payload is refused there, which is also fine.
      const tag = await post('/tags', { name: payload });
      const user = await post('/users', { username: payload, password: 'long-enough-password', role: 'Viewer' });
      for (const [kind, res] of Object.entries({ projects: project, vendors: vendor, hosts: host, assets: asset, ranges: range, tags: tag, users: user })) {
        tally.record(`create ${kind}`, res.status);
        if (res.status === 200) created[kind].push(res.body.id as number);
        else expect([409, 422]).toContain(res.status);
      }
    }
    // Renaming leaves an audit row whose changes carry the payload in both old and new values.
    await t.http.patch(`/hosts/${created.hosts[0]}`).set(bearer(admin)).send({ name: `${SCRIPT_PAYLOADS[1]} renamed` }).expect(200);
  });
  afterAll(async () => {
    tally.print();
    await t?.close();
  });

  function assertEscaped(url: string, html: string): void {
    tally.record('pages checked', 200);
    for (const re of LIVE_MARKUP) if (re.test(html)) throw new Error(`${url} renders live markup ${re}: …${html.slice(Math.max(0, html.search(re) - 80), html.search(re) + 80)}…`);
  }

  it('creates the records the pages will show', () => {
    for (const kind of ['projects', 'vendors', 'hosts', 'assets', 'ranges']) expect([kind, created[kind].length]).toEqual([kind, SCRIPT_PAYLOADS.length]);
  });

  it('escapes them on every UI page, list, detail and drawer', async () => {
    const pages = registeredRoutes(t.app)
      .filter((r) => r.method === 'GET' && (r.path === '/' || r.path.startsWith('/ui')))
      .map((r) => realPath(r.path, seeds));
    const withPayloads = [
      ...created.assets.flatMap((id) => [`/ui/ip-assets/${id}`, `/ui/ip-assets/${id}/edit`, `/ui/ip-assets?delete=${id}`]),
      ...created.hosts.flatMap((id) => [`/ui/hosts/${id}`, `/ui/hosts?edit=${id}`, `/ui/hosts?delete=${id}`]),
      ...created.projects.flatMap((id) => [`/ui/projects?edit=${id}`, `/ui/projects?delete=${id}`]),
      ...created.vendors.flatMap((id) => [`/ui/projects?tab=vendors&edit=${id}`, `/ui/projects?tab=vendors&delete=${id}`]),
      ...created.ranges.flatMap((id) => [`/ui/ranges/${id}/addresses`, `/ui/ranges?edit=${id}`, `/ui/ranges?delete=${id}`]),
      ...created.users.map((id) => `/ui/users?edit=${id}`),
      `/ui/ip-assets?q=${encodeURIComponent(SCRIPT_PAYLOADS[0])}`,
      `/ui/hosts?q=${encodeURIComponent(SCRIPT_PAYLOADS[1])}`,
      `/ui/ip-assets?per-page=500`,
      `/ui/audit-log?per-page=500`,
    ];
    let sawEscaped = 0;
    for (const url of [...pages, ...withPayloads]) {
      const res = await ui.get(url);
      expect([url, res.status < 500]).toEqual([url, true]);
      assertEscaped(url, res.text);
      if (res.text.includes(ESCAPED_SCRIPT)) sawEscaped++;
    }
    // The list pages, details and the audit log all show the first payload, escaped.
    expect(sawEscaped).toBeGreaterThan(10);
    for (const url of ['/ui/ip-assets', '/ui/hosts', '/ui/projects', '/ui/projects?tab=vendors', '/ui/ranges', '/ui/audit-log']) {
      expect([url, (await ui.get(url)).text.includes(ESCAPED_SCRIPT)]).toEqual([url, true]);
    }
  });

  it('escapes them in data-ops previews of CSV, bundle and Nmap uploads', async () => {
    const payload = SCRIPT_PAYLOADS[0];
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const csv = ['ip_address,type,project_name,host_name,notes,archived', ...SCRIPT_PAYLOADS.map((p, i) => `10.67.0.${i + 1},VM,${quoted(p)},,${quoted(p)},false`)].join('\n');
    const bundle = JSON.stringify({
      app: 'ipocket',
      schema_version: '1',
      data: {
        vendors: [{ name: payload }],
        projects: [{ name: payload, description: payload }],
        hosts: [{ name: payload, notes: payload, vendor_name: payload }],
        ip_assets: [{ ip_address: '10.68.0.1', type: 'VM', notes: payload, project_name: payload, host_name: payload }],
      },
    });
    const nmap = `<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.69.0.1" addrtype="ipv4"/><address addr="00:11:22:33:44:55" addrtype="mac" vendor="${payload.replace(/</g, '&lt;')}"/><hostnames><hostname name="&lt;script&gt;alert(1)&lt;/script&gt;"/></hostnames></host></nmaprun>`;
    const uploads: [string, string, string][] = [
      ['/ui/import/csv', 'ip_assets_file', csv],
      ['/ui/import/bundle', 'bundle_file', bundle],
      ['/ui/import/nmap', 'nmap_file', nmap],
    ];
    let shown = 0;
    for (const [url, fieldName, content] of uploads) {
      for (const mode of ['dry-run', 'apply']) {
        const res = await t.http
          .post(url)
          .set({ Cookie: ui.cookieHeader, Accept: 'text/html' })
          .field('_csrf', ui.csrf)
          .field('mode', mode)
          .attach(fieldName, Buffer.from(content), 'upload.dat');
        tally.record('import previews', res.status);
        expect([url, mode, res.status < 500]).toEqual([url, mode, true]);
        assertEscaped(`${url} (${mode})`, res.text);
        if (res.text.includes('&lt;script&gt;')) shown++;
      }
    }
    // The CSV and bundle previews list the per-record changes, payloads included (Nmap shows only counts).
    expect(shown).toBeGreaterThanOrEqual(2);
    // What the apply wrote is shown escaped on the pages too.
    for (const url of ['/ui/ip-assets?per-page=500', '/ui/hosts', '/ui/projects', '/ui/audit-log']) assertEscaped(url, (await ui.get(url)).text);
  });

  it('escapes them in error pages, toasts and form re-renders', async () => {
    const payload = SCRIPT_PAYLOADS[0];
    const pages: [string, () => Promise<{ status: number; text: string }>][] = [
      ['unknown page', () => ui.get(`/ui/${encodeURIComponent(payload)}`)],
      ['hostile id', () => ui.get(`/ui/hosts/${encodeURIComponent(payload)}`)],
      ['hostile drawer id', () => ui.get(`/ui/hosts?edit=${encodeURIComponent(payload)}`)],
      ['duplicate vendor', () => ui.post('/ui/vendors', { name: `${payload} v0` })],
      ['duplicate host', () => ui.post('/ui/hosts', { name: `${payload} h0`, notes: payload })],
      ['bad address', () => ui.post('/ui/ip-assets/new', { ip_address: payload, type: 'VM', notes: payload })],
      ['bad cidr', () => ui.post('/ui/ranges', { name: payload, cidr: payload, notes: payload })],
      ['bad tag', () => ui.post('/ui/tags', { name: payload })],
      ['bad user', () => ui.post('/ui/users', { username: payload, password: payload, role: payload })],
      ['login', () => ui.post('/ui/login', { username: payload, password: payload, return_to: `javascript:alert(1)` })],
    ];
    for (const [label, load] of pages) {
      const res = await load();
      tally.record('error pages', res.status);
      expect([label, res.status < 500]).toEqual([label, true]);
      assertEscaped(label, res.text);
    }
  });
});
