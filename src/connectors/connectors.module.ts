import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectorJob } from './connector-job.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ConnectorJob])],
})
export class ConnectorsModule {}
