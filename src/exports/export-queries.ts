import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ipFromKey } from '../common/ip';
import { Params, isPostgres, selectIn } from '../infra/database/bulk-sql';
import { Database } from '../infra/database/database';
import type { ExportFilters } from './export-filters';

/** Rows per keyset page: big enough to be fast, small enough that a million rows keep memory flat. */
export const EXPORT_PAGE = 5_000;

export interface IpAssetExportRow {
  ip_address: string;
  type: string;
  project_name: string | null;
  host_name: string | null;
  notes: string | null;
  archived: boolean;
  created_at: string;
  updated_at: string;
  tags: string[];
}

export interface HostExportRow {
  name: string;
  notes: string | null;
  vendor_name: string | null;
  project_name: string | null;
  os_ip: string | null;
  bmc_ip: string | null;
}

export interface VendorExportRow {
  name: string;
}

export interface ProjectExportRow {
  name: string;
  description: string | null;
  color: string;
}

const TAG_LINKS = 'FROM ip_asset_tags l JOIN tags t ON t.id = l.tag_id WHERE l.ip_asset_id = a.id';

/** FROM … LIMIT of one keyset page of assets with their project and host, filtered as A.2 says. */
function assetPageFrom(p: Params, filters: ExportFilters, after: string | null): string {
  const where: string[] = [];
  if (after !== null) where.push(`a.ip_key > ${p.add(after)}`);
  if (!filters.includeArchived) where.push(`a.archived = ${p.add(false)}`);
  if (filters.type) where.push(`a.type = ${p.add(filters.type)}`);
  if (filters.project) where.push(`p.name = ${p.add(filters.project)}`);
  if (filters.host) where.push(`h.name = ${p.add(filters.host)}`);
  return `FROM ip_assets a LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hosts h ON h.id = a.host_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.ip_key LIMIT ${EXPORT_PAGE}`;
}

/** SQL for csvField (csv-format.ts): NULL is empty, quoted only when holding a comma, a quote or a line break. */
function csvFieldSql(column: string, pg: boolean): string {
  const special = pg ? `${column} ~ '[",\\r\\n]'` : `${column} GLOB '*[",' || char(10, 13) || ']*'`;
  return `CASE WHEN ${special} THEN '"' || replace(${column}, '"', '""') || '"' ELSE coalesce(${column}, '') END`;
}

/**
 * Export reads, page by page with keyset pagination (never OFFSET, never a whole table in memory), in the
 * orders of import-export.md A.3: addresses numerically (IPv4 first, decision D1), everything else by name.
 */
@Injectable()
export class ExportQueries {
  constructor(private readonly db: Database) {}

  private get em(): EntityManager {
    return this.db.reader;
  }

