import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments } from 'class-validator';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { AssetTypeOption, NoteOption, PortOption, ProjectNameOption, SwitchOption, TagsOption, TimeoutOption, Trimmed } from '../dto/connector-options.validators';
import { splitContactPoints } from './cassandra-extract';

/** A host name or an IP literal, optionally with `:port` (the driver accepts both). */
const CONTACT_POINT = /^[A-Za-z0-9._:[\]-]{1,255}$/;

const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const other = (args: ValidationArguments, field: string) => (args.object as Record<string, unknown>)[field];

/** Absent, or text of at most `max` characters. */
const optionalText = (v: unknown, max: number) => v === undefined || v === null || (typeof v === 'string' && v.length <= max);

/** Options of a Cassandra run (connectors.md §6.4); `password` is a secret. All validation messages are collected. */
export class CassandraOptionsDto extends ConnectorRunDto {
  @ApiProperty({ type: [String], example: 'cassandra-1.example, 10.60.0.11', description: 'list, or comma-separated text; de-duplicated' })
  @Transform(({ value }) => (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? splitContactPoints(value) : value))
  @ValidateBy({ name: 'hasContactPoint', validator: { validate: (v) => Array.isArray(v) && v.length > 0 } }, { message: 'At least one Cassandra contact point is required.' })
  @ValidateBy(
    { name: 'isContactPointList', validator: { validate: (v) => !Array.isArray(v) || (v.length <= 100 && v.every((p) => typeof p === 'string' && CONTACT_POINT.test(p))) } },
    { message: 'Contact points must be host names or IP addresses.' },
  )
  contact_points: string[];

  @PortOption(9042, 'native protocol port')
  port: number = 9042;

  @ApiPropertyOptional({ description: 'plain-text authentication, together with `password`' })
  @Trimmed()
  @ValidateBy({ name: 'usernameText', validator: { validate: (v) => optionalText(v, 500) } }, { message: 'Username must be text.' })
  @ValidateBy({ name: 'usernameWithPassword', validator: { validate: (v, args) => given(v) || !given(other(args!, 'password')) } }, { message: 'Username is required when password is provided.' })
  username?: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'together with `username`; never stored' })
  @ValidateBy({ name: 'passwordText', validator: { validate: (v) => optionalText(v, 1000) } }, { message: 'Password must be text.' })
  @ValidateBy({ name: 'passwordWithUsername', validator: { validate: (v, args) => given(v) || !given(other(args!, 'username')) } }, { message: 'Password is required when username is provided.' })
  password?: string;

  @AssetTypeOption()
  asset_type: IpAssetType = IpAssetType.OTHER;

  @ProjectNameOption()
  project_name?: string;

  @TagsOption()
  tags?: string[];

  @NoteOption('note for every address (overwrites an existing note); empty = none')
  note?: string;

  @SwitchOption('connect over TLS, verified against the system CAs')
  use_tls: boolean = false;

  @SwitchOption('skip TLS certificate verification (only with `use_tls`)')
  @ValidateBy({ name: 'insecureNeedsTls', validator: { validate: (v, args) => v !== true || other(args!, 'use_tls') === true } }, { message: 'Insecure TLS requires TLS to be enabled.' })
  insecure: boolean = false;

  @SwitchOption('tag every address with the normalised cluster name')
  include_cluster_name_tag: boolean = false;

  @TimeoutOption('connect (and query) timeout in seconds')
  timeout: number = 30;
}
