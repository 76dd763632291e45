import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { bundleOf, inventoryCounts, upload } from '../support/import-support';

const located = (body: { errors: { location: string; message: string }[] }) => body.errors.map((e) => `${e.location}: ${e.message}`);

describe('import validation errors and hostile files', () => {
  let t: TestApp;
  let editor: string;
  let viewer: string;

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_IMPORT_MAX_BYTES: String(1024 * 1024) });
    editor = await t.tokenFor(Role.Editor);
    viewer = await t.tokenFor(Role.Viewer);
    // Something to keep: every refused import below must leave exactly this.
    await upload(t, editor, '/import/bundle', { file: bundleOf({ vendors: [{ name: 'HPE' }], projects: [{ name: 'core' }], hosts: [{ name: 'h1' }], ip_assets: [{ ip_address: '10.9.9.9', type: 'VM' }] }) }).expect(200);
  });
  afterAll(() => t.close());

  /** Applies `files` and expects `status`, no write at all, and returns the body. */
  async function refused(path: string, files: Record<string, string | Buffer>, status: number) {
    const before = await inventoryCounts(t);
    const res = await upload(t, editor, path, files).expect(status);
    expect(await inventoryCounts(t)).toEqual(before);
    return res.body;
  }

  it('reports every bundle validation rule at its location and writes nothing', async () => {
    const body = await refused(
      '/import/bundle',
      {
        file: bundleOf({
          vendors: [{ name: '  ' }],
          projects: [{ name: '' }, { name: 'p', color: 'red' }],
          hosts: [{ name: null }, { name: 'h2', vendor_name: 'Nope' }],
          ip_assets: [
            { ip_address: '', type: 'VM' },
            { ip_address: '10.0.0.300', type: '' },
            { ip_address: ' 10.0.0.1', type: 'vm' },
            { ip_address: '10.0.0.2', type: 'VM', project_name: 'ghost', host_name: 'ghost', tags: ['ok', 'bad tag', 'bäd'] },
          ],
        }),
      },
      200,
    );
    expect(located(body)).toEqual([
      'data.vendors[0]: Vendor name is required.',
      'data.projects[0]: Project name is required.',
      'data.projects[1].color: Color must be a hex value like #1a2b3c.',
      'data.hosts[0]: Host name is required.',
      'data.hosts[1].vendor_name: Vendor does not exist.',
      'data.ip_assets[0]: IP address is required.',
      'data.ip_assets[1].ip_address: Invalid IP address.',
      'data.ip_assets[1].type: Asset type is required.',
      'data.ip_assets[2].ip_address: Invalid IP address.',
      'data.ip_assets[2].type: Invalid asset type. Use OS, BMC, VM, VIP, OTHER.',
      'data.ip_assets[3].project_name: Project does not exist.',
      'data.ip_assets[3].host_name: Host does not exist.',
      'data.ip_assets[3].tags: Tag name may include letters, digits, dash, and underscore only.',
      'data.ip_assets[3].tags: Tag name may include letters, digits, dash, and underscore only.',
    ]);
    expect(body.errors[0].level).toBe('error');
    expect(body.summary.total).toEqual({ would_create: 0, would_update: 0, would_skip: 0 });
    expect(body.warnings).toEqual([]);
  });

  it.each([
    ['not JSON', '{"schema_version":', 'import: Invalid JSON payload.'],
    ['an empty file', ' ', 'import: Invalid JSON payload.'],
    ['a top-level array (E2)', '[1,2]', 'import: Invalid JSON payload: expected a JSON object with schema_version and data.'],
    ['a numeric schema_version', '{"schema_version":1,"data":{}}', "schema_version: Unsupported schema_version (expected '1')."],
    ['a missing data section', '{"schema_version":"1"}', 'data: Missing data section.'],
    ['a section that is not a list', '{"schema_version":"1","data":{"hosts":{}}}', 'data.hosts: Expected a list.'],
    ['a non-object entry', '{"schema_version":"1","data":{"hosts":[{"name":"a"},{"name":"b"},"c"]}}', 'data.hosts[2]: Expected object entries.'],
  ])('refuses %s with 400 and the spec location', async (_name, file, expected) => {
    const body = await refused('/import/bundle', { file }, 400);
    expect(located(body)).toEqual([expected]);
    expect(body.detail).toBe(expected);
  });

  it('never unpacks a zip (zip bomb): refused by content with 415', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 0)]);
    const body = await refused('/import/bundle', { file: zip }, 415);
    expect(body.detail).toMatch(/Archives are not accepted/);
  });

  it('refuses an upload over the limit with 413 before reading it', async () => {
    const res = await upload(t, editor, '/import/bundle', { file: Buffer.alloc(1024 * 1024 + 1, 0x20) }).expect(413);
    expect(res.body).toEqual({ detail: 'Uploaded file exceeds maximum size of 1 MB.' });
    await upload(t, editor, '/import/bundle', { file: Buffer.alloc(1024 * 1024, 0x20) }).expect(400);
  });

  it.each([
    ['non-UTF-8 bytes', Buffer.from([0x69, 0x70, 0xff, 0xfe, 0x0a]), 'import: CSV is not valid UTF-8.'],
    ['binary garbage', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41, 0x0a]), 'import: CSV contains binary data (NUL bytes); upload a text file.'],
    ['mismatched quotes', 'ip_address,type,project_name,host_name,notes,archived\r\n10.0.0.1,VM,,,"open,False\r\n', 'ip-assets.csv:line 2: Unterminated quoted field (the quote opened on line 2 is never closed).'],
    ['a stray quote', 'ip_address,type,project_name,host_name,notes,archived\r\n10.0.0.1,VM,,,ab"c,False\r\n', 'ip-assets.csv:line 2: Unexpected quote inside an unquoted field (quote the whole field and double inner quotes).'],
    ['a 10,000-column row', 'ip_address,type,project_name,host_name,notes,archived\r\n' + 'x,'.repeat(10_000) + '\r\n', 'ip-assets.csv:line 2: Row has more than 256 columns.'],
    ['missing columns', 'ip_address,notes\r\n10.0.0.1,x\r\n', 'ip-assets.csv: Missing required columns: archived, host_name, project_name, type.'],
  ])('refuses a CSV with %s (4xx, clear message, no write)', async (_name, content, expected) => {
    const body = await refused('/import/csv', { ip_assets: content }, 400);
    expect(located(body)).toEqual([expected]);
  });

  it('ignores a leading BOM (E4) and reports CSV locations with lines', async () => {
    const csv = '\ufeffip_address,type,project_name,host_name,notes,archived\r\n10.0.0.1,VM,,,,\r\n\r\n10.0.0.x,VM,,nohost,,\r\n';
    const body = await refused('/import/csv', { ip_assets: csv }, 200);
    expect(located(body)).toEqual(['ip-assets.csv:line 4.ip_address: Invalid IP address.', 'ip-assets.csv:line 4.host_name: Host does not exist.']);
    const hosts = 'name,notes,vendor_name,os_ip\r\nsrv,,,999.1.1.1\r\n';
    expect(located(await refused('/import/csv', { hosts }, 200))).toEqual(['hosts.csv:line 2.os_ip.ip_address: Invalid IP address.']);
  });

  it('needs a file, checks dry_run, and lets only Editors apply', async () => {
    const empty = await upload(t, editor, '/import/csv', { hosts: '' }).expect(400);
    expect(empty.body).toEqual({ detail: 'CSV import requires at least one file.' });
    const missing = await t.http.post('/import/bundle').set(bearer(viewer)).field('x', '1').expect(422);
    expect(Array.isArray(missing.body.detail)).toBe(true);
    await upload(t, editor, '/import/bundle', { file: bundleOf({}) }, '?dry_run=maybe').expect(422);
    const forbidden = await upload(t, viewer, '/import/bundle', { file: bundleOf({}) }).expect(403);
    expect(forbidden.body).toEqual({ detail: 'Forbidden' });
    await upload(t, viewer, '/import/bundle', { file: bundleOf({ vendors: [{ name: 'x' }] }) }, '?dry_run=true').expect(200);
    await t.http.post('/import/bundle').attach('file', Buffer.from('{}'), 'b.json').expect(401);
  });
});
