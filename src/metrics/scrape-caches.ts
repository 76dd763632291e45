import { Injectable } from '@nestjs/common';
import { register } from 'prom-client';
import { IpAssetCounts, IpAssetStatsService } from '../ip-assets/ip-asset-stats.service';
import { AppMetricsRegistry } from './app-metrics.registry';

/** How long one set of counts answers scrapes; Prometheus scrapes every 15 s or more, so this only absorbs bursts. */
export const COUNTS_MAX_AGE_MS = 2000;
/** How long one rendered exposition answers scrapes (two Prometheus servers of an HA pair, a curl beside them). */
export const EXPOSITION_MAX_AGE_MS = 1000;

/**
 * A value loaded at most once per `maxAgeMs`. Concurrent callers share one in-flight load, and a failed
 * load is not kept.
 */
export class MaxAgeCache<T> {
  private cached?: { at: number; value: T };
  private pending?: Promise<T>;
  /** Replaceable so the unit test can move time. */
  now: () => number = () => Date.now();

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  get(): Promise<T> {
    if (this.cached && this.now() - this.cached.at < this.maxAgeMs) return Promise.resolve(this.cached.value);
    if (!this.pending) {
      const started = this.now();
      this.pending = this.load()
        .then((value) => {
          this.cached = { at: started, value };
          return value;
        })
        .finally(() => (this.pending = undefined));
    }
    return this.pending;
  }

  /** Drops the cached value so the next call loads again (tests that change data between scrapes). */
  forget(): void {
    this.cached = undefined;
  }
}

/** The inventory counts behind the five gauges: one SQL round trip serves all of them. */
@Injectable()
export class InventoryCountsCache extends MaxAgeCache<IpAssetCounts> {
  constructor(stats: IpAssetStatsService) {
    super(() => stats.counts(), COUNTS_MAX_AGE_MS);
  }
}

/**
 * The whole `/metrics` text: ipocket's registry, then prom-client's global one (process and Node.js
 * metrics). The default collectors make a handful of system calls per scrape (CPU, memory, open files,
 * event-loop histogram), the bulk of a scrape's cost, so a burst of scrapes shares one rendering.
 */
@Injectable()
export class MetricsExposition extends MaxAgeCache<string> {
  constructor(registry: AppMetricsRegistry) {
    super(async () => `${await registry.metrics()}\n${await register.metrics()}`, EXPOSITION_MAX_AGE_MS);
  }
}
