import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { MAX_ROW_ID } from '../../common/dto/row-id';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';

export const MAX_ALLOCATION = 1024;
const TYPE_SPELLINGS = [...Object.values(IpAssetType), 'IPMI_ILO', 'IPMI_iLO'];

/** Tags arrive as a list of names or one comma-separated string (api.md §2.2). */
function IsTagInput(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTagInput',
      validator: {
        validate: (value: unknown) => value === null || value === undefined || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')),
        defaultMessage: () => 'Tags must be a list or comma-separated string.',
      },
    },
    options,
  );
}

export class AllocateDto {
  @ApiProperty({ minimum: 1, maximum: MAX_ALLOCATION, example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_ALLOCATION)
  count: number;

  @ApiProperty({ enum: IpAssetType, description: 'Legacy IPMI_ILO / IPMI_iLO are accepted as BMC.' })
  @IsIn(TYPE_SPELLINGS, { message: 'Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.' })
  type: string;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  @Min(1)
  project_id?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Max(MAX_ROW_ID)
  @Min(1)
  host_id?: number | null;

  @ApiPropertyOptional({ oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }], example: ['prod', 'edge'] })
  @IsOptional()
  @IsTagInput()
  tags?: string[] | string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}
