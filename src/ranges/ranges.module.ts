import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { IpRange } from './ip-range.entity';
import { RangeAddressesService } from './range-addresses.service';
import { RangeAllocationService } from './range-allocation.service';
import { RangesController } from './ranges.controller';
import { RangesService } from './ranges.service';

@Module({
  // forwardRef: IpAssetsModule resolves its range_id list filter through RangesService.
  imports: [TypeOrmModule.forFeature([IpRange]), forwardRef(() => IpAssetsModule)],
  controllers: [RangesController],
  providers: [RangesService, RangeAddressesService, RangeAllocationService],
  exports: [RangesService, RangeAddressesService, RangeAllocationService],
})
export class RangesModule {}
