import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ObjectLiteral } from 'typeorm';
import { containsClause } from '../infra/database/sql';
import { nowText } from '../infra/database/timestamps';
import { toIpAssetDto } from './dto/ip-asset.dto';
import type { IpAssetDto } from './dto/ip-asset.dto';
import { IpAssetTagLinks } from './ip-asset-tag-links';
import { IpAsset } from './ip-asset.entity';

export interface LinkedIpAsset extends IpAssetDto {
  project_name: string | null;
}

/** Conditions on a host's ACTIVE linked assets (the hosts page filters, ui.md §8.1). */
export interface LinkedAssetFilters {
  /** Unassigned = no active linked asset has a project. */
  projectId?: number | 'unassigned';
  status?: 'linked' | 'free';
  /** Any active linked asset carries one of these tags. */
  tags?: string[];
}

/** Keeps the IN (...) lists of a page far below SQLite's bound-parameter limit. */
const HOST_CHUNK = 900;

/** What the hosts domain needs to know about the IP assets linked to a host. */
@Injectable()
export class IpAssetHostLinks {
  constructor(private readonly tagLinks: IpAssetTagLinks) {}

  countActive(em: EntityManager, hostId: number): Promise<number> {
    return em
      .getRepository(IpAsset)
      .createQueryBuilder('a')
      .where('a.host_id = :hostId', { hostId })
      .andWhere('a.archived = :archived', { archived: false })
      .getCount();
  }

  /** Archived assets may still point at a host being deleted: they lose the link (and get a new updated_at). */
  async detachArchived(em: EntityManager, hostId: number): Promise<number> {
    const result = await em
      .createQueryBuilder()
      .update(IpAsset)
      .set({ hostId: null, updatedAt: nowText() })
      .where('host_id = :hostId', { hostId })
      .andWhere('archived = :archived', { archived: true })
      .execute();
    return result.affected ?? 0;
  }

  /** Active assets of the host in numeric address order, with their tags and project name. */
  async linkedActive(em: EntityManager, hostId: number): Promise<LinkedIpAsset[]> {
    return (await this.linkedActiveByHost(em, [hostId])).get(hostId) ?? [];
  }

  /** linkedActive for a page of hosts at once (one query per chunk, plus one for their tags). */
  async linkedActiveByHost(em: EntityManager, hostIds: number[]): Promise<Map<number, LinkedIpAsset[]>> {
    const byHost = new Map<number, LinkedIpAsset[]>();
    const ids = [...new Set(hostIds)];
    for (let i = 0; i < ids.length; i += HOST_CHUNK) {
      const { entities, raw } = await em
        .getRepository(IpAsset)
        .createQueryBuilder('a')
        .leftJoin('projects', 'p', 'p.id = a.project_id')
        .addSelect('p.name', 'project_name')
        .where('a.host_id IN (:...hostIds)', { hostIds: ids.slice(i, i + HOST_CHUNK) })
        .andWhere('a.archived = :archived', { archived: false })
        .orderBy('a.ip_key', 'ASC')
        .getRawAndEntities<{ project_name: string | null }>();
      const tags = await this.tagLinks.namesByAsset(em, entities.map((a) => a.id));
      entities.forEach((asset, n) => {
        const linked = { ...toIpAssetDto(asset, tags.get(asset.id) ?? []), project_name: raw[n]?.project_name ?? null };
        const list = byHost.get(asset.hostId!) ?? [];
        list.push(linked);
        byHost.set(asset.hostId!, list);
      });
    }
    return byHost;
  }

  /**
   * SQL matching hosts (alias `hostAlias`) that have an active linked asset whose address, notes, project name or
   * a tag name contains `text`; the hosts domain ORs it with its own columns.
   */
  linkedTextClause(hostAlias: string, text: string): [string, ObjectLiteral] {
    const [ipSql, ipParams] = containsClause('la.ip_address', 'laIp', text);
    const [notesSql, notesParams] = containsClause('la.notes', 'laNotes', text);
    const [projectSql, projectParams] = containsClause('lp.name', 'laProject', text);
    const [tagSql, tagParams] = containsClause('lt.name', 'laTag', text);
    const sql = this.activeLinked(
      hostAlias,
      'la',
      `(${ipSql} OR ${notesSql}` +
        ` OR EXISTS (SELECT 1 FROM projects lp WHERE lp.id = la.project_id AND ${projectSql})` +
        ` OR EXISTS (SELECT 1 FROM ip_asset_tags ll INNER JOIN tags lt ON lt.id = ll.tag_id WHERE ll.ip_asset_id = la.id AND ${tagSql}))`,
    );
    return [sql, { ...ipParams, ...notesParams, ...projectParams, ...tagParams, laArchived: false }];
  }

  /** Narrows a hosts query (alias `hostAlias`) by its hosts' active linked assets. */
  applyLinkedFilters<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, hostAlias: string, filters: LinkedAssetFilters): SelectQueryBuilder<T> {
    const params = { lfArchived: false };
    const linked = (cond: string) => this.activeLinked(hostAlias, 'lf', cond, 'lfArchived');
    if (filters.projectId === 'unassigned') qb.andWhere(`NOT ${linked('lf.project_id IS NOT NULL')}`, params);
    if (typeof filters.projectId === 'number') qb.andWhere(linked('lf.project_id = :lfProjectId'), { ...params, lfProjectId: filters.projectId });
    if (filters.status === 'linked') qb.andWhere(linked('1 = 1'), params);
    if (filters.status === 'free') qb.andWhere(`NOT ${linked('1 = 1')}`, params);
    if (filters.tags && filters.tags.length > 0) {
      const tagged = 'EXISTS (SELECT 1 FROM ip_asset_tags fl INNER JOIN tags ft ON ft.id = fl.tag_id WHERE fl.ip_asset_id = lf.id AND ft.name IN (:...lfTags))';
      qb.andWhere(linked(tagged), { ...params, lfTags: filters.tags });
    }
    return qb;
  }

  private activeLinked(hostAlias: string, alias: string, condition: string, archivedParam = 'laArchived'): string {
    return `EXISTS (SELECT 1 FROM ip_assets ${alias} WHERE ${alias}.host_id = ${hostAlias}.id AND ${alias}.archived = :${archivedParam} AND ${condition})`;
  }
}
