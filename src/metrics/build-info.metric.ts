import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { BuildInfoService } from '../health/build-info';
import { AppMetricsRegistry } from './app-metrics.registry';

/** `ipocket_build_info{version,commit} 1`: the usual "info" idiom, joinable onto any other series. */
@Injectable()
export class BuildInfoMetric {
  constructor(registry: AppMetricsRegistry, build: BuildInfoService) {
    const gauge = new Gauge({
      name: 'ipocket_build_info',
      help: 'Always 1; the labels carry the running version and commit (as /health reports them).',
      labelNames: ['version', 'commit'],
      registers: [registry],
    });
    gauge.set({ version: build.info.version, commit: build.info.commit }, 1);
  }
}
