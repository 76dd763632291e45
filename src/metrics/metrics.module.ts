import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { HealthModule } from '../health/health.module';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { AppMetricsRegistry } from './app-metrics.registry';
import { BuildInfoMetric } from './build-info.metric';
import { HttpMetricsMiddleware, HttpRequestMetrics } from './http-request.metrics';
import { InventoryGauges } from './inventory-gauges';
import { MetricsController } from './metrics.controller';
import { InventoryCountsCache, MetricsExposition } from './scrape-caches';

/**
 * Prometheus exposition. PrometheusModule declares the controller inside itself, so the exposition the
 * controller needs must be visible from there: that is the only reason this module is global.
 */
@Global()
@Module({
  imports: [PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }), HealthModule, IpAssetsModule],
  // Nest builds every provider at boot; building InventoryGauges and BuildInfoMetric registers their series.
  providers: [AppMetricsRegistry, InventoryCountsCache, MetricsExposition, InventoryGauges, BuildInfoMetric, HttpRequestMetrics],
  exports: [AppMetricsRegistry, MetricsExposition],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
