import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { parseBooleanWord } from '../infra/config/app-config';

export const SD_GROUP_BY = ['none', 'project'] as const;
export type SdGroupBy = (typeof SD_GROUP_BY)[number];

/** A scalar parameter given twice (`port=1&port=2`) counts by its last value, as in the original (FastAPI). */
function last(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Digits only become numbers; anything else stays text and fails @IsInt with a 422. */
function toInteger(value: unknown): unknown {
  return typeof value === 'string' && /^\s*[+-]?\d{1,10}\s*$/.test(value) ? Number(value) : value;
}

/** 1/true/t/yes/y/on and 0/false/f/no/n/off in any case (api.md §0); anything else stays text and fails @IsBoolean. */
function toBoolean(value: unknown): unknown {
  return typeof value === 'string' ? (parseBooleanWord(value) ?? value) : value;
}

/** `project=a,b&project=c` → `[a, b, c]`: repeated and comma-separated, trimmed, empty items dropped. */
export function splitList(value: unknown): unknown {
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string')) return value;
  return (items as string[]).flatMap((item) => item.split(',').map((part) => part.trim())).filter((part) => part !== '');
}

/** Query of `GET /sd/node` (api.md §5.3). `type` is only split here: its values are checked after the token. */
export class SdQueryDto {
  @ApiPropertyOptional({ type: Number, default: 9100, minimum: 1, maximum: 65535, description: 'Port appended to every target' })
  @IsOptional()
  @Transform(({ value }) => toInteger(last(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number = 9100;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Drop IP assets without a project (1/true/yes/on or 0/false/no/off)' })
  @IsOptional()
  @Transform(({ value }) => toBoolean(last(value)))
  @IsBoolean()
  only_assigned: boolean = false;

  @ApiPropertyOptional({ type: [String], description: 'Project names (exact); repeatable and comma-separated. Assets without a project never match.' })
  @IsOptional()
  @Transform(({ value }) => splitList(value))
  @IsArray()
  @IsString({ each: true })
  project: string[] = [];

  @ApiPropertyOptional({ type: [String], description: 'Asset types VM, OS, BMC, VIP, OTHER (IPMI_ILO/IPMI_iLO mean BMC); repeatable and comma-separated' })
  @IsOptional()
  @Transform(({ value }) => splitList(value))
  @IsArray()
  @IsString({ each: true })
  type: string[] = [];

  @ApiPropertyOptional({ enum: SD_GROUP_BY, default: 'none', description: 'One target group for everything, or one per project' })
  @IsOptional()
  @Transform(({ value }) => last(value))
  @IsIn(SD_GROUP_BY)
  group_by: SdGroupBy = 'none';
}
