import { Injectable } from '@nestjs/common';
import { Host } from '../hosts/host.entity';
import { Database } from '../infra/database/database';
import { IpAssetStatsService } from '../ip-assets/ip-asset-stats.service';
import { Project } from '../projects/project.entity';
import { utilisationJson } from '../ranges/range-utilisation';
import { RangesService } from '../ranges/ranges.service';
import { Vendor } from '../vendors/vendor.entity';
import { SummaryDto } from './summary.dto';

/** Dashboard totals; every figure is a COUNT in SQL (the range figures come from RangesService). */
@Injectable()
export class SummaryService {
  constructor(
    private readonly db: Database,
    private readonly assetStats: IpAssetStatsService,
    private readonly ranges: RangesService,
  ) {}

  async summary(): Promise<SummaryDto> {
    const [assets, hosts, vendors, projects, ranges] = await Promise.all([
      this.assetStats.counts(),
      this.db.reader.count(Host),
      this.db.reader.count(Vendor),
      this.db.reader.count(Project),
      this.ranges.list(),
    ]);
    return {
      ip_assets: { active: assets.total - assets.archived, archived: assets.archived },
      hosts,
      vendors,
      projects,
      ranges: ranges.map(({ range, utilisation }) => ({ id: range.id, name: range.name, cidr: range.cidr, ...utilisationJson(utilisation) })),
    };
  }
}
