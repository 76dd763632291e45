import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { UsersService } from '../../src/users/users.service';
import { ExportCommand } from '../../src/exports/exports.commands';
import { ExportsService } from '../../src/exports/exports.service';
import { ImportCommand } from '../../src/imports/imports.commands';
import { ImportsService } from '../../src/imports/imports.service';
import { TestApp } from '../support/test-app';
import { bundleOf } from '../support/import-support';

/** The export/import command classes, run in-process against a test app (the lead wires them into the CLI). */
describe('ipocket export / import commands', () => {
  let t: TestApp;
  let dir: string;
  let output: string[];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    t = await TestApp.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-cli-'));
    await t.tokenFor(Role.Editor, 'cli-editor');
    await t.tokenFor(Role.Viewer, 'cli-viewer');
  });
  beforeEach(() => {
    output = [];
    spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterEach(() => spy.mockRestore());
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const importCmd = () => new ImportCommand(t.app.get(ImportsService), t.app.get(UsersService));
  const exportCmd = () => new ExportCommand(t.app.get(ExportsService));

  it('dry-runs by default, applies with --apply --as, and prints summary and diff', async () => {
    const file = path.join(dir, 'in.json');
    fs.writeFileSync(file, bundleOf({ ip_assets: [{ ip_address: '10.8.0.1', type: 'VM', tags: ['cli'] }] }));
    await importCmd().run(['bundle', file], {});
    expect(output.join('\n')).toContain('IP Assets: 1 create, 0 update, 0 skip');
    expect(output.join('\n')).toContain('CREATE 10.8.0.1  type: null -> "VM"; tags: [] -> ["cli"]');
    expect(output.join('\n')).toContain('Dry-run: nothing was written.');
    await expect(importCmd().run(['bundle', file], { apply: true, as: 'cli-viewer' })).rejects.toThrow(/needs Editor or higher/);
    await importCmd().run(['bundle', file], { apply: true, as: 'cli-editor' });
    const run = await t.db.reader.query(`SELECT username, target_label FROM audit_logs WHERE target_type = 'IMPORT_RUN'`);
    expect(run).toEqual([{ username: 'cli-editor', target_label: 'cli_import_bundle' }]);
  });

  it('exports CSV and bundle files that import back as skips', async () => {
    const csv = path.join(dir, 'ip-assets.csv');
    const bundle = path.join(dir, 'bundle.json');
    await exportCmd().run(['ip-assets'], { output: csv });
    await exportCmd().run(['bundle'], { output: bundle });
    expect(fs.readFileSync(csv, 'utf8')).toMatch(/^ip_address,type,project_name,host_name,tags,notes,archived,created_at,updated_at\r\n10\.8\.0\.1,VM,,,cli,,False,/);
    output = [];
    await importCmd().run(['csv', csv], {});
    expect(output.join('\n')).toContain('IP Assets: 0 create, 0 update, 1 skip');
    await importCmd().run(['bundle', bundle], {});
    const lines = output.join('\n').split('\n');
    expect(lines.at(-1)).toBe('Dry-run: nothing was written.');
    expect(lines.filter((l) => l === 'Total: 0 create, 0 update, 1 skip')).toHaveLength(2);
    await expect(exportCmd().run(['ip-assets'], { type: 'nope' })).rejects.toThrow(/Invalid asset type/);
  });
});
