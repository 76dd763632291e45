import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { Actor, Role } from '../common/actor';
import { UsersService } from '../users/users.service';
import type { ImportInput } from './import-pipeline';
import { formatImportReport } from './import-report';
import { ImportsService } from './imports.service';

interface ImportOptions {
  dryRun?: boolean;
  apply?: boolean;
  as?: string;
  limit?: number;
}

/** hosts.csv or ip-assets.csv? The file name says so, else the header does. */
function csvRole(file: string, bytes: Buffer): 'hosts' | 'ipAssets' {
  const name = path.basename(file).toLowerCase();
  if (name.includes('host')) return 'hosts';
  if (name.includes('ip')) return 'ipAssets';
  return bytes.subarray(0, 4096).toString('utf8').split(/\r?\n/)[0].split(',').includes('ip_address') ? 'ipAssets' : 'hosts';
}

/**
 * `ipocket import bundle|csv|nmap FILE… [--dry-run|--apply] [--as USER]`: the same pipeline as the API,
 * printing the same summary and per-record diff. Dry-run is the default; exit status 1 when rejected.
 */
@Command({ name: 'import', arguments: '<kind> <files...>', description: 'import bundle.json, hosts.csv/ip-assets.csv or Nmap XML (kind: bundle, csv, nmap)' })
export class ImportCommand extends CommandRunner {
  constructor(
    private readonly imports: ImportsService,
    private readonly users: UsersService,
  ) {
    super();
  }

  @Option({ flags: '--dry-run', description: 'only report what would change (default)' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--apply', description: 'write the changes (in one transaction)' })
  parseApply(): boolean {
    return true;
  }

  @Option({ flags: '--as <username>', description: 'the user the audit log records (needs Editor or Admin to apply)' })
  parseAs(value: string): string {
    return value;
  }

  @Option({ flags: '--limit <n>', description: 'how many per-record changes to print (default 50)' })
  parseLimit(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error('--limit must be a whole number.');
    return n;
  }

  async run([kind, ...files]: string[], options: ImportOptions): Promise<void> {
    if (options.apply && options.dryRun) throw new Error('Give either --dry-run or --apply, not both.');
    const dryRun = !options.apply;
    const actor = await this.actor(options.as, dryRun);
    const read = (file: string) => {
      if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
      return fs.readFileSync(file);
    };
    let input: ImportInput;
    let source: { label: string; input: string } | undefined;
    if (kind === 'bundle' || kind === 'nmap') {
      if (files.length !== 1) throw new Error(`import ${kind} takes exactly one file.`);
      input = { kind, bytes: read(files[0]) };
      source = kind === 'bundle' ? { label: 'cli_import_bundle', input: 'bundle.json' } : undefined;
    } else if (kind === 'csv') {
      if (files.length < 1 || files.length > 2) throw new Error('import csv takes hosts.csv and/or ip-assets.csv.');
      const csv: { hosts?: Buffer; ipAssets?: Buffer } = {};
      for (const file of files) {
        const bytes = read(file);
        csv[csvRole(file, bytes)] = bytes;
      }
      input = { kind: 'csv', ...csv };
      source = { label: 'cli_import_csv', input: 'csv' };
    } else {
      throw new Error(`Unknown import kind "${kind}": use bundle, csv or nmap.`);
    }
    const outcome = await this.imports.run({ input, dryRun, actor, source, planWindow: { offset: 0, limit: options.limit ?? 50 } });
    console.log(formatImportReport(outcome, dryRun));
    if (outcome.errors.length > 0 || outcome.rejected) process.exitCode = 1;
  }

  private actor(username: string | undefined, dryRun: boolean): Promise<Actor | null> {
    return username === undefined ? Promise.resolve(null) : this.users.actorByUsername(username, dryRun ? Role.Viewer : Role.Editor);
  }

}

export const IMPORT_COMMANDS = [ImportCommand];
