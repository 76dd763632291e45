import { Injectable } from '@nestjs/common';
import { Database } from '../infra/database/database';
import { containsClause } from '../infra/database/sql';
import { IpAsset } from '../ip-assets/ip-asset.entity';

export interface CatalogueEntry {
  id: number;
  name: string;
  color: string;
}

export interface HostPageFilters {
  q?: string;
  vendorId?: number;
  projectId?: number | 'unassigned';
  unassignedOnly?: boolean;
  status?: 'linked' | 'free';
  tags?: string[];
}

/**
 * Small read-only look-ups the pages need on every request and the domain services do not offer in this shape:
 * an asset by id (UI routes are id-based, the service is address-based) and the name/colour catalogues without
 * the per-row usage counts that ProjectsService.list()/TagsService.list() compute over every asset (too slow for
 * a list page at 100k assets). No rule lives here; every write goes through the domain services.
 */
@Injectable()
export class UiLookups {
  constructor(private readonly db: Database) {}

  /** The active asset with this id, or null (archived rows answer 404 in the UI, as in the original). */
  async activeAsset(id: number): Promise<IpAsset | null> {
    const asset = await this.db.reader.findOneBy(IpAsset, { id });
    return asset && !asset.archived ? asset : null;
  }

  /** Which of these ids are active assets (bulk edit skips the others silently, ui.md §6.5). */
  async activeAssetIds(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const found: number[] = [];
    for (let i = 0; i < ids.length; i += 900) {
      const rows = await this.db.reader
        .createQueryBuilder()
        .select('a.id', 'id')
        .from('ip_assets', 'a')
        .where('a.id IN (:...ids)', { ids: ids.slice(i, i + 900) })
        .andWhere('a.archived = :archived', { archived: false })
        .getRawMany<{ id: number }>();
      found.push(...rows.map((r) => Number(r.id)));
    }
    return found;
  }

  /**
   * One page of host ids for the hosts page (ui.md §8.1): its filters look through the host's active linked
   * assets (project, tags, addresses), which HostsService.list() does not offer. Rows are then read through
   * HostsService.detail().
   */
  async hostPage(filters: HostPageFilters, limit: number, offset: number): Promise<{ ids: number[]; total: number }> {
    const active = (cond: string) => `EXISTS (SELECT 1 FROM ip_assets ha WHERE ha.host_id = h.id AND ha.archived = :hfArchived AND ${cond})`;
    const qb = this.db.reader.createQueryBuilder().select('h.id', 'id').from('hosts', 'h').leftJoin('vendors', 'v', 'v.id = h.vendor_id').setParameter('hfArchived', false);
    if (filters.q) {
      const parts: string[] = [];
      const params: Record<string, string> = {};
      const like = (column: string, name: string) => {
        const [sql, p] = containsClause(column, name, filters.q!);
        Object.assign(params, p);
        return sql;
      };
      parts.push(like('h.name', 'hfName'), like('h.notes', 'hfNotes'), like('v.name', 'hfVendor'));
      parts.push(active(`(${like('ha.ip_address', 'hfIp')} OR ${like('ha.notes', 'hfIpNotes')})`));
      parts.push(active(`EXISTS (SELECT 1 FROM projects hp WHERE hp.id = ha.project_id AND ${like('hp.name', 'hfProject')})`));
      parts.push(active(`EXISTS (SELECT 1 FROM ip_asset_tags hl INNER JOIN tags ht ON ht.id = hl.tag_id WHERE hl.ip_asset_id = ha.id AND ${like('ht.name', 'hfTag')})`));
      qb.andWhere(`(${parts.join(' OR ')})`, params);
    }
    if (filters.vendorId !== undefined) qb.andWhere('h.vendor_id = :hfVendorId', { hfVendorId: filters.vendorId });
    if (filters.projectId === 'unassigned' || filters.unassignedOnly) qb.andWhere(`NOT ${active('ha.project_id IS NOT NULL')}`);
    if (typeof filters.projectId === 'number') qb.andWhere(active('ha.project_id = :hfProjectId'), { hfProjectId: filters.projectId });
    if (filters.status === 'linked') qb.andWhere(active('1 = 1'));
    if (filters.status === 'free') qb.andWhere(`NOT ${active('1 = 1')}`);
    if (filters.tags && filters.tags.length > 0) {
      qb.andWhere(active('EXISTS (SELECT 1 FROM ip_asset_tags tl2 INNER JOIN tags tt2 ON tt2.id = tl2.tag_id WHERE tl2.ip_asset_id = ha.id AND tt2.name IN (:...hfTags))'), { hfTags: filters.tags });
    }
    const total = await qb.getCount();
    const rows = total === 0 ? [] : await qb.orderBy('h.name', 'ASC').limit(limit).offset(offset).getRawMany<{ id: number }>();
    return { ids: rows.map((r) => Number(r.id)), total };
  }

  projects(): Promise<CatalogueEntry[]> {
    return this.catalogue('projects', true);
  }

  tags(): Promise<CatalogueEntry[]> {
    return this.catalogue('tags', true);
  }

  vendors(): Promise<CatalogueEntry[]> {
    return this.catalogue('vendors', false);
  }

  private async catalogue(table: 'projects' | 'tags' | 'vendors', withColor: boolean): Promise<CatalogueEntry[]> {
    const qb = this.db.reader.createQueryBuilder().select('x.id', 'id').addSelect('x.name', 'name').from(table, 'x').orderBy('x.name', 'ASC');
    if (withColor) qb.addSelect('x.color', 'color');
    const rows = await qb.getRawMany<{ id: number; name: string; color?: string }>();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, color: r.color ?? '' }));
  }
}
