import { Injectable } from '@nestjs/common';

/** Queries over ip_assets by address-key range, for range utilisation, drill-down and allocation (owned by the ranges work). */
@Injectable()
export class IpAssetRangeQueries {}
