import { Module } from '@nestjs/common';
import { BuildInfoService } from './build-info';
import { HealthController } from './health.controller';

@Module({
  controllers: [HealthController],
  providers: [BuildInfoService],
  exports: [BuildInfoService],
})
export class HealthModule {}
