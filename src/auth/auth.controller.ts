import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '../common/actor';
import { Public, Roles } from '../common/decorators/access.decorator';
import { unauthorized } from '../common/errors/domain-error';
import { SessionsService } from '../users/sessions.service';
import { UsersService } from '../users/users.service';
import type { AuthenticatedRequest } from './access.guard';
import { LoginDto, TokenDto } from './dto/login.dto';
import { logFailedLogin, logThrottledLogin } from './login-log';
import { LoginThrottle } from './login-throttle';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user, inactive user or wrong password' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this username or client (Retry-After says how long to wait)' })
  async login(@Body() dto: LoginDto, @Req() req: AuthenticatedRequest): Promise<TokenDto> {
    const refusal = this.throttle.refusal(dto.username, req.ip);
    if (refusal) {
      logThrottledLogin(req, dto.username, refusal);
      throw refusal;
    }
    const result = await this.users.login(dto.username, dto.password);
    if (!result) {
      this.throttle.recordFailure(dto.username, req.ip);
      logFailedLogin(req, dto.username);
      throw unauthorized();
    }
    this.throttle.recordSuccess(dto.username);
    return { access_token: result.token, token_type: 'bearer' };
  }

  @Post('logout')
  @Roles(Role.Viewer)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token used for this request is revoked.' })
  async logout(@Req() req: AuthenticatedRequest): Promise<void> {
    if (req.sessionId !== undefined) await this.sessions.revoke(req.sessionId);
  }
}
