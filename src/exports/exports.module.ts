import { Module } from '@nestjs/common';
import { ExportQueries } from './export-queries';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** CSV / JSON / bundle / zip downloads, streamed from the database in pages. */
@Module({
  controllers: [ExportsController],
  providers: [ExportQueries, ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
