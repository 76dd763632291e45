import { Injectable } from '@nestjs/common';
import { IpAssetStatsService } from '../ip-assets/ip-asset-stats.service';
import type { SdQueryDto } from './sd-query.dto';
import { normaliseSdTypes, renderTargetGroups } from './sd-target-groups';

/** Prometheus HTTP service discovery over the active IP assets. */
@Injectable()
export class SdService {
  constructor(private readonly stats: IpAssetStatsService) {}

  /** The target groups as JSON text (the database writes the target lists, see IpAssetStatsService.sdGroups). */
  async nodeTargetsJson(query: SdQueryDto): Promise<string> {
    const types = normaliseSdTypes(query.type);
    const groups = await this.stats.sdGroups({ onlyAssigned: query.only_assigned, projectNames: query.project, types }, query.port, query.group_by === 'project');
    return renderTargetGroups(groups);
  }
}
