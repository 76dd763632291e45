import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CookieWrite, Public } from '../common/decorators/access.decorator';
import { Database } from '../infra/database/database';
import { CsrfGuard } from '../ui/csrf';
import { FlashService } from '../ui/flash';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { UiRenderer } from '../ui/ui-renderer';
import { SessionsService } from '../users/sessions.service';
import type { User } from '../users/user.entity';
import type { AuthenticatedRequest } from './access.guard';
import { LocalLoginGuard } from './local.strategy';
import { logFailedLogin, logThrottledLogin } from './login-log';
import type { TooManyLoginAttempts } from './login-throttle';
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
@UseFilters(UiExceptionFilter)
export class AuthUiController {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly cookie: SessionCookie,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
  ) {}

  @Get('login')
  @Public()
  page(@Query('return_to') returnTo: unknown, @Req() req: Request, @Res() res: Response): void {
    this.renderer.page(req, res, 'auth/login', { returnTo: safeReturnTo(returnTo) }, { title: 'Login', bare: true });
  }

  // The CSRF guard runs before the password check: a forged cross-site login never reaches it.
  @Post('login')
  @Public()
  @UseGuards(CsrfGuard, LocalLoginGuard)
  async login(@Req() req: AuthenticatedRequest & { user?: User | false; loginRefusal?: TooManyLoginAttempts }, @Res() res: Response): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const returnTo = safeReturnTo(body.return_to);
    const user = req.user;
    if (!user) {
      const username = typeof body.username === 'string' ? body.username : '';
      const refusal = req.loginRefusal;
      if (refusal) {
        logThrottledLogin(req, username.trim(), refusal);
        res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
      } else {
        // Also reached when a field is missing: passport then fails without calling the strategy.
        logFailedLogin(req, username.trim());
      }
      const error = refusal ? refusal.message : 'Invalid username or password.';
      this.renderer.page(req, res, 'auth/login', { returnTo, error, username }, { title: 'Login', bare: true, status: refusal ? 429 : 401 });
      return;
    }
    const token = await this.db.transaction((em) => this.sessions.create(em, user.id));
    // Secure is also forced by IPOCKET_COOKIE_SECURE (common/middleware/cookie-policy.ts).
    res.cookie(SESSION_COOKIE, this.cookie.sign(token), { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
    this.flash.add(req, res, 'success', 'Login successful.');
    res.redirect(303, returnTo);
  }

  @Post('logout')
  @Public()
  @CookieWrite()
  @UseGuards(CsrfGuard)
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
