import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Role } from '../common/actor';
import { Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ConnectorJobsService } from './connector-jobs.service';
import { ConnectorJobDto, ConnectorJobSummaryDto, ListConnectorJobsQueryDto } from './dto/connector-job.dto';
import { ConnectorRunStartedDto } from './dto/connector-run.dto';
import { CONNECTORS } from './connector-catalog';

/** The run body is the options DTO of the connector named in the path: one schema per connector of the catalogue. */
const OPTIONS_TYPES = CONNECTORS.map((connector) => connector.optionsType);
const RUN_BODY_DESCRIPTION = `The options of the connector named in the path: ${CONNECTORS.map((c) => `\`${c.cli.name}\` → ${c.optionsType.name}`).join(', ')}.`;

@ApiTags('connectors')
@ApiExtraModels(...OPTIONS_TYPES)
@Controller('connectors')
export class ConnectorsController {
  constructor(private readonly jobs: ConnectorJobsService) {}

  @Post(':name/runs')
  @HttpCode(200)
  @Roles(Role.Viewer)
  @ApiOperation({ summary: 'Start a connector run as a background job (dry-run: any logged-in user; apply: Editor)' })
  @ApiParam({ name: 'name', enum: CONNECTORS.map((connector) => connector.cli.name) })
  @ApiBody({ description: RUN_BODY_DESCRIPTION, schema: { oneOf: OPTIONS_TYPES.map((type) => ({ $ref: getSchemaPath(type) })) } })
  @ApiOkResponse({ type: ConnectorRunStartedDto })
  @ApiNotFoundResponse({ description: 'Unknown connector' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid options' })
  start(@Param('name') name: string, @Body() body: Record<string, unknown>, @CurrentActor() actor: Actor | null): Promise<ConnectorRunStartedDto> {
    return this.jobs.start(name, body, actor);
  }

  @Get('jobs')
  @Roles(Role.Viewer)
  @ApiOperation({ summary: 'Connector jobs, newest first (total in X-Total-Count)' })
  @ApiOkResponse({ type: [ConnectorJobSummaryDto] })
  async list(@Query() query: ListConnectorJobsQueryDto, @Res({ passthrough: true }) res: Response): Promise<ConnectorJobSummaryDto[]> {
    const { items, total } = await this.jobs.list(query);
    res.setHeader('X-Total-Count', String(total));
    return items;
  }

  @Get('jobs/:id')
  @Roles(Role.Viewer)
  @ApiOperation({ summary: 'One connector job with its log and result' })
  @ApiOkResponse({ type: ConnectorJobDto })
  @ApiNotFoundResponse({ description: 'No such job' })
  get(@Param('id', ParseIdPipe) id: number): Promise<ConnectorJobDto> {
    return this.jobs.get(id);
  }
}
