import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/**
 * The import pipeline (bundle JSON, CSV, Nmap XML, connector data). It writes through the domains' bulk
 * `*ImportWriter`s, which their modules export.
 */
@Module({
  imports: [IpAssetsModule, HostsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
