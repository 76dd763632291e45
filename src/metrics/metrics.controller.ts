import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators/access.decorator';
import { unauthorized } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { contentType } from 'prom-client';
import { MetricsExposition } from './scrape-caches';
import { bearerToken, sameSecret } from './scrape-token';

/**
 * `GET /metrics` (path set by PrometheusModule). Public like the original (decision A2) unless
 * IPOCKET_METRICS_TOKEN is set; then it needs `Authorization: Bearer <token>`, checked here rather than by the
 * global guard because this token is not a user session.
 */
@ApiTags('system')
@Controller()
export class MetricsController extends PrometheusController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly exposition: MetricsExposition,
  ) {
    super();
  }

  @Get()
  @Public()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition: ipam_ip_* gauges, ipocket_build_info, HTTP histogram, process metrics' })
  @ApiUnauthorizedResponse({ description: 'IPOCKET_METRICS_TOKEN is set and the bearer token is missing or wrong' })
  async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected !== undefined && !sameSecret(bearerToken((response.req as Request).headers.authorization), expected)) {
      throw unauthorized();
    }
    response.header('Content-Type', contentType);
    return this.exposition.get();
  }
}
