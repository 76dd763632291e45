import { Module } from '@nestjs/common';
import { IpAssetsModule } from '../ip-assets/ip-assets.module';
import { SdController } from './sd.controller';
import { SdService } from './sd.service';

/** `GET /sd/node`: Prometheus HTTP service discovery (api.md §5.3). */
@Module({
  imports: [IpAssetsModule],
  controllers: [SdController],
  providers: [SdService],
})
export class SdModule {}
