import { Controller, Get, Header, Headers, Inject, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Public } from '../common/decorators/access.decorator';
import { unauthorized } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { bearerToken, sameSecret } from '../metrics/scrape-token';
import { SdQueryDto } from './sd-query.dto';
import { SdService } from './sd.service';

@ApiTags('system')
@Controller('sd')
export class SdController {
  constructor(
    private readonly sd: SdService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Public (decision A2) unless IPOCKET_SD_TOKEN is set. The order of refusals is the original's: the query
   * pipe answers schema errors (422) before this body checks the token (401), and asset types are checked last.
   */
  @Get('node')
  @Public()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiHeader({ name: 'X-SD-Token', required: false, description: 'Required (or Authorization: Bearer) when IPOCKET_SD_TOKEN is set' })
  @ApiOkResponse({
    description: 'Prometheus HTTP SD target groups',
    schema: { example: [{ targets: ['10.20.0.1:9100', '[2001:db8::1]:9100'], labels: { project: 'core', type: 'multiple' } }] },
  })
  @ApiUnauthorizedResponse({ description: 'IPOCKET_SD_TOKEN is set and neither header carries it' })
  @ApiUnprocessableEntityResponse({ description: 'Bad port, boolean or group_by (array detail), or an unknown asset type (string detail)' })
  node(
    @Query() query: SdQueryDto,
    @Headers('x-sd-token') sdToken: string | undefined,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<string> {
    const expected = this.config.sdToken;
    if (expected !== undefined && !sameSecret(sdToken, expected) && !sameSecret(bearerToken(authorization), expected)) {
      throw unauthorized();
    }
    return this.sd.nodeTargetsJson(query);
  }
}
