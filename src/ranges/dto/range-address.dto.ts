import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';

export type AddressStatus = 'used' | 'free' | 'reserved';

export class AddressProjectDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '#94a3b8' }) color: string;
}

export class AddressHostDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

/**
 * One address of a range. Free rows carry only `ip_address` and `status`. Used rows add the asset. Reserved
 * rows (IPv4 network and broadcast, decision D6) add the asset too when one is recorded there.
 */
export class RangeAddressDto {
  @ApiProperty({ example: '192.168.10.7' }) ip_address: string;
  @ApiProperty({ enum: ['used', 'free', 'reserved'] }) status: AddressStatus;
  @ApiPropertyOptional({ description: 'Asset id' }) id?: number;
  @ApiPropertyOptional({ enum: IpAssetType }) type?: IpAssetType;
  @ApiPropertyOptional({ type: AddressProjectDto, nullable: true }) project?: AddressProjectDto | null;
  @ApiPropertyOptional({ type: AddressHostDto, nullable: true }) host?: AddressHostDto | null;
  @ApiPropertyOptional({ type: [String], description: "For an OS asset its host's BMC addresses, for a BMC asset its host's OS addresses." })
  host_pair?: string[];
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) notes?: string | null;
}
