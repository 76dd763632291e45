import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { nowText } from '../infra/database/timestamps';
import { toIpAssetDto } from './dto/ip-asset.dto';
import type { IpAssetDto } from './dto/ip-asset.dto';
import { IpAssetTagLinks } from './ip-asset-tag-links';
import { IpAsset } from './ip-asset.entity';

export interface LinkedIpAsset extends IpAssetDto {
  project_name: string | null;
}

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
    const { entities, raw } = await em
      .getRepository(IpAsset)
      .createQueryBuilder('a')
      .leftJoin('projects', 'p', 'p.id = a.project_id')
      .addSelect('p.name', 'project_name')
      .where('a.host_id = :hostId', { hostId })
      .andWhere('a.archived = :archived', { archived: false })
      .orderBy('a.ip_key', 'ASC')
      .getRawAndEntities<{ project_name: string | null }>();
    const tags = await this.tagLinks.namesByAsset(em, entities.map((a) => a.id));
    return entities.map((asset, i) => ({ ...toIpAssetDto(asset, tags.get(asset.id) ?? []), project_name: raw[i]?.project_name ?? null }));
  }
}
