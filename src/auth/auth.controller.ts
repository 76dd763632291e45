import { Body, Controller, HttpCode, Logger, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '../common/actor';
import { Public, Roles } from '../common/decorators/access.decorator';
import { unauthorized } from '../common/errors/domain-error';
import { SessionsService } from '../users/sessions.service';
import { UsersService } from '../users/users.service';
import type { AuthenticatedRequest } from './access.guard';
import { LoginDto, TokenDto } from './dto/login.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user, inactive user or wrong password' })
  async login(@Body() dto: LoginDto, @Req() req: AuthenticatedRequest): Promise<TokenDto> {
    const result = await this.users.login(dto.username, dto.password);
    if (!result) {
      this.logger.warn(`Failed login for "${dto.username}" from ${req.ip}`);
      throw unauthorized();
    }
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
