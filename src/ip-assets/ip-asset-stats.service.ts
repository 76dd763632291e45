import { Injectable } from '@nestjs/common';
import { Database } from '../infra/database/database';
import { IpAssetType } from './ip-asset.entity';

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

/** The three columns /sd/node needs from one asset, straight from the driver. */
export interface SdTargetRow {
  ip: string;
  type: IpAssetType;
  /** Project name, or null when the asset has none. */
  project: string | null;
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

  /** Active assets matching the filter, in address order (IPv4 first, numeric within a family). */
  sdTargetRows(filter: SdTargetFilter): Promise<SdTargetRow[]> {
    const qb = this.db.reader
      .createQueryBuilder()
      .select('a.ip_address', 'ip')
      .addSelect('a.type', 'type')
      .addSelect('p.name', 'project')
      .from('ip_assets', 'a')
      .leftJoin('projects', 'p', 'p.id = a.project_id')
      .where('a.archived = :archived', { archived: false })
      .orderBy('a.ip_key', 'ASC');
    if (filter.onlyAssigned) qb.andWhere('a.project_id IS NOT NULL');
    // An asset without a project never matches a project filter, not even one named "unassigned".
    if (filter.projectNames.length > 0) qb.andWhere('p.name IN (:...projectNames)', { projectNames: filter.projectNames });
    if (filter.types.length > 0) qb.andWhere('a.type IN (:...types)', { types: filter.types });
    return qb.getRawMany<SdTargetRow>();
  }
}
