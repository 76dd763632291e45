import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateBy, ValidationArguments } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { AssetTypeOption, HttpUrlOption, NoteOption, ProjectNameOption, SwitchOption, TagsOption, TimeoutOption, Trimmed } from '../dto/connector-options.validators';

const given = (v: unknown) => typeof v === 'string' && v !== '';

/** The one authentication mistake of a request, worded as the UI shows it (connectors.md §3.4), or null. */
export function authProblem(o: { username?: unknown; password?: unknown; api_key?: unknown }): string | null {
  if (given(o.api_key) && (given(o.username) || given(o.password))) return 'Provide either API key or username/password authentication, not both.';
  if (given(o.username) && !given(o.password)) return 'Password is required when username is provided.';
  if (given(o.password) && !given(o.username)) return 'Username is required when password is provided.';
  return null;
}

/**
 * Checked on `username` without `@IsOptional`, so it runs whether or not a username was sent; the field's own
 * type check lives here for the same reason.
 */
const AuthChoice = () =>
  ValidateBy({
    name: 'elasticsearchAuth',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => (value === undefined || value === null || (typeof value === 'string' && value.length <= 500)) && authProblem(args!.object) === null,
      defaultMessage: (args?: ValidationArguments) => (args && authProblem(args.object)) ?? 'Username must be text of at most 500 characters.',
    },
  });

/** Options of an Elasticsearch run (connectors.md §3.4, plus `insecure`); `password` and `api_key` are secrets. */
export class ElasticsearchOptionsDto extends ConnectorRunDto {
  @HttpUrlOption('Elasticsearch URL', { example: 'https://es.example:9200', description: 'cluster base URL' })
  elasticsearch_url: string;

  @ApiPropertyOptional({ description: 'Basic auth user (with `password`); not together with `api_key`' })
  @Trimmed()
  @AuthChoice()
  username?: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'Basic auth password; never stored' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @ApiPropertyOptional({ writeOnly: true, description: '`id:key`, or the already base64-encoded key; never stored' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(10_000)
  api_key?: string;

  @AssetTypeOption()
  asset_type: IpAssetType = IpAssetType.OTHER;

  @ProjectNameOption()
  project_name?: string;

  @TagsOption()
  tags?: string[];

  @NoteOption()
  note?: string;

  @SwitchOption('tag every address with the normalised `cluster_name`')
  include_cluster_name_tag: boolean = false;

  @TimeoutOption('seconds for the request')
  timeout: number = 30;

  @SwitchOption('skip TLS certificate verification (the original never verified)')
  insecure: boolean = false;
}
