import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { AppMetricsRegistry } from './app-metrics.registry';

/** Label for requests no route matched (404s, probes of random paths): one value, however many paths. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template a request matched (`/ip-assets/:ip_address`), never the raw path: label values must
 * stay a small fixed set, or every scanned address would become its own time series.
 */
export function routeTemplate(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}

export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/** `ipocket_http_request_duration_seconds{route,method,status_class}`. */
@Injectable()
export class HttpRequestMetrics {
  private readonly histogram: Histogram<'route' | 'method' | 'status_class'>;

  constructor(registry: AppMetricsRegistry) {
    this.histogram = new Histogram({
      name: 'ipocket_http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response, by route template, method and status class.',
      labelNames: ['route', 'method', 'status_class'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  observe(req: Request, status: number, seconds: number): void {
    this.histogram.observe({ route: routeTemplate(req), method: req.method, status_class: statusClass(status) }, seconds);
  }
}

/**
 * Times every request, including those that end in a guard refusal, an exception or a 404: the response's
 * `finish` event fires whichever path produced it, and by then Express has set `req.route` if a route matched.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpRequestMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => this.metrics.observe(req, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    next();
  }
}
