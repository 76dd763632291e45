import { DynamicModule, Module } from '@nestjs/common';
import { DOMAIN_MODULES } from '../domain.modules';
import type { AppConfig } from '../infra/config/app-config';
import { ConfigModule } from '../infra/config/config.module';
import { DatabaseModule } from '../infra/database/database.module';
import { CONNECTOR_COMMANDS } from '../connectors/connectors.commands';
import { EXPORT_COMMANDS } from '../exports/exports.commands';
import { IMPORT_COMMANDS } from '../imports/imports.commands';
import { USER_COMMANDS } from '../users/users.commands';
import { MigrateCommand } from './migrate.command';

/** The CLI boots the same domain modules as the HTTP app, without the HTTP layer. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, ...DOMAIN_MODULES],
      providers: [MigrateCommand, ...USER_COMMANDS, ...IMPORT_COMMANDS, ...EXPORT_COMMANDS, ...CONNECTOR_COMMANDS],
    };
  }
}
