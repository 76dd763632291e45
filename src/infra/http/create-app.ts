import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import * as path from 'node:path';
import { AppModule } from '../../app.module';
import { cookiePolicy } from '../../common/middleware/cookie-policy';
import { securityHeaders } from '../../common/middleware/security-headers';
import { logForbiddenResponses } from '../../common/middleware/security-log';
import { AppValidationPipe } from '../../common/pipes/validation.pipe';
import { APP_ROOT } from '../../health/build-info';
import type { AppConfig } from '../config/app-config';
import { setupOpenApi } from './openapi';

/** Builds the HTTP application; shared by `main.ts` and the end-to-end tests so they run the same stack. */
export async function createApp(config: AppConfig, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    // Nest's own start-up chatter is "log" level; ipocket's operational messages are warnings or console lines.
    logger: options.logger ?? (config.logLevel === 'DEBUG' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn']),
  });
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  // Decides req.ip (login throttle, logs) and req.secure (cookie flags, HSTS) behind a reverse proxy.
  app.set('trust proxy', config.trustProxy);
  // Before static files and Swagger UI, so every response carries the headers.
  app.use(securityHeaders());
  app.use(cookiePolicy(config.cookieSecure));
  app.use(logForbiddenResponses);
  app.use(cookieParser());
  app.useGlobalPipes(new AppValidationPipe());
  app.useStaticAssets(path.join(APP_ROOT, 'static'), { prefix: '/static/', index: false });
  app.setBaseViewsDir(path.join(APP_ROOT, 'views'));
  app.setViewEngine('hbs');
  setupOpenApi(app);
  return app;
}
