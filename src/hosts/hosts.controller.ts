import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateHostDto, HostDetailDto, HostDto, HostListQueryDto, UpdateHostDto } from './dto/host.dto';
import { HostsService } from './hosts.service';

@ApiTags('hosts')
@Controller('hosts')
export class HostsController {
  constructor(private readonly hosts: HostsService) {}

  @Get()
  @PublicRead()
  @ApiOkResponse({ type: [HostDto], description: 'Ordered by name. With `limit`/`offset` the total is in `X-Total-Count`.' })
  async list(@Query() query: HostListQueryDto, @Res({ passthrough: true }) res: Response): Promise<HostDto[]> {
    const { items, total } = await this.hosts.list(query);
    if (query.limit !== undefined || query.offset !== undefined) res.setHeader('X-Total-Count', String(total));
    return items;
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: HostDto })
  @ApiConflictResponse({ description: 'Host already exists.' })
  @ApiUnprocessableEntityResponse({ description: 'Selected vendor does not exist. / Host name is required.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateHostDto): Promise<HostDto> {
    return this.hosts.toDto(await this.hosts.create(actor, dto));
  }

  @Get(':id')
  @PublicRead()
  @ApiOkResponse({ type: HostDetailDto })
  @ApiNotFoundResponse({ description: 'Host not found.' })
  detail(@Param('id', ParseIdPipe) id: number): Promise<HostDetailDto> {
    return this.hosts.detail(id);
  }

  @Patch(':id')
  @Roles(Role.Editor)
  @ApiOkResponse({ type: HostDto })
  @ApiNotFoundResponse({ description: 'Host not found.' })
  @ApiConflictResponse({ description: 'Host already exists.' })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateHostDto): Promise<HostDto> {
    return this.hosts.toDto(await this.hosts.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Host not found.' })
  @ApiConflictResponse({ description: 'Host has N linked IP assets; unlink or delete them first.' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.hosts.remove(actor, id);
  }
}
