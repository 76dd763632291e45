import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpAsset } from './ip-asset.entity';

@Module({
  imports: [TypeOrmModule.forFeature([IpAsset])],
})
export class IpAssetsModule {}
