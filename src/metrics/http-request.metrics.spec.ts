import type { Request } from 'express';
import { AppMetricsRegistry } from './app-metrics.registry';
import { HttpRequestMetrics, routeTemplate, statusClass, UNMATCHED_ROUTE } from './http-request.metrics';

describe('HTTP request metrics labels', () => {
  it('uses the matched route template, or one "unmatched" value', () => {
    expect(routeTemplate({ route: { path: '/ip-assets/:ip_address' }, baseUrl: '' } as Request)).toBe('/ip-assets/:ip_address');
    expect(routeTemplate({ route: undefined, baseUrl: '' } as unknown as Request)).toBe(UNMATCHED_ROUTE);
    expect(routeTemplate({ route: { path: /regex/ }, baseUrl: '' } as unknown as Request)).toBe(UNMATCHED_ROUTE);
  });

  it('reduces statuses to their class', () => {
    expect([200, 204, 303, 401, 404, 422, 500, 503].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '4xx', '5xx', '5xx']);
    expect(statusClass(42)).toBe('other');
  });

  it('records one observation per request under route, method and status class', async () => {
    const registry = new AppMetricsRegistry();
    const metrics = new HttpRequestMetrics(registry);
    metrics.observe({ route: { path: '/hosts/:id' }, baseUrl: '', method: 'GET' } as Request, 200, 0.003);
    metrics.observe({ route: undefined, baseUrl: '', method: 'GET' } as unknown as Request, 404, 0.001);
    const text = await registry.metrics();
    expect(text).toContain('ipocket_http_request_duration_seconds_count{route="/hosts/:id",method="GET",status_class="2xx"} 1');
    expect(text).toContain('ipocket_http_request_duration_seconds_count{route="unmatched",method="GET",status_class="4xx"} 1');
    expect(text).toContain('ipocket_http_request_duration_seconds_bucket{le="0.005",route="/hosts/:id",method="GET",status_class="2xx"} 1');
  });
});
