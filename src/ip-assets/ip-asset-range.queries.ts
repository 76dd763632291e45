import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Database } from '../infra/database/database';
import { applyIpAssetFilters, IpAssetFilters } from './ip-asset-filters';
import { IpAsset, IpAssetType } from './ip-asset.entity';

/** An inclusive window of address keys (see `ipKey` in src/common/ip). */
export interface KeyWindow {
  firstKey: string;
  lastKey: string;
}

/** One active asset as the range drill-down shows it, with its project and host already resolved. */
export interface RangeAssetRow {
  id: number;
  ipAddress: string;
  ipKey: string;
  type: IpAssetType;
  notes: string | null;
  project: { id: number; name: string; color: string } | null;
  host: { id: number; name: string } | null;
  tags: string[];
}

// Plain SQL rather than the query builder for the two reads a free-address search repeats a dozen times per
// request (allocation, free pages): building the query cost more than running it.
const ACTIVE_IN_WINDOW = 'a.archived = :archived AND a.ip_key BETWEEN :firstKey AND :lastKey';

// Keeps one statement well under SQLite's and PostgreSQL's bound-parameter limits.
const WINDOWS_PER_STATEMENT = 200;

/**
 * Queries over ip_assets by address-key range, for range utilisation, drill-down and allocation (owned by the
 * ranges work). Every predicate is `archived = ? AND ip_key BETWEEN ? AND ?`, an index range scan on
 * `ix_ip_assets_archived_ip_key`; counts never load rows. Keys are unique, so a count is a count of distinct
 * addresses. Methods take an optional EntityManager so allocation can read inside its own transaction.
 */
@Injectable()
export class IpAssetRangeQueries {
  constructor(private readonly db: Database) {}

  /** Active assets whose key lies in the window. */
  async countActive(window: KeyWindow, em: EntityManager = this.db.reader): Promise<number> {
    const rows = await namedQuery<{ n: unknown }>(em, `SELECT COUNT(*) AS n FROM ip_assets a WHERE ${ACTIVE_IN_WINDOW}`, { archived: false, ...window });
    return Number(rows[0]?.n ?? 0);
  }

  /** Same as countActive for many windows in few statements (one scalar subquery per window). */
  async countActiveMany(windows: KeyWindow[], em: EntityManager = this.db.reader): Promise<number[]> {
    const counts: number[] = [];
    for (let start = 0; start < windows.length; start += WINDOWS_PER_STATEMENT) {
      const chunk = windows.slice(start, start + WINDOWS_PER_STATEMENT);
      const params: Record<string, unknown> = { archived: false };
      const columns = chunk.map((w, i) => {
        params[`f${i}`] = w.firstKey;
        params[`l${i}`] = w.lastKey;
        return `(SELECT COUNT(*) FROM ip_assets a WHERE a.archived = :archived AND a.ip_key BETWEEN :f${i} AND :l${i}) AS c${i}`;
      });
      // A one-row FROM keeps the statement valid on both databases.
      const rows = await namedQuery<Record<string, unknown>>(em, `SELECT ${columns.join(', ')} FROM (SELECT 1 AS one) AS single_row`, params);
      chunk.forEach((_, i) => counts.push(Number(rows[0]?.[`c${i}`] ?? 0)));
    }
    return counts;
  }

  /** Keys of active assets in the window, ascending, at most `limit`. */
  async activeKeys(window: KeyWindow, limit: number, em: EntityManager = this.db.reader): Promise<string[]> {
    const sql = `SELECT a.ip_key AS k FROM ip_assets a WHERE ${ACTIVE_IN_WINDOW} ORDER BY a.ip_key LIMIT :limit`;
    return (await namedQuery<{ k: string }>(em, sql, { archived: false, ...window, limit })).map((r) => r.k);
  }

  /** Active assets in the window (callers keep the window small: one page of addresses). */
  async activeRows(window: KeyWindow, limit: number): Promise<RangeAssetRow[]> {
    const ids = await this.activeIn(this.db.reader, window).select('a.id', 'id').orderBy('a.ip_key', 'ASC').limit(limit).getRawMany<{ id: number }>();
    return this.rowsByIds(ids.map((r) => Number(r.id)));
  }

