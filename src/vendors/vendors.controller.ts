import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor, Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { toVendorDto, VendorDto, VendorInputDto, VendorWithCountDto } from './dto/vendor.dto';
import { VendorsService } from './vendors.service';

@ApiTags('vendors')
@Controller('vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  @PublicRead()
  @ApiOkResponse({ type: [VendorWithCountDto], description: 'Ordered by name.' })
  list(): Promise<VendorWithCountDto[]> {
    return this.vendors.list();
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: VendorDto })
  @ApiConflictResponse({ description: 'Vendor already exists.' })
  @ApiUnprocessableEntityResponse({ description: 'Vendor name is required.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: VendorInputDto): Promise<VendorDto> {
    return toVendorDto(await this.vendors.create(actor, dto.name));
  }

  @Patch(':id')
  @Roles(Role.Editor)
  @ApiOkResponse({ type: VendorDto })
  @ApiNotFoundResponse({ description: 'Vendor not found.' })
  @ApiConflictResponse({ description: 'Vendor already exists.' })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VendorInputDto): Promise<VendorDto> {
    return toVendorDto(await this.vendors.rename(actor, id, dto.name));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse({ description: 'Deleted; its hosts keep existing without a vendor.' })
  @ApiNotFoundResponse({ description: 'Vendor not found.' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.vendors.remove(actor, id);
  }
}
