import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { IsHttpUrl, TagsInput, Trimmed } from '../dto/connector-options.validators';

const ASSET_TYPES = Object.values(IpAssetType);

/** Options of a Prometheus run (connectors.md §2.5); `token` is a secret. */
export class PrometheusOptionsDto extends ConnectorRunDto {
  @ApiProperty({ example: 'http://prometheus.example:9090' })
  @Trimmed()
  @IsString({ message: 'Prometheus URL is required.' })
  @IsNotEmpty({ message: 'Prometheus URL is required.' })
  @IsHttpUrl({ message: 'Prometheus URL must be an http:// or https:// URL without credentials.' })
  @MaxLength(2000)
  prometheus_url: string;

  @ApiProperty({ example: 'up{job="node"}' })
  @Trimmed()
  @IsString({ message: 'PromQL query is required.' })
  @IsNotEmpty({ message: 'PromQL query is required.' })
  @MaxLength(10_000)
  query: string;

  @ApiPropertyOptional({ default: 'instance', description: 'label holding the address (`host:port` accepted)' })
  @IsOptional()
  @Trimmed()
  @IsString({ message: 'IP label is required.' })
  @IsNotEmpty({ message: 'IP label is required.' })
  @MaxLength(200)
  ip_label: string = 'instance';

  @ApiPropertyOptional({ enum: ASSET_TYPES, default: IpAssetType.OTHER })
  @IsOptional()
  @IsIn(ASSET_TYPES, { message: 'Asset type must be one of OS, BMC, VM, VIP, OTHER.' })
  asset_type: IpAssetType = IpAssetType.OTHER;

  @ApiPropertyOptional({ description: 'an existing project; new addresses get it, existing ones move to it' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(200)
  project_name?: string;

  @ApiPropertyOptional({ type: [String], description: 'list, or comma-separated text; replaces the tags of existing addresses' })
  @IsOptional()
  @TagsInput()
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'bearer token, or `user:password` for Basic auth; never stored', writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  token?: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 3600, description: 'seconds per request' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Timeout must be a positive integer.' })
  @Min(1, { message: 'Timeout must be a positive integer.' })
  @Max(3600)
  timeout: number = 30;

  @ApiPropertyOptional({ default: false, description: 'skip TLS certificate verification' })
  @IsOptional()
  @IsBoolean()
  insecure: boolean = false;
}
