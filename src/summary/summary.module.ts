import { Module } from '@nestjs/common';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { RangesModule } from '../ranges/ranges.module';
import { SummaryController } from './summary.controller';
import { SummaryService } from './summary.service';

@Module({
  imports: [IpAssetsModule, RangesModule],
  controllers: [SummaryController],
  providers: [SummaryService],
  exports: [SummaryService],
})
export class SummaryModule {}
