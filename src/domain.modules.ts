import { AuditModule } from './audit/audit.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { ExportsModule } from './exports/exports.module';
import { HostsModule } from './hosts/hosts.module';
import { ImportsModule } from './imports/imports.module';
import { IpAssetsModule } from './ip-assets/ip-assets.module';
import { ProjectsModule } from './projects/projects.module';
import { RangesModule } from './ranges/ranges.module';
import { TagsModule } from './tags/tags.module';
import { UsersModule } from './users/users.module';
import { VendorsModule } from './vendors/vendors.module';

/** The domain modules both faces boot: the HTTP app (AppModule) and the CLI (CliModule). */
export const DOMAIN_MODULES = [AuditModule, UsersModule, ProjectsModule, VendorsModule, TagsModule, HostsModule, IpAssetsModule, RangesModule, ImportsModule, ExportsModule, ConnectorsModule];
