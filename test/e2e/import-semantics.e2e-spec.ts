import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';
import { bundleOf, inventoryCounts, upload } from '../support/import-support';

describe('import upsert rules, audit and Nmap', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor, 'importer');
  });
  afterAll(() => t.close());

  const asset = async (ip: string) => (await t.http.get('/export/ip-assets.json?include_archived=1').set(bearer(editor))).body.find((a: { ip_address: string }) => a.ip_address === ip);

  it('imports a bundle exported by the Python ipocket (every type, hosts, tags, archived rows)', async () => {
    const python = fs.readFileSync(`${__dirname}/fixtures/python-bundle.json`);
    const res = await upload(t, editor, '/import/bundle', { file: python }).expect(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.summary).toEqual({
      vendors: { would_create: 2, would_update: 0, would_skip: 0 },
      projects: { would_create: 2, would_update: 0, would_skip: 0 },
      hosts: { would_create: 2, would_update: 0, would_skip: 0 },
      ip_assets: { would_create: 6, would_update: 0, would_skip: 0 },
      total: { would_create: 12, would_update: 0, would_skip: 0 },
    });
    expect(await asset('10.20.0.13')).toMatchObject({ type: 'BMC', host_name: 'esx-01', archived: false });
    expect(await asset('10.20.0.99')).toMatchObject({ type: 'OTHER', archived: true, tags: ['old'] });
    expect(await asset('10.20.0.10')).toMatchObject({ type: 'VM', project_name: 'Core', tags: ['edge', 'prod'] });
    // Audit: one run row and per-record rows, all carrying the importing user (U1).
    const audit = (await t.db.reader.query(`SELECT target_type, action, username, target_label, changes FROM audit_logs WHERE target_type IN ('IMPORT_RUN', 'IP_ASSET') ORDER BY id`)) as Record<string, string>[];
    expect(audit.filter((a) => a.target_type === 'IP_ASSET' && a.action === 'CREATE')).toHaveLength(6);
    expect(audit.every((a) => a.username === 'importer')).toBe(true);
    expect(audit.at(-1)).toEqual({
      target_type: 'IMPORT_RUN',
      action: 'APPLY',
      username: 'importer',
      target_label: 'api_import_bundle',
      changes: 'Import apply source=api_import_bundle; input=bundle.json; create=12; update=0; skip=0; warnings=0; errors=0.',
    });
  });

  it('applies the per-field upsert rules and flags exactly as the spec', async () => {
    await upload(t, editor, '/import/bundle', {
      file: bundleOf({ projects: [{ name: 'a' }, { name: 'b' }], ip_assets: [{ ip_address: '10.1.0.1', type: 'VM', project_name: 'a', notes: 'keep me', tags: ['x', 'y'] }] }),
    }).expect(200);

    // Tags listed in another order and a blank vs null note are no change (D4).
    const same = await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets: [{ ip_address: '10.1.0.1', type: 'VM', tags: ['y', 'x'] }] }) }, '?dry_run=true');
    expect(same.body.summary.ip_assets).toEqual({ would_create: 0, would_update: 0, would_skip: 1 });

    const flags = await upload(t, editor, '/import/bundle', {
      file: bundleOf({
        ip_assets: [{ ip_address: '10.1.0.1', type: 'OS', project_name: 'b', notes: 'new note', tags: ['z'], preserve_existing_notes: true, preserve_existing_type: 'yes', merge_tags: 1 }],
      }),
    }).expect(200);
    expect(flags.body.plan.records).toEqual([{ ip_address: '10.1.0.1', action: 'UPDATE', changes: { project: ['a', 'b'], tags: [['x', 'y'], ['x', 'y', 'z']] } }]);
    expect(await asset('10.1.0.1')).toMatchObject({ type: 'VM', project_name: 'b', notes: 'keep me', tags: ['x', 'y', 'z'] });

    // Bundle: the notes key present but empty clears; tags [] clears; archived word archives.
    await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets: [{ ip_address: '10.1.0.1', type: 'VM', notes: '', tags: [], archived: 'true' }] }) }).expect(200);
    expect(await asset('10.1.0.1')).toMatchObject({ notes: null, tags: [], archived: true, project_name: 'b' });

    const audit = (await t.db.reader.query(`SELECT changes FROM audit_logs WHERE target_label = '10.1.0.1' AND action = 'UPDATE' ORDER BY id`)) as { changes: string }[];
    expect(audit.map((a) => a.changes)).toEqual(['project: a -> b; tags: x, y -> x, y, z', 'notes: keep me -> ; tags: x, y, z -> none; archived: False -> True']);
  });

  it('counts later duplicates in one bundle as updates of the first (E2) and warns about related updates', async () => {
    const res = await upload(t, editor, '/import/bundle', {
      file: bundleOf({
        vendors: [{ name: 'V' }, { name: 'V' }],
        projects: [{ name: 'dup', description: 'one' }, { name: 'dup', description: 'two' }],
        hosts: [{ name: 'hd' }, { name: 'hd', notes: 'n' }],
        ip_assets: [
          { ip_address: '10.2.0.1', type: 'VM' },
          { ip_address: '10.2.0.01'.replace('01', '1'), type: 'OS', notes: 'second' },
        ],
      }),
    }).expect(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.summary.vendors).toEqual({ would_create: 1, would_update: 0, would_skip: 1 });
    expect(res.body.summary.projects).toEqual({ would_create: 1, would_update: 1, would_skip: 0 });
    expect(res.body.summary.hosts).toEqual({ would_create: 1, would_update: 1, would_skip: 0 });
    expect(res.body.summary.ip_assets).toEqual({ would_create: 1, would_update: 1, would_skip: 0 });
    expect(res.body.warnings).toEqual([{ location: 'import', message: 'Some related records were updated based on import data.', level: 'warning' }]);
    expect(await asset('10.2.0.1')).toMatchObject({ type: 'OS', notes: 'second' });
  });

  it('CSV: empty notes cell clears, empty tags cell clears, absent tags column keeps', async () => {
    await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets: [{ ip_address: '10.3.0.1', type: 'VM', notes: 'n', tags: ['t1'] }] }) }).expect(200);
    await upload(t, editor, '/import/csv', { ip_assets: 'ip_address,type,project_name,host_name,notes,archived\n10.3.0.1,VM,,,,\n' }).expect(200);
    expect(await asset('10.3.0.1')).toMatchObject({ notes: null, tags: ['t1'] });
    const r = await upload(t, editor, '/import/csv', { ip_assets: 'ip_address,type,project_name,host_name,notes,archived,tags\n10.3.0.1,VM,newproj,,,False,\n' }).expect(200);
    expect(r.body.summary.projects.would_create).toBe(1);
    expect(await asset('10.3.0.1')).toMatchObject({ tags: [], project_name: 'newproj' });
    expect((await t.db.reader.query(`SELECT changes FROM audit_logs WHERE target_type = 'IMPORT_RUN' ORDER BY id DESC LIMIT 1`))[0].changes).toBe(
      'Import apply source=api_import_csv; input=csv; create=1; update=1; skip=0; warnings=0; errors=0.',
    );
  });

  it('pages the per-record plan so huge plans stay small', async () => {
    const ip_assets = Array.from({ length: 30 }, (_, i) => ({ ip_address: `10.4.0.${i}`, type: 'VM' }));
    const res = await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets }) }, '?dry_run=true&plan_limit=10&plan_offset=25').expect(200);
    expect(res.body.plan).toMatchObject({ total: 30, offset: 25, limit: 10, truncated: true });
    expect(res.body.plan.records.map((r: { ip_address: string }) => r.ip_address)).toEqual(['10.4.0.25', '10.4.0.26', '10.4.0.27', '10.4.0.28', '10.4.0.29']);
  });

  it('writes one audit row per asset and the run row last, also when an apply audits in several chunks', async () => {
    // 12,000 rows: more than two of the applier's 5,000-row audit chunks, for creates and again for updates.
    const rows = (notes: string) => Array.from({ length: 12_000 }, (_, i) => ({ ip_address: `10.8.${i >> 8}.${i & 255}`, type: 'VM', notes }));
    const audited = async (action: string) =>
      Number(((await t.db.reader.query(`SELECT COUNT(*) AS n FROM audit_logs WHERE target_type = 'IP_ASSET' AND action = '${action}' AND target_label LIKE '10.8.%'`)) as { n: number }[])[0].n);
    const lastRow = async () => ((await t.db.reader.query(`SELECT target_type, changes FROM audit_logs ORDER BY id DESC LIMIT 1`)) as { target_type: string; changes: string }[])[0];
    await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets: rows('first') }) }).expect(200);
    expect(await audited('CREATE')).toBe(12_000);
    expect(await lastRow()).toMatchObject({ target_type: 'IMPORT_RUN', changes: expect.stringContaining('create=12000; update=0;') });
    await upload(t, editor, '/import/bundle', { file: bundleOf({ ip_assets: rows('second') }) }).expect(200);
    expect(await audited('UPDATE')).toBe(12_000);
    expect(await lastRow()).toMatchObject({ target_type: 'IMPORT_RUN', changes: expect.stringContaining('create=0; update=12000;') });
  });

  it('imports a real Nmap ping scan of 127.0.0.1/30 (loopback accepted)', async () => {
    const xml = execFileSync('nmap', ['-sn', '-oX', '-', '127.0.0.1/30'], { timeout: 60_000 });
    const dry = await upload(t, editor, '/import/nmap', { file: xml }, '?dry_run=true').expect(200);
    expect(dry.body).toMatchObject({ discovered_up_hosts: 4, new_ips_created: 4, existing_ips_seen: 0, errors: [], new_assets: [] });
    const applied = await upload(t, editor, '/import/nmap', { file: xml }).expect(200);
    expect(applied.body.new_assets.map((a: { ip_address: string }) => a.ip_address)).toEqual(['127.0.0.0', '127.0.0.1', '127.0.0.2', '127.0.0.3']);
    const a = await asset('127.0.0.1');
    expect(a.type).toBe('OTHER');
    expect(a.notes).toMatch(/^Discovered via nmap upload at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const again = await upload(t, editor, '/import/nmap', { file: xml }).expect(200);
    expect(again.body).toMatchObject({ discovered_up_hosts: 4, new_ips_created: 0, existing_ips_seen: 4 });
  });

  it('applies the Nmap rules for up hosts and MAC vendors', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE nmaprun><nmaprun>
      <host><status state="up"/><address addr="10.5.0.1" addrtype="ipv4"/><address addr="00:50:56:00:00:01" addrtype="mac" vendor="VMware"/></host>
      <host><status state="up"/><address addr="10.5.0.2" addrtype="ipv4"/><address addr="00:00:00:00:00:02" addrtype="mac" vendor="Dell Inc."/></host>
      <host><status state="down"/><address addr="10.5.0.3" addrtype="ipv4"/></host>
      <host><status state="up"/><address addr="10.5.0.1" addrtype="ipv4"/></host>
      <host><status state="up"/><address addr="10.5.0.999" addrtype="ipv4"/></host>
    </nmaprun>`;
    const res = await upload(t, editor, '/import/nmap', { file: xml }).expect(200);
    expect(res.body).toMatchObject({ discovered_up_hosts: 2, new_ips_created: 2, errors: ["Invalid IP address '10.5.0.999' in Nmap XML."] });
    expect((await asset('10.5.0.1')).type).toBe('VM');
    expect((await asset('10.5.0.2')).type).toBe('OS');
  });

  it.each([
    ['XXE', '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><nmaprun><host><status state="up"/><address addr="10.6.0.1" addrtype="ipv4"/>&xxe;</host></nmaprun>'],
    ['billion laughs', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'],
    ['a DOCTYPE with an external id', '<?xml version="1.0"?><!DOCTYPE nmaprun SYSTEM "http://127.0.0.1:9/evil.dtd"><nmaprun/>'],
    ['malformed XML', '<nmaprun><host>'],
  ])('refuses %s in Nmap XML with 400 and writes nothing', async (_name, xml) => {
    const before = await inventoryCounts(t);
    const res = await upload(t, editor, '/import/nmap', { file: xml }).expect(400);
    expect(res.body.errors).toEqual(['Invalid Nmap XML payload.']);
    expect(res.body.detail).toMatch(/^import: Invalid Nmap XML payload\./);
    expect(await inventoryCounts(t)).toEqual(before);
  });
});
