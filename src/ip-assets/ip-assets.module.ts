import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HostsModule } from '../hosts/hosts.module';
import { ProjectsModule } from '../projects/projects.module';
import { RangesModule } from '../ranges/ranges.module';
import { TagsModule } from '../tags/tags.module';
import { IpAssetHostLinks } from './ip-asset-host-links';
import { IpAssetRangeQueries } from './ip-asset-range.queries';
import { IpAssetStatsService } from './ip-asset-stats.service';
import { IpAssetTagLinks } from './ip-asset-tag-links';
import { IpAsset } from './ip-asset.entity';
import { IpAssetsController } from './ip-assets.controller';
import { IpAssetsService } from './ip-assets.service';
import { IpAssetImportWriter } from './ip-asset-import.writer';

@Module({
  imports: [TypeOrmModule.forFeature([IpAsset]), ProjectsModule, TagsModule, forwardRef(() => HostsModule), forwardRef(() => RangesModule)],
  controllers: [IpAssetsController],
  providers: [IpAssetsService, IpAssetImportWriter, IpAssetTagLinks, IpAssetHostLinks, IpAssetStatsService, IpAssetRangeQueries],
  exports: [IpAssetsService, IpAssetImportWriter, IpAssetTagLinks, IpAssetHostLinks, IpAssetStatsService, IpAssetRangeQueries, ProjectsModule, TagsModule],
})
export class IpAssetsModule {}
