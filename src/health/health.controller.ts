import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/access.decorator';
import { Database } from '../infra/database/database';
import { BuildInfoService } from './build-info';

@ApiTags('system')
@Controller('health')
export class HealthController {
  constructor(
    private readonly build: BuildInfoService,
    private readonly db: Database,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ schema: { example: { status: 'ok', version: '0.1.0', commit: 'abc1234', build_time: '2024-01-01T00:00:00Z', database: 'ok' } } })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) res: Response) {
    let database = 'ok';
    try {
      await this.db.reader.query('SELECT 1');
    } catch (error) {
      database = (error as Error).message;
      res.status(503);
    }
    return { status: database === 'ok' ? 'ok' : 'error', ...this.build.info, database };
  }
}
