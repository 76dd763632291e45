import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Tag } from '../tag.entity';

export class CreateTagDto {
  @ApiProperty({ example: 'prod', description: 'Trimmed and lower-cased; letters, digits, dash and underscore.' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '#22c55e', description: '`#rrggbb`; stored lower-case. Absent or blank: `#e2e8f0`.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  color?: string | null;
}

export class UpdateTagDto {
  @ApiPropertyOptional({ description: 'Omitted or null: unchanged.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ description: 'Omitted, null or blank: unchanged.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  color?: string | null;
}

export class TagDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() color: string;
}

export class TagWithCountDto extends TagDto {
  @ApiProperty({ description: 'Active IP assets carrying the tag.' }) ip_count: number;
}

export function toTagDto(tag: Tag): TagDto {
  return { id: tag.id, name: tag.name, color: tag.color };
}
