import { Injectable } from '@nestjs/common';
import { IpAssetStatsService } from '../ip-assets/ip-asset-stats.service';
import type { SdQueryDto } from './sd-query.dto';
import { buildTargetGroups, normaliseSdTypes, renderTargetGroups } from './sd-target-groups';

/** Prometheus HTTP service discovery over the active IP assets. */
@Injectable()
export class SdService {
  constructor(private readonly stats: IpAssetStatsService) {}

  /** The target groups as a JSON text (see renderTargetGroups for why not an object graph). */
  async nodeTargetsJson(query: SdQueryDto): Promise<string> {
    const types = normaliseSdTypes(query.type);
    const targets = await this.stats.sdTargets({ onlyAssigned: query.only_assigned, projectNames: query.project, types });
    return renderTargetGroups(buildTargetGroups(targets, query.port, query.group_by));
  }
}
