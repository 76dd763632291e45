import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import type { ConnectorJobMode, ConnectorJobState } from '../connector-job.entity';

export class ListConnectorJobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'prometheus', description: 'only this connector' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  connector?: string;
}

/** A job as listed: state and times, without the log and result. */
export class ConnectorJobSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'prometheus' }) connector: string;
  @ApiProperty({ enum: ['file', 'dry-run', 'apply'] }) mode: ConnectorJobMode;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) state: ConnectorJobState;
  @ApiProperty({ type: Number, nullable: true }) requested_by: number | null;
  @ApiProperty({ type: String, nullable: true }) requested_by_username: string | null;
  @ApiProperty({ example: '2025-01-31 12:00:00' }) created_at: string;
  @ApiProperty({ type: String, nullable: true }) started_at: string | null;
  @ApiProperty({ type: String, nullable: true }) finished_at: string | null;
}

/** A job in full: its timestamped log and, once finished, the result (summary, plan, warnings or error). */
export class ConnectorJobDto extends ConnectorJobSummaryDto {
  @ApiProperty({ type: [String], example: ['2025-01-31 12:00:00 Job queued (mode dry-run).'] }) log: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      '`options` (secrets blanked); when finished: `toast`, `connector_warnings`, and for dry-run/apply `summary`, `errors`, `warnings`, `plan` (per-record CREATE/UPDATE/SKIP with field changes); `bundle` in file mode; `error` when failed',
  })
  result: Record<string, unknown> | null;
}
