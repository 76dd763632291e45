import * as fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { parseExportFilters } from './export-filters';
import { ExportEntity, ExportsService } from './exports.service';

interface ExportOptions {
  format?: string;
  output?: string;
  includeArchived?: boolean;
  type?: string;
  project?: string;
  host?: string;
}

const WHAT = ['bundle', 'ip-assets', 'hosts', 'vendors', 'projects'];

/** `ipocket export bundle|ip-assets|hosts|vendors|projects [--format csv|json] [--output FILE]`: the same files as GET /export/*. */
@Command({ name: 'export', arguments: '<what>', description: 'export bundle, ip-assets, hosts, vendors or projects to a file or standard output' })
export class ExportCommand extends CommandRunner {
  constructor(private readonly exports: ExportsService) {
    super();
  }

  @Option({ flags: '-f, --format <format>', description: 'csv or json (bundle: json or zip); default csv, bundle json' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '-o, --output <file>', description: 'write to this file instead of standard output' })
  parseOutput(value: string): string {
    return value;
  }

  @Option({ flags: '--include-archived', description: 'IP assets: include archived rows' })
  parseIncludeArchived(): boolean {
    return true;
  }

  @Option({ flags: '--type <type>', description: 'IP assets: only this type' })
  parseType(value: string): string {
    return value;
  }

  @Option({ flags: '--project <name>', description: 'only this project (IP assets, projects)' })
  parseProject(value: string): string {
    return value;
  }

  @Option({ flags: '--host <name>', description: 'only this host (IP assets, hosts)' })
  parseHost(value: string): string {
    return value;
  }

  async run([what]: string[], options: ExportOptions): Promise<void> {
    if (!WHAT.includes(what)) throw new Error(`Unknown export "${what}": use ${WHAT.join(', ')}.`);
    const query: Record<string, unknown> = { include_archived: options.includeArchived ? 'true' : 'false', project: options.project, host: options.host };
    if (options.type !== undefined) query.type = options.type;
    let filters;
    try {
      filters = parseExportFilters(query, { ipAssets: what === 'bundle' || what === 'ip-assets' });
    } catch (error) {
      throw new Error((error as { message?: string }).message ?? String(error));
    }
    const format = options.format ?? (what === 'bundle' ? 'json' : 'csv');
    let body: Readable;
    if (what === 'bundle') {
      if (format !== 'json' && format !== 'zip') throw new Error('bundle --format must be json or zip.');
      body = format === 'zip' ? this.exports.bundleZip(filters) : Readable.from(this.exports.bundle(filters));
    } else {
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json.');
      body = Readable.from(this.exports.entity(what as ExportEntity, format, filters));
    }
    const out: Writable = options.output ? fs.createWriteStream(options.output) : process.stdout;
    await pipeline(body, out, { end: Boolean(options.output) });
    if (options.output) console.error(`Wrote ${options.output}.`);
  }
}

export const EXPORT_COMMANDS = [ExportCommand];
