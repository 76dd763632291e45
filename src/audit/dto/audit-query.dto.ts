import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, Max } from 'class-validator';
import { MAX_ROW_ID } from '../../common/dto/row-id';
import { PageQueryDto } from '../../common/dto/page-query.dto';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;
const TARGET_TYPES = ['IP_ASSET', 'USER', 'IMPORT_RUN', 'PROJECT', 'VENDOR', 'HOST', 'TAG', 'RANGE'];
const ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'APPLY', 'ARCHIVE', 'ALLOCATE'];

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TARGET_TYPES })
  @IsOptional()
  @IsIn(TARGET_TYPES)
  target_type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(MAX_ROW_ID)
  @Min(0)
  target_id?: number;

  @ApiPropertyOptional({ enum: ACTIONS })
  @IsOptional()
  @IsIn(ACTIONS)
  action?: string;

  @ApiPropertyOptional({ description: 'Exact username of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  username?: string;

  @ApiPropertyOptional({ description: 'Substring of the target label (IP, username, name…)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  target_label?: string;

  @ApiPropertyOptional({ description: 'UTC, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, inclusive' })
  @IsOptional()
  @Matches(TIMESTAMP, { message: 'since must look like YYYY-MM-DD or YYYY-MM-DD HH:MM:SS' })
  since?: string;

  @ApiPropertyOptional({ description: 'UTC, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, inclusive' })
  @IsOptional()
  @Matches(TIMESTAMP, { message: 'until must look like YYYY-MM-DD or YYYY-MM-DD HH:MM:SS' })
  until?: string;
}
