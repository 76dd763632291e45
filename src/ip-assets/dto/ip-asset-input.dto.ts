import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, Max } from 'class-validator';
import { MAX_ROW_ID } from '../../common/dto/row-id';
import { IpAssetType } from '../ip-asset.entity';
import { AssetTypeAlias, IsTagsInput } from './asset-input.validators';
import { IpAssetDto } from './ip-asset.dto';

// OpenAPI shows the list form; a single comma-separated string is accepted too.
const TAGS_SCHEMA = { type: [String], nullable: true } as const satisfies ApiPropertyOptions;

export class CreateIpAssetDto {
  @ApiProperty({ example: '10.0.0.10', description: 'IPv4 or IPv6 in any valid spelling; stored canonical. Zone ids are refused.' })
  @IsString()
  @MaxLength(100)
  ip_address: string;

  @ApiProperty({ enum: IpAssetType, description: '`IPMI_ILO` and `IPMI_iLO` are accepted as BMC.' })
  @AssetTypeAlias()
  @IsEnum(IpAssetType)
  type: IpAssetType;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  project_id?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Absent/null for a BMC: linked to host `server_<ip>` (IPOCKET_AUTO_HOST_FOR_BMC).' })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  host_id?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Stored verbatim.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({ ...TAGS_SCHEMA, example: ['prod', 'edge'], description: 'List or comma-separated string; unknown tags are created.' })
  @IsOptional()
  @IsTagsInput()
  tags?: string[] | string | null;
}

/** api.md §2.6: omitted keeps a field; null clears project, host and notes but keeps type and tags. */
export class UpdateIpAssetDto {
  @ApiPropertyOptional({ enum: IpAssetType, nullable: true, description: 'null: unchanged.' })
  @IsOptional()
  @AssetTypeAlias()
  @IsEnum(IpAssetType)
  type?: IpAssetType | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: unassign.' })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  project_id?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: unlink.' })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  host_id?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null or blank: clear.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({ ...TAGS_SCHEMA, description: 'Replaces the whole set (`[]` clears); null: unchanged.' })
  @IsOptional()
  @IsTagsInput()
  tags?: string[] | string | null;
}

export const MAX_BULK_TARGETS = 5000;

export type NotesAction = 'keep' | 'overwrite' | 'clear';

export class BulkUpdateIpAssetsDto {
  @ApiPropertyOptional({ type: [String], description: 'Targets by address (any valid spelling).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BULK_TARGETS)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  ip_addresses?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'Targets by id.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BULK_TARGETS)
  @IsInt({ each: true })
  @Max(MAX_ROW_ID, { each: true })
  @Min(1, { each: true })
  ids?: number[];

  @ApiPropertyOptional({ enum: IpAssetType })
  @IsOptional()
  @AssetTypeAlias()
  @IsEnum(IpAssetType)
  type?: IpAssetType;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null unassigns; omitted keeps.' })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  project_id?: number | null;

  @ApiPropertyOptional({ ...TAGS_SCHEMA, description: 'Tags to add (unknown ones are created).' })
  @IsOptional()
  @IsTagsInput()
  add_tags?: string[] | string | null;

  @ApiPropertyOptional({ ...TAGS_SCHEMA, description: 'Tags to remove.' })
  @IsOptional()
  @IsTagsInput()
  remove_tags?: string[] | string | null;

  @ApiPropertyOptional({ enum: ['keep', 'overwrite', 'clear'], default: 'keep' })
  @IsOptional()
  @IsIn(['keep', 'overwrite', 'clear'])
  notes_action?: NotesAction;

  @ApiPropertyOptional({ description: 'Required (non-blank) with notes_action=overwrite.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;
}

export class BulkUpdateResultDto {
  @ApiProperty({ type: [IpAssetDto], description: 'The rows that changed, after the change, in address order.' })
  updated: IpAssetDto[];

  @ApiProperty({ description: 'Targets that already had every requested value (nothing written, no audit row).' })
  unchanged: number;
}
