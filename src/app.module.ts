import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { AppExceptionFilter } from './common/filters/app-exception.filter';
import { BodyParserMiddleware } from './common/middleware/body-parser.middleware';
import { DOMAIN_MODULES } from './domain.modules';
import { HealthModule } from './health/health.module';
import type { AppConfig } from './infra/config/app-config';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { MetricsModule } from './metrics/metrics.module';
import { SdModule } from './sd/sd.module';
import { SummaryModule } from './summary/summary.module';
import { UiModule } from './ui/ui.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, ...DOMAIN_MODULES, AuthModule, HealthModule, MetricsModule, SdModule, SummaryModule, UiModule],
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BodyParserMiddleware).forRoutes('{*path}');
  }
}
