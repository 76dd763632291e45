import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { chunks, rowsPerStatement } from '../infra/database/bulk-sql';
import type { Tag } from '../tags/tag.entity';

// Keeps one IN (...) list well under SQLite's bound-parameter limit.
const CHUNK = 2000;

/** The ip_asset_tags link table: which tags an IP asset carries. */
@Injectable()
export class IpAssetTagLinks {
  /** Tag names per asset id, each list ascending by name (byte order), in one query per 2000 ids. */
  async namesByAsset(em: EntityManager, assetIds: number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    for (let i = 0; i < assetIds.length; i += CHUNK) {
      const ids = assetIds.slice(i, i + CHUNK);
      const rows = await em
        .createQueryBuilder()
        .select(['l.ip_asset_id AS asset_id', 't.name AS name'])
        .from('ip_asset_tags', 'l')
        .innerJoin('tags', 't', 't.id = l.tag_id')
        .where('l.ip_asset_id IN (:...ids)', { ids })
        .getRawMany<{ asset_id: number; name: string }>();
      for (const row of rows) {
        const id = Number(row.asset_id);
        const list = result.get(id);
        if (list) list.push(row.name);
        else result.set(id, [row.name]);
      }
    }
    // Sorted here with a byte-order comparison so both databases give the same order.
    for (const list of result.values()) list.sort(byteOrder);
    return result;
  }

  async replace(em: EntityManager, assetId: number, tags: Tag[]): Promise<void> {
    await em.createQueryBuilder().delete().from('ip_asset_tags').where('ip_asset_id = :assetId', { assetId }).execute();
    await this.add(em, assetId, tags);
  }

  add(em: EntityManager, assetId: number, tags: Tag[]): Promise<void> {
    return this.addToMany(em, [assetId], tags);
  }

  remove(em: EntityManager, assetId: number, tags: Tag[]): Promise<void> {
    return this.removeFromMany(em, [assetId], tags);
  }

  /** Links every one of these tags to every one of these assets (existing links stay), a few statements in all. */
  async addToMany(em: EntityManager, assetIds: number[], tags: Tag[]): Promise<void> {
    const links = assetIds.flatMap((assetId) => tags.map((tag) => ({ ip_asset_id: assetId, tag_id: tag.id })));
    for (const rows of chunks(links, rowsPerStatement(2))) {
      await em.createQueryBuilder().insert().into('ip_asset_tags').values(rows).orIgnore().updateEntity(false).execute();
    }
  }

  async removeFromMany(em: EntityManager, assetIds: number[], tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    for (const ids of chunks(assetIds, CHUNK)) {
      await em
        .createQueryBuilder()
        .delete()
        .from('ip_asset_tags')
        .where('ip_asset_id IN (:...ids)', { ids })
        .andWhere('tag_id IN (:...tagIds)', { tagIds: tags.map((t) => t.id) })
        .execute();
    }
  }
}

export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
