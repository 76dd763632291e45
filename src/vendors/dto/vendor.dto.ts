import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Vendor } from '../vendor.entity';

/** Create and rename share one body: `name` is required, trimmed and unique. */
export class VendorInputDto {
  @ApiProperty({ example: 'Dell' })
  @IsString()
  @MaxLength(200)
  name: string;
}

export class VendorDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

export class VendorWithCountDto extends VendorDto {
  @ApiProperty({ description: 'Active IP assets whose host has this vendor.' }) ip_count: number;
}

export function toVendorDto(v: Vendor): VendorDto {
  return { id: v.id, name: v.name };
}
