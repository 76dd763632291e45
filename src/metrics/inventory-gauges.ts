import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { IpAssetCounts } from '../ip-assets/ip-asset-stats.service';
import { AppMetricsRegistry } from './app-metrics.registry';
import { InventoryCountsCache } from './scrape-caches';

/** The original's five series, same names and values (api.md §5.2), now with HELP/TYPE (decision O1). */
const INVENTORY_SERIES: ReadonlyArray<{ name: string; help: string; value: (c: IpAssetCounts) => number }> = [
  { name: 'ipam_ip_total', help: 'Count of all IP asset rows, archived included.', value: (c) => c.total },
  { name: 'ipam_ip_archived_total', help: 'IP assets that are archived.', value: (c) => c.archived },
  { name: 'ipam_ip_unassigned_project_total', help: 'Active (not archived) IP assets with no project.', value: (c) => c.unassignedProject },
  // The original's owner feature is gone; both series stay (always 0) so existing dashboards keep working.
  { name: 'ipam_ip_unassigned_owner_total', help: 'Always 0: the owner feature was removed; kept for compatibility.', value: () => 0 },
  { name: 'ipam_ip_unassigned_both_total', help: 'Always 0: the owner feature was removed; kept for compatibility.', value: () => 0 },
];

/** Registers the inventory gauges; each is filled from SQL counts when scraped. */
@Injectable()
export class InventoryGauges {
  constructor(registry: AppMetricsRegistry, counts: InventoryCountsCache) {
    for (const series of INVENTORY_SERIES) {
      new Gauge({
        name: series.name,
        help: series.help,
        registers: [registry],
        async collect() {
          this.set(series.value(await counts.get()));
        },
      });
    }
  }
}