  async *ipAssets(filters: ExportFilters): AsyncGenerator<IpAssetExportRow[]> {
    // Tags aggregated in the same query (string_agg on both databases): one round trip per page. Names match
    // [a-z0-9_-]+, so a comma separates them safely and the default sort is byte order.
    const tagNames = `(SELECT string_agg(t.name, ',') ${TAG_LINKS}) AS tag_names`;
    let after: string | null = null;
    for (;;) {
      const p = new Params(isPostgres(this.em));
      // Row arrays rather than objects: this read returns every asset (see Database.rowArrays).
      const result = await this.db.rowArrays(
        `SELECT a.ip_address, a.ip_key, a.type, p.name AS project_name, h.name AS host_name, a.notes, a.archived, a.created_at, a.updated_at, ${tagNames}
         ${assetPageFrom(p, filters, after)}`,
        p.values,
      );
      const rows = result.rows;
      if (rows.length === 0) return;
      const [ip, key, type, project, host, notes, archived, created, updated, tags] = ['ip_address', 'ip_key', 'type', 'project_name', 'host_name', 'notes', 'archived', 'created_at', 'updated_at', 'tag_names'].map((c) => result.index(c));
      yield rows.map((r) => ({
        ip_address: r[ip] as string,
        type: r[type] as string,
        project_name: r[project] as string | null,
        host_name: r[host] as string | null,
        notes: r[notes] as string | null,
        archived: Boolean(r[archived]),
        created_at: r[created] as string,
        updated_at: r[updated] as string,
        tags: r[tags] ? (r[tags] as string).split(',').sort() : [],
      }));
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1][key] as string;
    }
  }

  /**
   * The rows of ip-assets.csv (IP_ASSET_COLUMNS), a page of CRLF-terminated lines at a time, written by the
   * database with csvField's quoting rules: at 100k assets, reading every value into JavaScript only to format it
   * again took most of the export's time.
   */
  async *ipAssetCsvLines(filters: ExportFilters): AsyncGenerator<string> {
    let after: string | null = null;
    for (;;) {
      const p = new Params(isPostgres(this.em));
      // tag_names is the sorted ", "-joined list, kept by triggers (migration AssetTagNames1764430000000).
      const page = `SELECT a.ip_address, a.ip_key, a.type, p.name AS project_name, h.name AS host_name, a.notes, a.archived, a.created_at, a.updated_at,
                a.tag_names AS tags ${assetPageFrom(p, filters, after)}`;
      // Addresses are canonical, types enum names and timestamps app-written: none can need quotes. Tag names never
      // do either, so the joined list needs them exactly when it holds a separator.
      const fields = ['c.ip_address', 'c.type', csvFieldSql('c.project_name', p.pg), csvFieldSql('c.host_name', p.pg)];
      fields.push(`CASE WHEN ${p.pg ? 'strpos' : 'instr'}(c.tags, ',') > 0 THEN '"' || c.tags || '"' ELSE coalesce(c.tags, '') END`, csvFieldSql('c.notes', p.pg));
      fields.push(`CASE WHEN c.archived THEN 'True' ELSE 'False' END`, 'c.created_at', 'c.updated_at');
      const line = `${fields.join(" || ',' || ")} || ${p.pg ? 'chr(13) || chr(10)' : 'char(13, 10)'}`;
      const result = await this.db.rowArrays(`SELECT ${this.db.concatInOrder(line, "''", 'c.ip_key')}, max(c.ip_key), count(*) FROM (${page}) c`, p.values);
      const [lines, lastKey, count] = result.rows[0] as [string | null, string | null, number | string];
      if (lines !== null) yield lines;
      if (Number(count) < EXPORT_PAGE) return;
      after = lastKey;
    }
  }

  async *hosts(filters: Pick<ExportFilters, 'host'>): AsyncGenerator<HostExportRow[]> {
    for await (const rows of this.byName<{ id: number; name: string; notes: string | null; vendor_name: string | null }>(
      'hosts h LEFT JOIN vendors v ON v.id = h.vendor_id',
      'h.name',
      'h.id, h.name, h.notes, v.name AS vendor_name',
      filters.host,
    )) {
      const ids = rows.map((r) => Number(r.id));
      const projects = await selectIn<{ host_id: number; project_name: string }>(
        this.em,
        ids,
        (list) => `SELECT a.host_id, MIN(p.name) AS project_name FROM ip_assets a JOIN projects p ON p.id = a.project_id WHERE a.archived = ${isPostgres(this.em) ? 'false' : '0'} AND a.host_id IN (${list}) GROUP BY a.host_id`,
      );
      // Decision D3: the "first" OS/BMC address is the numerically lowest active one.
      const addresses = await selectIn<{ host_id: number; type: string; ip_key: string }>(
        this.em,
        ids,
        (list) =>
          `SELECT a.host_id, a.type, MIN(a.ip_key) AS ip_key FROM ip_assets a WHERE a.archived = ${isPostgres(this.em) ? 'false' : '0'} AND a.type IN ('OS', 'BMC') AND a.host_id IN (${list}) GROUP BY a.host_id, a.type`,
      );
      const projectOf = new Map(projects.map((r) => [Number(r.host_id), r.project_name]));
      const addressOf = new Map(addresses.map((r) => [`${Number(r.host_id)}:${r.type}`, ipFromKey(r.ip_key).canonical]));
      yield rows.map((r) => ({
        name: r.name,
        notes: r.notes,
        vendor_name: r.vendor_name,
        project_name: projectOf.get(Number(r.id)) ?? null,
        os_ip: addressOf.get(`${Number(r.id)}:OS`) ?? null,
        bmc_ip: addressOf.get(`${Number(r.id)}:BMC`) ?? null,
      }));
    }
  }

  vendors(): AsyncGenerator<VendorExportRow[]> {
    return this.byName<VendorExportRow>('vendors v', 'v.name', 'v.name', undefined);
  }

  projects(filters: Pick<ExportFilters, 'project'>): AsyncGenerator<ProjectExportRow[]> {
    return this.byName<ProjectExportRow>('projects p', 'p.name', 'p.name, p.description, p.color', filters.project);
  }

  /** Keyset pages over a table ordered by its unique name column, optionally one exact name. */
  private async *byName<R extends { name: string }>(from: string, nameColumn: string, columns: string, exact: string | undefined): AsyncGenerator<R[]> {
    let after: string | null = null;
    for (;;) {
      const p = new Params(isPostgres(this.em));
      const where: string[] = [];
      if (after !== null) where.push(`${nameColumn} > ${p.add(after)}`);
      if (exact !== undefined) where.push(`${nameColumn} = ${p.add(exact)}`);
      const rows = (await this.em.query(
        `SELECT ${columns} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${nameColumn} LIMIT ${EXPORT_PAGE}`,
        p.values,
      )) as R[];
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1].name;
    }
  }
}
