import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { IpRange } from '../ip-range.entity';
import { RangeUtilisation, utilisationJson } from '../range-utilisation';

const BIG_NUMBER = { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+$' }] };
const BIG_NUMBER_NOTE = 'A number, or a decimal string when it exceeds 2^53 (IPv6 ranges).';

export class CreateRangeDto {
  @ApiProperty({ example: 'Office LAN' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '192.168.10.0/24', description: 'IPv4 or IPv6 network address with prefix; a bare address means /32 or /128.' })
  @IsString()
  @MaxLength(100)
  cidr: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

/** Omitted = unchanged. `notes: null` clears the notes; name and cidr cannot be null. */
export class UpdateRangeDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateRangeDto) => o.name !== undefined)
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateRangeDto) => o.cidr !== undefined)
  @IsString()
  @MaxLength(100)
  cidr?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

/** Utilisation figures of a range (data.md §5 with decision D6). */
export class RangeUtilisationDto {
  @ApiProperty({ ...BIG_NUMBER, description: `Usable addresses (IPv4 < /31 excludes network and broadcast). ${BIG_NUMBER_NOTE}` })
  total_usable: number | string;

  @ApiProperty({ description: 'Distinct active IP assets on usable addresses of the range.' })
  used: number;

  @ApiProperty({ ...BIG_NUMBER, description: BIG_NUMBER_NOTE })
  free: number | string;

  @ApiProperty({ example: 12.5, description: 'used / total_usable × 100, two decimals.' })
  utilisation_percent: number;
}

export class RangeDto extends RangeUtilisationDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '192.168.10.0/24' }) cidr: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ example: '2024-01-01 10:00:00' }) created_at: string;
  @ApiProperty({ example: '2024-01-01 10:00:00' }) updated_at: string;
}

export function toRangeDto(range: IpRange, u: RangeUtilisation): RangeDto {
  return {
    id: range.id,
    name: range.name,
    cidr: range.cidr,
    notes: range.notes,
    created_at: range.createdAt,
    updated_at: range.updatedAt,
    ...utilisationJson(u),
  };
}
