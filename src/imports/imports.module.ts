import { Module } from '@nestjs/common';
import { HostImportWriter } from '../hosts/host-import.writer';
import { IpAssetImportWriter } from '../ip-assets/ip-asset-import.writer';
import { ProjectImportWriter } from '../projects/project-import.writer';
import { TagImportWriter } from '../tags/tag-import.writer';
import { VendorImportWriter } from '../vendors/vendor-import.writer';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/**
 * The import pipeline (bundle JSON, CSV, Nmap XML, connector data). The *-import.writer providers hold the
 * bulk SQL of their domains' tables; they belong in those domain modules and are registered here until the
 * domain modules export them.
 */
@Module({
  controllers: [ImportsController],
  providers: [ImportsService, VendorImportWriter, ProjectImportWriter, HostImportWriter, TagImportWriter, IpAssetImportWriter],
  exports: [ImportsService],
})
export class ImportsModule {}
