import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpAssetRangeQueries } from './ip-asset-range.queries';
import { IpAssetStatsService } from './ip-asset-stats.service';
import { IpAsset } from './ip-asset.entity';

@Module({
  imports: [TypeOrmModule.forFeature([IpAsset])],
  providers: [IpAssetStatsService, IpAssetRangeQueries],
  exports: [IpAssetStatsService, IpAssetRangeQueries],
})
export class IpAssetsModule {}
