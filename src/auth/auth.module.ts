import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthUiController } from './auth.ui.controller';
import { LocalStrategy } from './local.strategy';
import { LoginThrottle } from './login-throttle';
import { SessionCookie } from './session-cookie';

@Module({
  imports: [UsersModule, PassportModule],
  controllers: [AuthController, AuthUiController],
  providers: [SessionCookie, LoginThrottle, LocalStrategy, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionCookie],
})
export class AuthModule {}
