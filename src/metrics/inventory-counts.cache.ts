import { Injectable } from '@nestjs/common';
import { IpAssetCounts, IpAssetStatsService } from '../ip-assets/ip-asset-stats.service';

/** How long one set of counts answers scrapes; Prometheus scrapes every 15 s or more, so this only absorbs bursts. */
export const COUNTS_MAX_AGE_MS = 2000;

/**
 * The inventory counts behind the gauges, queried at most once per COUNTS_MAX_AGE_MS. Concurrent scrapes
 * share one in-flight query, and a failed query is not cached.
 */
@Injectable()
export class InventoryCountsCache {
  private cached?: { at: number; counts: IpAssetCounts };
  private pending?: Promise<IpAssetCounts>;
  /** Replaceable so the unit test can move time. */
  now: () => number = () => Date.now();

  constructor(private readonly stats: IpAssetStatsService) {}

  get(): Promise<IpAssetCounts> {
    if (this.cached && this.now() - this.cached.at < COUNTS_MAX_AGE_MS) return Promise.resolve(this.cached.counts);
    if (!this.pending) {
      const started = this.now();
      this.pending = this.stats
        .counts()
        .then((counts) => {
          this.cached = { at: started, counts };
          return counts;
        })
        .finally(() => (this.pending = undefined));
    }
    return this.pending;
  }

  /** Drops the cached counts so the next scrape queries again (used by tests that change data between scrapes). */
  forget(): void {
    this.cached = undefined;
  }
}
