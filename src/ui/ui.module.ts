import { Global, Module, OnModuleInit } from '@nestjs/common';
import * as path from 'node:path';
import { AuthModule } from '../auth/auth.module';
import { APP_ROOT } from '../health/build-info';
import { HealthModule } from '../health/health.module';
import { HostsModule } from '../hosts/hosts.module';
import { HostsUiController } from '../hosts/hosts.ui.controller';
import { IpAssetsUiController } from '../ip-assets/ip-assets.ui.controller';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { LibraryUiController } from '../projects/projects.ui.controller';
import { RangesModule } from '../ranges/ranges.module';
import { RangesUiController } from '../ranges/ranges.ui.controller';
import { AuditUiController } from '../audit/audit.ui.controller';
import { UsersUiController } from '../users/users.ui.controller';
import { ImportsModule } from '../imports/imports.module';
import { DataOpsUiController } from '../imports/imports.ui.controller';
import { ConnectorsModule } from '../connectors/connectors.module';
import { ConnectorsUiController } from '../connectors/connectors.ui.controller';
import { VendorsModule } from '../vendors/vendors.module';
import { SummaryModule } from '../summary/summary.module';
import { UsersModule } from '../users/users.module';
import { AccountUiController } from './account.ui.controller';
import { CsrfGuard, CsrfService } from './csrf';
import { DashboardUiController } from './dashboard.ui.controller';
import { FlashService } from './flash';
import { registerUiTemplates } from './handlebars-setup';
import { ShellUiController } from './shell.ui.controller';
import { UiExceptionFilter } from './ui-exception.filter';
import { UiRenderer } from './ui-renderer';

const SHARED = [CsrfService, CsrfGuard, FlashService, UiRenderer, UiExceptionFilter];

/**
 * The server-rendered admin UI. Global so that UI controllers living in other modules (the login page in
 * AuthModule) reach the renderer, CSRF guard and flash service without an import cycle.
 */
@Global()
@Module({
  imports: [AuthModule, HealthModule, UsersModule, SummaryModule, IpAssetsModule, HostsModule, VendorsModule, RangesModule, ImportsModule, ConnectorsModule],
  controllers: [ShellUiController, DashboardUiController, AccountUiController, IpAssetsUiController, HostsUiController, LibraryUiController, RangesUiController, AuditUiController, UsersUiController, DataOpsUiController, ConnectorsUiController],
  providers: SHARED,
  exports: SHARED,
})
export class UiModule implements OnModuleInit {
  onModuleInit(): void {
    registerUiTemplates(path.join(APP_ROOT, 'views'));
  }
}
