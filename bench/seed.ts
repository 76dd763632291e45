import type { INestApplication } from '@nestjs/common';
import { Host } from '../src/hosts/host.entity';
import { HostsService } from '../src/hosts/hosts.service';
import { Database } from '../src/infra/database/database';
import { nowText } from '../src/infra/database/timestamps';
import { IpAsset } from '../src/ip-assets/ip-asset.entity';
import { Project } from '../src/projects/project.entity';
import { ProjectsService } from '../src/projects/projects.service';
import { IpRange } from '../src/ranges/ip-range.entity';
import { RangesService } from '../src/ranges/ranges.service';
import { Tag } from '../src/tags/tag.entity';
import { TagsService } from '../src/tags/tags.service';
import { VendorsService } from '../src/vendors/vendors.service';
import { BIG_V4_RANGE, buildAssets, DatasetShape, SeedAsset, V6_RANGE } from './dataset';

export interface SeededData {
  assets: SeedAsset[];
  projects: Project[];
  tags: Tag[];
  hosts: Host[];
  smallRanges: IpRange[];
  bigV4Range: IpRange;
  v6Range: IpRange;
}

// Rows per INSERT: 9 columns × 500 stays far below SQLite's bound-parameter limit.
const CHUNK = 500;

/**
 * Library objects and ranges go through their services one by one (they are few, and that exercises the
 * real rules). IP assets go in as chunked multi-row inserts inside write transactions: a one-off bulk load that
 * skips the per-asset audit rows a user action would write.
 */
export async function seed(app: INestApplication, shape: DatasetShape, log: (line: string) => void): Promise<SeededData> {
  const db = app.get(Database);
  const projects: Project[] = [];
  for (let i = 0; i < shape.projects; i++) projects.push(await app.get(ProjectsService).create(null, { name: `project-${String(i).padStart(2, '0')}` }));
  const tags: Tag[] = [];
  for (let i = 0; i < shape.tags; i++) tags.push(await app.get(TagsService).create(null, { name: `tag-${String(i).padStart(2, '0')}` }));
  const vendors = [];
  for (let i = 0; i < shape.vendors; i++) vendors.push(await app.get(VendorsService).create(null, `vendor-${i}`));
  const hosts: Host[] = [];
  for (let i = 0; i < shape.hosts; i++) {
    hosts.push(await app.get(HostsService).create(null, { name: `host-${String(i).padStart(4, '0')}`, vendor_id: vendors[i % vendors.length].id }));
  }
  log(`  ${projects.length} projects, ${tags.length} tags, ${vendors.length} vendors, ${hosts.length} hosts`);

  const ranges = app.get(RangesService);
  const smallRanges: IpRange[] = [];
  for (let r = 0; r < shape.smallRanges; r++) smallRanges.push(await ranges.create(null, { name: `lan-${String(r).padStart(2, '0')}`, cidr: `10.${Math.floor(r / 256)}.${r % 256}.0/24` }));
  const bigV4Range = await ranges.create(null, { name: 'campus', cidr: BIG_V4_RANGE });
  const v6Range = await ranges.create(null, { name: 'lab-v6', cidr: V6_RANGE });
  log(`  ${smallRanges.length + 2} ranges`);

  const assets = buildAssets(shape);
  const now = nowText();
  for (let start = 0; start < assets.length; start += CHUNK * 20) {
    await db.transaction(async (em) => {
      for (let i = start; i < Math.min(start + CHUNK * 20, assets.length); i += CHUNK) {
        const chunk = assets.slice(i, i + CHUNK);
        await em
          .createQueryBuilder()
          .insert()
          .into(IpAsset)
          .values(
            chunk.map((a) => ({
              ipAddress: a.ipAddress,
              ipKey: a.ipKey,
              type: a.type,
              projectId: a.projectIndex === null ? null : projects[a.projectIndex].id,
              hostId: a.hostIndex === null ? null : hosts[a.hostIndex].id,
              notes: a.notes,
              archived: a.archived,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .updateEntity(false)
          .execute();
        const ids = await em
          .createQueryBuilder()
          .select(['a.id AS id', 'a.ip_key AS ip_key'])
          .from('ip_assets', 'a')
          .where('a.ip_key IN (:...keys)', { keys: chunk.map((a) => a.ipKey) })
          .getRawMany<{ id: number; ip_key: string }>();
        const idByKey = new Map(ids.map((r) => [r.ip_key, Number(r.id)]));
        const links = chunk.flatMap((a) => a.tagIndexes.map((t) => ({ ip_asset_id: idByKey.get(a.ipKey)!, tag_id: tags[t].id })));
        if (links.length > 0) await em.createQueryBuilder().insert().into('ip_asset_tags', ['ip_asset_id', 'tag_id']).values(links).execute();
      }
    });
  }
  log(`  ${assets.length} IP assets (${assets.filter((a) => a.archived).length} archived)`);
  return { assets, projects, tags, hosts, smallRanges, bigV4Range, v6Range };
}
