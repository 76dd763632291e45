import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RUN_MODES, type RunMode } from '../framework/connector';

/** What every `POST /connectors/{name}/runs` body carries besides the connector's own options. */
export class ConnectorRunDto {
  @ApiProperty({ enum: RUN_MODES, description: '`file`: return the bundle in the job result; `dry-run`: plan only; `apply`: write (Editor)' })
  @IsIn(RUN_MODES, { message: 'Mode must be file, dry-run or apply.' })
  mode: RunMode;
}

export class ConnectorRunStartedDto {
  @ApiProperty({ example: 12 })
  job_id: number;
}
