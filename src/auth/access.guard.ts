import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, Role, roleAtLeast } from '../common/actor';
import { ACCESS_KEY, AccessRule, COOKIE_WRITE_KEY } from '../common/decorators/access.decorator';
import { forbidden, unauthorized } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { ResolvedSession, SessionsService } from '../users/sessions.service';
import { SESSION_COOKIE, SessionCookie } from './session-cookie';

export type AuthenticatedRequest = Request & { actor?: Actor; sessionId?: number };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one guard: reads the route's declared access (see access.decorator.ts), authenticates by bearer token
 * or, for reads and CSRF-protected UI writes, by the session cookie, and answers 401 or 403.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly cookie: SessionCookie,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, targets) ?? { kind: 'role', role: Role.Viewer };
    // Public routes ignore credentials entirely, as the original does.
    if (rule.kind === 'public') return true;

    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const cookieAllowed = SAFE_METHODS.has(req.method) || this.reflector.getAllAndOverride<boolean>(COOKIE_WRITE_KEY, targets) === true;
    const resolved = await this.authenticate(req, cookieAllowed);
    if (!resolved) {
      if (rule.kind === 'read' && this.config.publicRead) return true;
      throw unauthorized();
    }
    req.actor = resolved.actor;
    req.sessionId = resolved.sessionId;
    const required = rule.kind === 'read' ? Role.Viewer : rule.role;
    if (!roleAtLeast(resolved.actor.role, required)) throw forbidden();
    return true;
  }

  private async authenticate(req: AuthenticatedRequest, cookieAllowed: boolean): Promise<ResolvedSession | null> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      // Split at the first space only: "Bearer  x" yields the token " x", which fails, as in the original.
      const space = header.indexOf(' ');
      if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer') return null;
      return this.sessions.resolve(header.slice(space + 1));
    }
    if (!cookieAllowed) return null;
    const token = this.cookie.verify((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
    return token ? this.sessions.resolve(token) : null;
  }
}
