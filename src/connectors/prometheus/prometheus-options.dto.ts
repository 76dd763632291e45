import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { AssetTypeOption, HttpUrlOption, ProjectNameOption, RequiredTextOption, SwitchOption, TagsOption, TimeoutOption, Trimmed } from '../dto/connector-options.validators';

/** Options of a Prometheus run (connectors.md §2.5); `token` is a secret. */
export class PrometheusOptionsDto extends ConnectorRunDto {
  @HttpUrlOption('Prometheus URL', { example: 'http://prometheus.example:9090' })
  prometheus_url: string;

  @RequiredTextOption({ example: 'up{job="node"}' }, { required: 'PromQL query is required.', maxLength: 10_000 })
  query: string;

  @ApiPropertyOptional({ default: 'instance', description: 'label holding the address (`host:port` accepted)' })
  @IsOptional()
  @Trimmed()
  @IsString({ message: 'IP label is required.' })
  @IsNotEmpty({ message: 'IP label is required.' })
  @MaxLength(200)
  ip_label: string = 'instance';

  @AssetTypeOption()
  asset_type: IpAssetType = IpAssetType.OTHER;

  @ProjectNameOption()
  project_name?: string;

  // Prometheus is the one connector whose tags replace those of an existing address (§0.4).
  @TagsOption('list, or comma-separated text; replaces the tags of existing addresses')
  tags?: string[];

  @ApiPropertyOptional({ description: 'bearer token, or `user:password` for Basic auth; never stored', writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  token?: string;

  @TimeoutOption('seconds per request')
  timeout: number = 30;

  @SwitchOption('skip TLS certificate verification')
  insecure: boolean = false;
}
