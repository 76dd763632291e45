import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportsModule } from '../imports/imports.module';
import { ConnectorJob } from './connector-job.entity';
import { ConnectorJobsService } from './connector-jobs.service';
import { ConnectorsController } from './connectors.controller';
import { CONNECTOR_PROVIDERS, ConnectorRegistry } from './framework/connector-registry';
import { ConnectorRunner } from './framework/connector-runner';
import { CONNECTORS } from './connector-catalog';

/**
 * Connectors read an external system and feed the result, as an import bundle, through the import pipeline
 * (never a write path of their own). Runs are persisted background jobs over HTTP, or CLI commands.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ConnectorJob]), ImportsModule],
  controllers: [ConnectorsController],
  providers: [...CONNECTORS, { provide: CONNECTOR_PROVIDERS, useFactory: (...providers: unknown[]) => providers, inject: [...CONNECTORS] }, ConnectorRegistry, ConnectorRunner, ConnectorJobsService],
  exports: [ConnectorRegistry, ConnectorRunner, ConnectorJobsService],
})
export class ConnectorsModule {}
