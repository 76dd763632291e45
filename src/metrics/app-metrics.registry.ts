import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * The registry for ipocket's own series (inventory gauges, build info, HTTP histogram). One per application
 * instance, unlike prom-client's global registry that holds the process metrics: two apps in one process
 * (tests, the bench) then neither clash on metric names nor count each other's requests.
 */
@Injectable()
export class AppMetricsRegistry extends Registry {}
