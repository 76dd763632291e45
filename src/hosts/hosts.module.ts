import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { VendorsModule } from '../vendors/vendors.module';
import { Host } from './host.entity';
import { HostsController } from './hosts.controller';
import { HostsService } from './hosts.service';
import { HostImportWriter } from './host-import.writer';

@Module({
  imports: [TypeOrmModule.forFeature([Host]), VendorsModule, forwardRef(() => IpAssetsModule)],
  controllers: [HostsController],
  providers: [HostsService, HostImportWriter],
  exports: [HostsService, HostImportWriter, VendorsModule],
})
export class HostsModule {}
