import type { IpAssetCounts, IpAssetStatsService } from '../ip-assets/ip-asset-stats.service';
import { Counter, collectDefaultMetrics } from 'prom-client';
import { AppMetricsRegistry } from './app-metrics.registry';
import { COUNTS_MAX_AGE_MS, EXPOSITION_MAX_AGE_MS, InventoryCountsCache, MetricsExposition } from './scrape-caches';

collectDefaultMetrics();

function fakeStats() {
  let total = 0;
  const calls = { count: 0 };
  const stats = {
    counts: jest.fn(async (): Promise<IpAssetCounts> => {
      calls.count++;
      return { total: ++total, archived: 0, unassignedProject: 0 };
    }),
  };
  return { stats: stats as unknown as IpAssetStatsService, calls };
}

describe('InventoryCountsCache', () => {
  it('answers from one query until the counts are COUNTS_MAX_AGE_MS old', async () => {
    const { stats, calls } = fakeStats();
    const cache = new InventoryCountsCache(stats);
    let now = 1_000_000;
    cache.now = () => now;
    expect((await cache.get()).total).toBe(1);
    now += COUNTS_MAX_AGE_MS - 1;
    expect((await cache.get()).total).toBe(1);
    now += 1;
    expect((await cache.get()).total).toBe(2);
    expect(calls.count).toBe(2);
  });

  it('shares one in-flight query between concurrent scrapes', async () => {
    const { stats, calls } = fakeStats();
    const cache = new InventoryCountsCache(stats);
    const results = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(results.map((r) => r.total)).toEqual([1, 1, 1]);
    expect(calls.count).toBe(1);
  });

  it('queries again after forget() and does not keep a failure', async () => {
    const { stats, calls } = fakeStats();
    const cache = new InventoryCountsCache(stats);
    await cache.get();
    cache.forget();
    expect((await cache.get()).total).toBe(2);
    (stats.counts as jest.Mock).mockRejectedValueOnce(new Error('database gone'));
    cache.forget();
    await expect(cache.get()).rejects.toThrow('database gone');
    expect((await cache.get()).total).toBe(3);
    expect(calls.count).toBe(3);
  });
});

describe('MetricsExposition', () => {
  it('renders ipocket series and the process metrics once per EXPOSITION_MAX_AGE_MS', async () => {
    const registry = new AppMetricsRegistry();
    const counter = new Counter({ name: 'ipocket_test_renders_total', help: 'test', registers: [registry] });
    const exposition = new MetricsExposition(registry);
    let now = 5_000_000;
    exposition.now = () => now;
    const first = await exposition.get();
    expect(first).toContain('ipocket_test_renders_total 0');
    expect(first).toContain('process_cpu_user_seconds_total');
    counter.inc();
    now += EXPOSITION_MAX_AGE_MS - 1;
    expect(await exposition.get()).toBe(first);
    now += 1;
    expect(await exposition.get()).toContain('ipocket_test_renders_total 1');
  });
});
