import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { VendorsModule } from '../vendors/vendors.module';
import { Host } from './host.entity';
import { HostsController } from './hosts.controller';
import { HostsService } from './hosts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Host]), VendorsModule, forwardRef(() => IpAssetsModule)],
  controllers: [HostsController],
  providers: [HostsService],
  exports: [HostsService, VendorsModule],
})
export class HostsModule {}
