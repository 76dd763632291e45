import { Injectable } from '@nestjs/common';

/** Counts and target lists over ip_assets for /metrics and /sd/node (owned by the observability work). */
@Injectable()
export class IpAssetStatsService {}
