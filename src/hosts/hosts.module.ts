import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Host } from './host.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Host])],
})
export class HostsModule {}
