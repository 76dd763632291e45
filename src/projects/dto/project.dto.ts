import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Project } from '../project.entity';

export class CreateProjectDto {
  @ApiProperty({ example: 'Core', description: 'Trimmed; required; unique.' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ example: '#94a3b8', description: '`#rrggbb`, stored lower-case; absent or blank: `#94a3b8`.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  color?: string | null;
}

/** Omitted or null: unchanged. `color: ""` is unchanged; `description: ""` sets an empty description. */
export class UpdateProjectDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  color?: string | null;
}

export class ProjectDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() color: string;
}

export class ProjectWithCountDto extends ProjectDto {
  @ApiProperty({ description: 'Active IP assets in the project.' }) ip_count: number;
}

export function toProjectDto(p: Project): ProjectDto {
  return { id: p.id, name: p.name, description: p.description, color: p.color };
}
