import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { IpAssetDto } from './dto/ip-asset.dto';
import { BulkUpdateIpAssetsDto, BulkUpdateResultDto, CreateIpAssetDto, UpdateIpAssetDto } from './dto/ip-asset-input.dto';
import { parseIpAssetListQuery } from './ip-asset-list-query';
import { IpAssetsService } from './ip-assets.service';

const LIST_QUERIES: [string, string][] = [
  ['project_id', 'Project id, or `unassigned`.'],
  ['type', 'VM, OS, BMC, VIP, OTHER (IPMI_ILO/IPMI_iLO = BMC); repeatable.'],
  ['unassigned-only', 'Boolean: only assets without a project.'],
  ['q', 'Case-insensitive substring of the address, notes or host name.'],
  ['archived', 'Boolean: `true` lists archived assets only.'],
  ['host_id', 'Assets linked to this host.'],
  ['range_id', 'Assets inside this range (404 `Range not found.`).'],
  ['tag', 'Alias of tag_any.'],
  ['tag_any', 'Any of these tags (OR); repeatable or comma-separated.'],
  ['tag_all', 'All of these tags (AND).'],
  ['tag_not', 'None of these tags (NOT).'],
  ['limit', 'Page size 1–1000; turns on pagination (X-Total-Count).'],
  ['offset', 'Rows to skip (≥ 0).'],
  ['page', 'Page number from 1 (with per_page, default 20).'],
  ['per_page', 'Page size 1–1000.'],
];

function ListQueries(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const [name, description] of LIST_QUERIES) ApiQuery({ name, required: false, description })(target, key, descriptor);
  };
}

@ApiTags('ip-assets')
@Controller('ip-assets')
export class IpAssetsController {
  constructor(private readonly assets: IpAssetsService) {}

  /**
   * Without pagination parameters this is the original's full list, streamed chunk by chunk so 100k rows never
   * sit in memory as one array.
   */
  @Get()
  @PublicRead()
  @ListQueries()
  @ApiOkResponse({ type: [IpAssetDto], description: 'Numeric order, IPv4 first. Paginated: total in X-Total-Count.' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid filter value.' })
  @ApiNotFoundResponse({ description: 'Range not found.' })
  async list(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const query = parseIpAssetListQuery(raw);
    const filters = await this.assets.resolveFilters(query);
    if (query.page) {
      const { items, total } = await this.assets.listPage(filters, query.page);
      res.setHeader('X-Total-Count', String(total));
      res.json(items);
      return;
    }
    res.status(200).type('application/json');
    let first = true;
    res.write('[');
    try {
      for await (const chunk of this.assets.streamJson(filters)) {
        const text = first ? chunk : ',' + chunk;
        first = false;
        if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
      }
    } catch (error) {
      // Headers are gone: the only honest signal left is a broken response.
      res.destroy(error as Error);
      return;
    }
    res.end(']');
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: IpAssetDto, description: 'Created, or the archived row with the same address restored (same id).' })
  @ApiBadRequestResponse({ description: 'Invalid IP address.' })
  @ApiUnprocessableEntityResponse({ description: 'Project not found. / Host not found. / schema errors' })
  @ApiConflictResponse({ description: 'IP address already exists.' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIpAssetDto): Promise<IpAssetDto> {
    return this.assets.create(actor, dto);
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: BulkUpdateResultDto })
  @ApiNotFoundResponse({ description: 'The first unknown address or id; nothing is written.' })
  @ApiUnprocessableEntityResponse({ description: 'No targets, too many targets, overwrite without notes, Project not found.' })
  bulk(@CurrentActor() actor: Actor, @Body() dto: BulkUpdateIpAssetsDto): Promise<BulkUpdateResultDto> {
    return this.assets.bulkUpdate(actor, dto);
  }

  @Get(':ip')
  @PublicRead()
  @ApiOkResponse({ type: IpAssetDto })
  @ApiNotFoundResponse({ description: 'Unknown or archived.' })
  async get(@Param('ip') ip: string): Promise<IpAssetDto> {
    return (await this.assets.toDtos([await this.assets.getActive(ip)]))[0];
  }

  @Patch(':ip')
  @Roles(Role.Editor)
  @ApiOkResponse({ type: IpAssetDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'Project not found. / Host not found. / schema errors' })
  update(@CurrentActor() actor: Actor, @Param('ip') ip: string, @Body() dto: UpdateIpAssetDto): Promise<IpAssetDto> {
    return this.assets.update(actor, ip, dto);
  }

  @Delete(':ip')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@CurrentActor() actor: Actor, @Param('ip') ip: string): Promise<void> {
    await this.assets.remove(actor, ip);
  }

  @Post(':ip/archive')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async archive(@CurrentActor() actor: Actor, @Param('ip') ip: string): Promise<void> {
    await this.assets.archive(actor, ip);
  }
}
