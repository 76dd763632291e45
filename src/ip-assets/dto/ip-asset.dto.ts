import { ApiProperty } from '@nestjs/swagger';
import { IpAssetType } from '../ip-asset.entity';
import type { IpAsset } from '../ip-asset.entity';

/** The api.md §2.1 representation of an IP asset. */
export class IpAssetDto {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: '10.0.0.10', description: 'Canonical form (IPv6 RFC 5952 lower-case).' }) ip_address: string;
  @ApiProperty({ enum: IpAssetType }) type: IpAssetType;
  @ApiProperty({ type: Number, nullable: true }) project_id: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: Number, nullable: true }) host_id: number | null;
  @ApiProperty() archived: boolean;
  @ApiProperty({ example: '2024-01-01 10:00:00' }) created_at: string;
  @ApiProperty({ example: '2024-01-02 11:00:00' }) updated_at: string;
  @ApiProperty({ type: [String], description: 'Tag names, ascending.' }) tags: string[];
}

export function toIpAssetDto(asset: IpAsset, tags: string[]): IpAssetDto {
  return {
    id: asset.id,
    ip_address: asset.ipAddress,
    type: asset.type,
    project_id: asset.projectId,
    notes: asset.notes,
    host_id: asset.hostId,
    // PostgreSQL gives a boolean, SQLite 0/1.
    archived: Boolean(asset.archived),
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    tags,
  };
}
