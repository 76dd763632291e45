import { Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Database } from '../infra/database/database';
import { SessionsService } from '../users/sessions.service';
import type { User } from '../users/user.entity';
import { CookieWrite, Public } from '../common/decorators/access.decorator';
import type { AuthenticatedRequest } from './access.guard';
import { LocalLoginGuard } from './local.strategy';
import { SESSION_COOKIE, SessionCookie } from './session-cookie';

export const DEFAULT_LANDING = '/ui/ip-assets';

/** Only same-site relative paths are honoured (decision A5): no scheme, no `//host`, no backslash tricks. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || /[\\\r\n\t]/.test(value) || value.startsWith('/\\')) {
    return DEFAULT_LANDING;
  }
  return value;
}

@ApiExcludeController()
@Controller('ui')
export class AuthUiController {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly cookie: SessionCookie,
  ) {}

  @Get('login')
  @Public()
  page(@Query('return_to') returnTo: string | undefined, @Res() res: Response): void {
    res.render('auth/login', { title: 'Log in', returnTo: safeReturnTo(returnTo) });
  }

  @Post('login')
  @Public()
  @UseGuards(LocalLoginGuard)
  async login(@Req() req: AuthenticatedRequest & { user?: User | false }, @Res() res: Response): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const returnTo = safeReturnTo(body.return_to);
    const user = req.user;
    if (!user) {
      res.status(401).render('auth/login', { title: 'Log in', returnTo, error: 'Invalid username or password.', username: body.username });
      return;
    }
    const token = await this.db.transaction((em) => this.sessions.create(em, user.id));
    res.cookie(SESSION_COOKIE, this.cookie.sign(token), { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
    res.redirect(303, returnTo);
  }

  @Post('logout')
  @Public()
  @CookieWrite()
  @HttpCode(303)
  async logout(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const token = this.cookie.verify((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
    if (token) {
      const resolved = await this.sessions.resolve(token);
      if (resolved) await this.sessions.revoke(resolved.sessionId);
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/ui/login');
  }
}
