import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { IpAssetDto } from '../ip-assets/dto/ip-asset.dto';
import { AllocateDto } from './dto/allocate.dto';
import { RangeAddressDto } from './dto/range-address.dto';
import { CreateRangeDto, RangeDto, toRangeDto, UpdateRangeDto } from './dto/range.dto';
import { AddressQueries, parseAddressQuery } from './range-addresses-query';
import { RangeAddressesService } from './range-addresses.service';
import { RangeAllocationService } from './range-allocation.service';
import { RangesService } from './ranges.service';

@ApiTags('ranges')
@Controller('ranges')
export class RangesController {
  constructor(
    private readonly ranges: RangesService,
    private readonly addressPages: RangeAddressesService,
    private readonly allocation: RangeAllocationService,
  ) {}

  @Get()
  @PublicRead()
  @ApiOkResponse({ type: [RangeDto], description: 'Ordered by name, with utilisation.' })
  async list(): Promise<RangeDto[]> {
    return (await this.ranges.list()).map((r) => toRangeDto(r.range, r.utilisation));
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: RangeDto })
  @ApiConflictResponse({ description: 'Range already exists.' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid CIDR (host bits set, bad prefix, zone id…) or blank name.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateRangeDto): Promise<RangeDto> {
    const range = await this.ranges.create(actor, dto);
    return toRangeDto(range, await this.ranges.utilisationOf(range));
  }

  @Get(':id')
  @PublicRead()
  @ApiOkResponse({ type: RangeDto })
  @ApiNotFoundResponse({ description: 'IP range not found.' })
  async get(@Param('id', ParseIdPipe) id: number): Promise<RangeDto> {
    const { range, utilisation } = await this.ranges.getWithUtilisation(id);
    return toRangeDto(range, utilisation);
  }

  @Patch(':id')
  @Roles(Role.Editor)
  @ApiOkResponse({ type: RangeDto })
  @ApiNotFoundResponse({ description: 'IP range not found.' })
  @ApiConflictResponse({ description: 'Range already exists.' })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateRangeDto): Promise<RangeDto> {
    const range = await this.ranges.update(actor, id, dto);
    return toRangeDto(range, await this.ranges.utilisationOf(range));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse({ description: 'Deleted; the IP assets inside the range are kept.' })
  @ApiNotFoundResponse({ description: 'IP range not found.' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.ranges.remove(actor, id);
  }

  @Get(':id/addresses')
  @PublicRead()
  @AddressQueries()
  @ApiOkResponse({ type: [RangeAddressDto], description: 'Addresses in numeric order; total (a decimal string for huge IPv6 ranges) in X-Total-Count.' })
  @ApiNotFoundResponse({ description: 'IP range not found.' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid status, paging or filter value.' })
  async addresses(@Param('id', ParseIdPipe) id: number, @Query() raw: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<RangeAddressDto[]> {
    const page = await this.addressPages.page(id, parseAddressQuery(raw));
    res.setHeader('X-Total-Count', page.total);
    return page.items;
  }

  @Post(':id/allocate')
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: [IpAssetDto], description: 'The created assets, lowest addresses first.' })
  @ApiNotFoundResponse({ description: 'IP range not found.' })
  @ApiResponse({ status: 409, description: 'Range has only N free addresses.' })
  async allocate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: AllocateDto): Promise<IpAssetDto[]> {
    return this.allocation.allocate(actor, id, dto);
  }
}
