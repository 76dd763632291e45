import { Injectable } from '@nestjs/common';
import { Params } from '../infra/database/bulk-sql';
import { Database } from '../infra/database/database';
import { IpAssetType } from './ip-asset.entity';

/** The project label of assets without a project, in discovery and on the dashboard. */
export const UNASSIGNED_PROJECT_LABEL = 'unassigned';

/** The inventory numbers behind the `ipam_ip_*` gauges (api.md §5.2). */
export interface IpAssetCounts {
  /** Every row, archived included. */
  total: number;
  archived: number;
  /** Active rows without a project. */
  unassignedProject: number;
}

/** Which active assets become service-discovery targets (api.md §5.3). Empty lists mean "no filter". */
export interface SdTargetFilter {
  onlyAssigned: boolean;
  projectNames: string[];
  types: IpAssetType[];
}

/**
 * One discovery group as the database aggregates it: its targets already as a JSON array text, and the least and
 * greatest project key and type of its rows, from which the labels follow (equal = shared, else "multiple").
 * Project key 0 stands for "unassigned" (no project, or a project of that very name); others are project ids.
 */
export interface SdGroupRow {
  targetsJson: string;
  projectKeys: [number, number];
  types: [IpAssetType, IpAssetType];
}

/** The groups, and the names of the projects their keys reference. */
export interface SdGroups {
  groups: SdGroupRow[];
  projectNames: ReadonlyMap<number, string>;
}

/**
 * Counts and target lists over ip_assets for /metrics and /sd/node. Every figure comes from SQL over the
 * (archived, project_id, ip_key) / (archived, type, ip_key) indexes; no asset entity is ever loaded.
 */
@Injectable()
export class IpAssetStatsService {
  constructor(private readonly db: Database) {}

  async counts(): Promise<IpAssetCounts> {
    // Three counts rather than one pass with conditional sums: SQLite answers a bare COUNT(*) from the b-tree
    // page counts and the other two from index ranges, over ten times faster at 100k rows.
    const [sql, parameters] = this.db.dataSource.driver.escapeQueryWithParameters(
      `SELECT (SELECT COUNT(*) FROM ip_assets) AS total,
              (SELECT COUNT(*) FROM ip_assets WHERE archived = :archived) AS archived,
              (SELECT COUNT(*) FROM ip_assets WHERE archived = :active AND project_id IS NULL) AS unassigned`,
      { archived: true, active: false },
    );
    const rows: Array<Record<string, unknown>> = await this.db.reader.query(sql, parameters);
    const row = rows[0] ?? {};
    // PostgreSQL returns COUNT as bigint text.
    return { total: Number(row.total ?? 0), archived: Number(row.archived ?? 0), unassignedProject: Number(row.unassigned ?? 0) };
  }

  /**
   * Discovery groups over the active assets matching the filter (api.md §5.3): one for every asset, or one per
   * project label. The database writes each group's `"host:port"` list in address order (IPv4 first, numeric),
   * IPv6 in brackets: a discovery covers every asset, and reading 100k rows into JavaScript to concatenate them
   * again took most of its time. Canonical addresses need no JSON escaping.
   */
  async sdGroups(filter: SdTargetFilter, port: number, byProject: boolean): Promise<SdGroups> {
    const projects: Array<{ id: number; name: string }> = await this.db.reader.createQueryBuilder().select('p.id', 'id').addSelect('p.name', 'name').from('projects', 'p').getRawMany();
    const projectNames = new Map(projects.map((p) => [Number(p.id), p.name]));
    const p = new Params(!this.db.isSqlite);
    // The original groups by label, so a project literally named "unassigned" shares key 0 with no project.
    const named = projects.find((project) => project.name === UNASSIGNED_PROJECT_LABEL);
    const key = `CASE WHEN a.project_id IS NULL OR a.project_id = ${p.add(named ? Number(named.id) : 0, 'int')} THEN 0 ELSE a.project_id END`;
    const bracketed = `CASE WHEN ${p.pg ? 'strpos' : 'instr'}(a.ip_address, ':') > 0 THEN '[' || a.ip_address || ']' ELSE a.ip_address END`;
    const target = `'"' || ${bracketed} || ${p.add(`:${port}"`, 'text')}`;
    const where = [`a.archived = ${p.add(false)}`];
    if (filter.onlyAssigned) where.push('a.project_id IS NOT NULL');
    // An asset without a project never matches a project filter, not even one named "unassigned".
    if (filter.projectNames.length > 0) {
      const wanted = new Set(filter.projectNames);
      const ids = projects.filter((project) => wanted.has(project.name)).map((project) => Number(project.id));
      if (ids.length === 0) return { groups: [], projectNames };
      where.push(`a.project_id IN (${p.list(ids)})`);
    }
    if (filter.types.length > 0) where.push(`a.type IN (${p.list(filter.types)})`);
    // Rows come ordered by group, then address; the aggregate keeps that order (Database.concatInOrder). Grouped
    // by the plain project_id, the rows are one walk of the (archived, project_id, ip_key, …) index with no sort;
    // only a project named "unassigned" needs the merged key, and then SQLite sorts.
    const group = byProject ? (named ? 'g' : 'pid') : undefined;
    const rows = `SELECT ${key} AS g, a.project_id AS pid, ${target} AS target, a.type AS type, a.ip_key AS k FROM ip_assets a WHERE ${where.join(' AND ')} ORDER BY ${group ? `${group}, ` : ''}a.ip_key`;
    const result = await this.db.rowArrays(
      `SELECT '[' || ${this.db.concatInOrder('r.target', "','", 'r.k')} || ']', min(r.g), max(r.g), min(r.type), max(r.type) FROM (${rows}) r ${group ? `GROUP BY r.${group}` : ''}`,
      p.values,
    );
    // Without GROUP BY an empty match still aggregates to one row, of NULLs.
    const groups = result.rows
      .filter((r) => r[0] !== null)
      .map((r): SdGroupRow => ({ targetsJson: r[0] as string, projectKeys: [Number(r[1]), Number(r[2])], types: [r[3] as IpAssetType, r[4] as IpAssetType] }));
    return { groups, projectNames };
  }
}