  /** A page of active assets in the window matching the IP asset list filters, in address order, with the total. */
  async activePage(window: KeyWindow, filters: IpAssetFilters, limit: number, offset: number): Promise<{ rows: RangeAssetRow[]; total: number }> {
    const qb = applyIpAssetFilters(this.db.reader.getRepository(IpAsset).createQueryBuilder('a'), 'a', { ...filters, archived: false, keyRange: window });
    const total = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: unknown }>();
    const ids = await qb.select('a.id', 'id').orderBy('a.ip_key', 'ASC').limit(limit).offset(offset).getRawMany<{ id: number }>();
    return { rows: await this.rowsByIds(ids.map((r) => Number(r.id))), total: Number(total?.n ?? 0) };
  }

  /**
   * For each host, the addresses of its active OS and BMC assets in address order: the drill-down's
   * "host pair" column shows an OS row its host's BMC addresses and the other way round.
   */
  async osBmcAddressesByHost(hostIds: number[]): Promise<Map<number, { type: IpAssetType; ipAddress: string }[]>> {
    const byHost = new Map<number, { type: IpAssetType; ipAddress: string }[]>();
    if (hostIds.length === 0) return byHost;
    const rows = await this.db.reader
      .createQueryBuilder()
      .select(['a.host_id AS host_id', 'a.type AS type', 'a.ip_address AS ip_address', 'a.ip_key AS ip_key'])
      .from('ip_assets', 'a')
      .where('a.host_id IN (:...hostIds)', { hostIds })
      // Wrapped so no (archived, …) index qualifies: the planner then looks hosts up by ix_ip_assets_host_id
      // instead of scanning every active OS/BMC asset.
      .andWhere('(CASE WHEN a.archived = :archived THEN 1 ELSE 0 END) = 1', { archived: false })
      .andWhere('a.type IN (:...types)', { types: [IpAssetType.OS, IpAssetType.BMC] })
      .getRawMany<{ host_id: number; type: IpAssetType; ip_address: string; ip_key: string }>();
    // Sorted here for the same reason: ORDER BY ip_key would tempt SQLite into walking the (archived, ip_key) index.
    rows.sort((x, y) => (x.ip_key < y.ip_key ? -1 : x.ip_key > y.ip_key ? 1 : 0));
    for (const r of rows) {
      const list = byHost.get(Number(r.host_id)) ?? [];
      list.push({ type: r.type, ipAddress: r.ip_address });
      byHost.set(Number(r.host_id), list);
    }
    return byHost;
  }

  private activeIn(em: EntityManager, window: KeyWindow): SelectQueryBuilder<IpAsset> {
    return em
      .getRepository(IpAsset)
      .createQueryBuilder('a')
      .where('a.archived = :archived', { archived: false })
      .andWhere('a.ip_key BETWEEN :firstKey AND :lastKey', { firstKey: window.firstKey, lastKey: window.lastKey });
  }

  /** Asset rows with project, host and tag names: two statements for a whole page. */
  private async rowsByIds(ids: number[]): Promise<RangeAssetRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.reader
      .createQueryBuilder()
      .select(['a.id AS id', 'a.ip_address AS ip_address', 'a.ip_key AS ip_key', 'a.type AS type', 'a.notes AS notes'])
      .addSelect(['p.id AS project_id', 'p.name AS project_name', 'p.color AS project_color', 'h.id AS host_id', 'h.name AS host_name'])
      .from('ip_assets', 'a')
      .leftJoin('projects', 'p', 'p.id = a.project_id')
      .leftJoin('hosts', 'h', 'h.id = a.host_id')
      .where('a.id IN (:...ids)', { ids })
      .orderBy('a.ip_key', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const tagRows = await this.db.reader
      .createQueryBuilder()
      .select(['at.ip_asset_id AS asset_id', 't.name AS name'])
      .from('ip_asset_tags', 'at')
      .innerJoin('tags', 't', 't.id = at.tag_id')
      .where('at.ip_asset_id IN (:...ids)', { ids })
      .orderBy('t.name', 'ASC')
      .getRawMany<{ asset_id: number; name: string }>();
    const tags = new Map<number, string[]>();
    for (const t of tagRows) tags.set(Number(t.asset_id), [...(tags.get(Number(t.asset_id)) ?? []), t.name]);
    return rows.map((r) => ({
      id: Number(r.id),
      ipAddress: String(r.ip_address),
      ipKey: String(r.ip_key),
      type: r.type as IpAssetType,
      notes: (r.notes as string | null) ?? null,
      project: r.project_id == null ? null : { id: Number(r.project_id), name: String(r.project_name), color: String(r.project_color) },
      host: r.host_id == null ? null : { id: Number(r.host_id), name: String(r.host_name) },
      tags: tags.get(Number(r.id)) ?? [],
    }));
  }
}

/** Raw SQL with `:named` parameters, converted by the driver (booleans become 0/1 on SQLite). */
function namedQuery<T>(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = em.connection.driver.escapeQueryWithParameters(sql, params);
  return em.query(text, values);
}
