import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ROW_ID } from '../../common/dto/row-id';
import { MAX_PAGE_SIZE } from '../../common/dto/page-query.dto';
import { IpAssetDto } from '../../ip-assets/dto/ip-asset.dto';

export class CreateHostDto {
  @ApiProperty({ example: 'node-01', description: 'Trimmed; required; unique.' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Stored verbatim.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Must exist. Wins over `vendor` when both are given.' })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  @Min(1)
  vendor_id?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Vendor by name (must exist).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  vendor?: string | null;
}

/**
 * Every field optional; omitted or null keeps the current value (as in the original). `notes: ""` stores empty
 * notes; `vendor: ""` removes the vendor.
 */
export class UpdateHostDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  @Min(1)
  vendor_id?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Vendor by name; `""` removes the vendor.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  vendor?: string | null;
}

/** Without `limit`/`offset`/`q` the list is the original's plain array of every host. */
export class HostListQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name or notes.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

export class HostDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Vendor name.' }) vendor: string | null;
}

export class LinkedIpAssetDto extends IpAssetDto {
  @ApiProperty({ type: String, nullable: true }) project_name: string | null;
}

export class LinkedAssetsDto {
  @ApiProperty({ type: [LinkedIpAssetDto] }) os: LinkedIpAssetDto[];
  @ApiProperty({ type: [LinkedIpAssetDto] }) bmc: LinkedIpAssetDto[];
  @ApiProperty({ type: [LinkedIpAssetDto], description: 'VM, VIP and OTHER.' }) other: LinkedIpAssetDto[];
}

export class OsBmcPairDto {
  @ApiProperty({ type: String, nullable: true, description: 'An OS address of the host; null when the host has BMC addresses only.' }) os: string | null;
  @ApiProperty({ type: [String], description: 'Every BMC address of the host.' }) bmc: string[];
}

export class HostDetailDto extends HostDto {
  @ApiProperty({ type: LinkedAssetsDto, description: 'Active linked IP assets by type, numeric order.' }) linked_assets: LinkedAssetsDto;
  @ApiProperty({ type: [OsBmcPairDto] }) os_bmc_pairs: OsBmcPairDto[];
  @ApiProperty({ type: [String], description: 'De-duplicated tags of the linked active assets, alphabetical.' }) tags: string[];
}
