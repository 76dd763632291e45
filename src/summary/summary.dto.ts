import { ApiProperty } from '@nestjs/swagger';
import { RangeUtilisationDto } from '../ranges/dto/range.dto';

export class SummaryIpAssetsDto {
  @ApiProperty() active: number;
  @ApiProperty() archived: number;
}

export class SummaryRangeDto extends RangeUtilisationDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '192.168.10.0/24' }) cidr: string;
}

/** The dashboard figures ("Management" page): inventory totals and per-range utilisation. */
export class SummaryDto {
  @ApiProperty({ type: SummaryIpAssetsDto }) ip_assets: SummaryIpAssetsDto;
  @ApiProperty() hosts: number;
  @ApiProperty() vendors: number;
  @ApiProperty() projects: number;
  @ApiProperty({ type: [SummaryRangeDto], description: 'Ordered by name.' }) ranges: SummaryRangeDto[];
}
