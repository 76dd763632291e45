import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chunks, IN_CHUNK, insertRows, isPostgres, Params, selectIn, updateRows } from '../infra/database/bulk-sql';
import type { IpAssetType } from './ip-asset.entity';

export interface IpAssetImportState {
  id: number;
  ipAddress: string;
  key: string;
  type: IpAssetType;
  projectId: number | null;
  projectName: string | null;
  hostId: number | null;
  hostName: string | null;
  notes: string | null;
  archived: boolean;
  /** Alphabetical. */
  tags: string[];
}

export interface IpAssetImportRow {
  ipAddress: string;
  key: string;
  type: IpAssetType;
  projectId: number | null;
  hostId: number | null;
  notes: string | null;
  archived: boolean;
}

/** Bulk reads and writes of `ip_assets` and `ip_asset_tags` for the import pipeline. */
@Injectable()
export class IpAssetImportWriter {
  /** The rows (archived included) whose sortable key is in `keys`, with project/host names and tags. */
  async findByKeys(em: EntityManager, keys: readonly string[]): Promise<IpAssetImportState[]> {
    const rows = await selectIn<{
      id: number;
      ip_address: string;
      ip_key: string;
      type: IpAssetType;
      project_id: number | null;
      project_name: string | null;
      host_id: number | null;
      host_name: string | null;
      notes: string | null;
      archived: boolean | number;
    }>(
      em,
      keys,
      (list) =>
        `SELECT a.id, a.ip_address, a.ip_key, a.type, a.project_id, p.name AS project_name, a.host_id, h.name AS host_name, a.notes, a.archived
         FROM ip_assets a LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN hosts h ON h.id = a.host_id
         WHERE a.ip_key IN (${list})`,
    );
    const assets = rows.map<IpAssetImportState>((r) => ({
      id: Number(r.id),
      ipAddress: r.ip_address,
      key: r.ip_key,
      type: r.type,
      projectId: r.project_id === null ? null : Number(r.project_id),
      projectName: r.project_name,
      hostId: r.host_id === null ? null : Number(r.host_id),
      hostName: r.host_name,
      notes: r.notes,
      archived: Boolean(r.archived),
      tags: [],
    }));
    const byId = new Map(assets.map((a) => [a.id, a]));
    const links = await selectIn<{ ip_asset_id: number; name: string }>(
      em,
      assets.map((a) => a.id),
      (list) => `SELECT l.ip_asset_id, t.name FROM ip_asset_tags l JOIN tags t ON t.id = l.tag_id WHERE l.ip_asset_id IN (${list}) ORDER BY t.name`,
    );
    for (const link of links) byId.get(Number(link.ip_asset_id))?.tags.push(link.name);
    return assets;
  }

  async insertMany(em: EntityManager, rows: readonly IpAssetImportRow[], now: string): Promise<Map<string, number>> {
    const out = await insertRows<{ id: number; ip_key: string }>(
      em,
      'ip_assets',
      ['ip_address', 'ip_key', 'type', 'project_id', 'host_id', 'notes', 'archived', 'created_at', 'updated_at'],
      rows.map((r) => [r.ipAddress, r.key, r.type, r.projectId, r.hostId, r.notes, r.archived, now, now]),
      'id, ip_key',
    );
    return new Map(out.map((r) => [r.ip_key, Number(r.id)]));
  }

  async updateMany(em: EntityManager, rows: readonly (IpAssetImportRow & { id: number })[], now: string): Promise<void> {
    await updateRows(
      em,
      'ip_assets',
      [
        { name: 'type', type: 'text' },
        { name: 'project_id', type: 'int' },
        { name: 'host_id', type: 'int' },
        { name: 'notes', type: 'text' },
        { name: 'archived', type: 'bool' },
        { name: 'updated_at', type: 'text' },
      ],
      rows.map((r) => [r.id, r.type, r.projectId, r.hostId, r.notes, r.archived, now]),
    );
  }

  /** Replaces the tag links of `assetIds` by `links` (which may also cover newly created assets). */
  async replaceTags(em: EntityManager, assetIds: readonly number[], links: readonly [assetId: number, tagId: number][]): Promise<void> {
    const pg = isPostgres(em);
    for (const part of chunks(assetIds, IN_CHUNK)) {
      const p = new Params(pg);
      await em.query(`DELETE FROM ip_asset_tags WHERE ip_asset_id IN (${p.list(part)})`, p.values);
    }
    await insertRows(em, 'ip_asset_tags', ['ip_asset_id', 'tag_id'], links.map(([a, t]) => [a, t]));
  }
}
