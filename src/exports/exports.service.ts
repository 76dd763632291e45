import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { csvRow, HOST_COLUMNS, IP_ASSET_COLUMNS, PROJECT_COLUMNS, VENDOR_COLUMNS } from './csv-format';
import type { ExportFilters } from './export-filters';
import { ExportQueries, HostExportRow, IpAssetExportRow, ProjectExportRow, VendorExportRow } from './export-queries';

export type ExportEntity = 'ip-assets' | 'hosts' | 'vendors' | 'projects';
export type ExportFormat = 'csv' | 'json';

/** `2024-01-01T12:00:00.123000+00:00`: the original's ISO form with microseconds. */
export const exportedAt = (date = new Date()): string => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');

const ipAssetJson = (r: IpAssetExportRow) => ({
  ip_address: r.ip_address,
  type: r.type,
  project_name: r.project_name,
  host_name: r.host_name,
  notes: r.notes,
  archived: r.archived,
  created_at: r.created_at,
  updated_at: r.updated_at,
  tags: r.tags,
});
const hostJson = (r: HostExportRow) => ({ name: r.name, notes: r.notes, vendor_name: r.vendor_name, project_name: r.project_name, os_ip: r.os_ip, bmc_ip: r.bmc_ip });
const vendorJson = (r: VendorExportRow) => ({ name: r.name });
const projectJson = (r: ProjectExportRow) => ({ name: r.name, description: r.description ?? null, color: r.color });

const hostCsv = (r: HostExportRow) => csvRow([r.name, r.notes, r.vendor_name, r.project_name, r.os_ip, r.bmc_ip]);

/** Joins the pages of `pages` into a JSON array, one page of text at a time. */
async function* jsonArray<R>(pages: AsyncIterable<R[]>, shape: (row: R) => unknown): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const rows of pages) {
    const text = rows.map((r) => JSON.stringify(shape(r))).join(', ');
    yield first ? text : ', ' + text;
    first = false;
  }
  yield ']';
}

async function* csvText<R>(columns: readonly string[], pages: AsyncIterable<R[]>, row: (r: R) => string): AsyncGenerator<string> {
  yield csvRow(columns);
  for await (const rows of pages) yield rows.map(row).join('');
}

/** The header, then pages of lines the database already formatted. */
async function* csvLines(columns: readonly string[], pages: AsyncIterable<string>): AsyncGenerator<string> {
  yield csvRow(columns);
  yield* pages;
}

/** ASCII-escaped JSON (as Python's json.dumps): non-ASCII characters become \uXXXX. */
const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The export files of import-export.md Part A as streams of text: rows come from the database a page at a
 * time and leave as soon as they are formatted, so memory stays flat however many rows there are.
 */
@Injectable()
export class ExportsService {
  constructor(private readonly queries: ExportQueries) {}

  entity(entity: ExportEntity, format: ExportFormat, filters: ExportFilters): AsyncGenerator<string> {
    const q = this.queries;
    switch (entity) {
      case 'ip-assets':
        return format === 'csv' ? csvLines(IP_ASSET_COLUMNS, q.ipAssetCsvLines(filters)) : jsonArray(q.ipAssets(filters), ipAssetJson);
      case 'hosts':
        return format === 'csv' ? csvText(HOST_COLUMNS, q.hosts(filters), hostCsv) : jsonArray(q.hosts(filters), hostJson);
      case 'vendors':
        return format === 'csv' ? csvText(VENDOR_COLUMNS, q.vendors(), (r) => csvRow([r.name])) : jsonArray(q.vendors(), vendorJson);
      case 'projects':
        return format === 'csv' ? csvText(PROJECT_COLUMNS, q.projects(filters), (r) => csvRow([r.name, r.description, r.color])) : jsonArray(q.projects(filters), projectJson);
    }
  }

  /** bundle.json (A.6): vendors never filtered, projects by `project`, hosts by `host`, IP assets by all. */
  async *bundle(filters: ExportFilters, options: { ascii?: boolean } = {}): AsyncGenerator<string> {
    const json = options.ascii ? asciiJson : (v: unknown) => JSON.stringify(v);
    const sep = options.ascii ? ', ' : ',';
    const colon = options.ascii ? ': ' : ':';
    yield `{${json('app')}${colon}${json('ipocket')}${sep}${json('schema_version')}${colon}${json('1')}${sep}${json('exported_at')}${colon}${json(exportedAt())}${sep}${json('data')}${colon}{`;
    const sections: [string, AsyncIterable<unknown[]>, (r: never) => unknown][] = [
      ['vendors', this.queries.vendors(), vendorJson],
      ['projects', this.queries.projects(filters), projectJson],
      ['hosts', this.queries.hosts(filters), hostJson],
      ['ip_assets', this.queries.ipAssets(filters), ipAssetJson],
    ];
    let firstSection = true;
    for (const [name, pages, shape] of sections) {
      yield `${firstSection ? '' : sep}${json(name)}${colon}[`;
      firstSection = false;
      let first = true;
      for await (const rows of pages) {
        const text = rows.map((r) => json(shape(r as never))).join(sep);
        yield first ? text : sep + text;
        first = false;
      }
      yield ']';
    }
    yield '}}';
  }

  /** bundle.zip (A.7): bundle.json and the four CSVs, each generated only when the zip writer reaches it. */
  bundleZip(filters: ExportFilters): Readable {
    const zip = new ZipFile();
    const entries: [string, () => AsyncGenerator<string>][] = [
      ['bundle.json', () => this.bundle(filters, { ascii: true })],
      ['ip-assets.csv', () => this.entity('ip-assets', 'csv', filters)],
      ['projects.csv', () => this.entity('projects', 'csv', filters)],
      ['hosts.csv', () => this.entity('hosts', 'csv', filters)],
      ['vendors.csv', () => this.entity('vendors', 'csv', filters)],
    ];
    const mtime = new Date();
    for (const [name, make] of entries) zip.addReadStream(Readable.from(lazy(make)), name, { mtime, compress: true });
    zip.end();
    return zip.outputStream as Readable;
  }
}

/** Defers starting the generator (and its first query) until the stream is first read. */
async function* lazy(make: () => AsyncGenerator<string>): AsyncGenerator<string> {
  yield* make();
}
