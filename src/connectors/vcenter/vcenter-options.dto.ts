import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { ConnectorRunDto } from '../dto/connector-run.dto';
import { isHttpUrl, Trimmed } from '../dto/connector-options.validators';

/** A host name, an IP literal (IPv6 with or without brackets) or an http(s):// URL; nothing else. */
export function isServerAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text.includes('://')) return isHttpUrl(text);
  return /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)$/.test(text);
}

/** Options of a vCenter run (connectors.md §1.5); `password` is a secret. */
export class VcenterOptionsDto extends ConnectorRunDto {
  @ApiProperty({ example: 'vcenter.example.com', description: 'host name or IP (https://…/sdk is used), or an http(s):// base URL' })
  @Trimmed()
  @IsString({ message: 'vCenter server is required.' })
  @IsNotEmpty({ message: 'vCenter server is required.' })
  @ValidateBy({ name: 'isServerAddress', validator: { validate: isServerAddress } }, { message: 'vCenter server must be a host name, an IP address or an http(s):// URL.' })
  @MaxLength(500)
  server: string;

  @ApiProperty({ example: 'administrator@vsphere.local' })
  @Trimmed()
  @IsString({ message: 'vCenter username is required.' })
  @IsNotEmpty({ message: 'vCenter username is required.' })
  @MaxLength(500)
  username: string;

  @ApiProperty({ writeOnly: true, description: 'used for the Login call only; never stored' })
  @IsString({ message: 'vCenter password is required.' })
  @IsNotEmpty({ message: 'vCenter password is required.' })
  @MaxLength(1000)
  password: string;

  @ApiPropertyOptional({ default: 443, minimum: 1, maximum: 65535 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Port must be a valid number between 1 and 65535.' })
  @Min(1, { message: 'Port must be a valid number between 1 and 65535.' })
  @Max(65535, { message: 'Port must be a valid number between 1 and 65535.' })
  port: number = 443;

  @ApiPropertyOptional({ default: false, description: 'skip TLS certificate verification' })
  @IsOptional()
  @IsBoolean()
  insecure: boolean = false;

  @ApiPropertyOptional({ default: 120, minimum: 1, maximum: 3600, description: 'seconds per SOAP request' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Timeout must be a positive integer.' })
  @Min(1, { message: 'Timeout must be a positive integer.' })
  @Max(3600)
  timeout: number = 120;
}
