import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpRange } from './ip-range.entity';

@Module({
  imports: [TypeOrmModule.forFeature([IpRange])],
})
export class RangesModule {}
