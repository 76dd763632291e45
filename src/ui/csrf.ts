import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SessionCookie } from '../auth/session-cookie';
import { forbidden } from '../common/errors/domain-error';

export const CSRF_COOKIE = 'ipocket_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const NONCE_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * CSRF protection for the UI (decision A6), as a signed double-submit token: the browser holds a random nonce
 * in an HttpOnly cookie, every form carries HMAC(secret, nonce). A cross-site page can neither read the cookie
 * nor compute the MAC, so it cannot forge a form. Works before login too (the login form is protected).
 */
@Injectable()
export class CsrfService {
  constructor(private readonly signer: SessionCookie) {}

  /** The token for this browser's forms; sets the nonce cookie on first use. */
  tokenFor(req: Request, res: Response): string {
    const cookies = (req.cookies ?? {}) as Record<string, string>;
    let nonce = cookies[CSRF_COOKIE];
    if (!nonce || !NONCE_RE.test(nonce)) {
      nonce = randomBytes(32).toString('base64url');
      res.cookie(CSRF_COOKIE, nonce, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
      cookies[CSRF_COOKIE] = nonce;
      req.cookies = cookies;
    }
    return this.mac(nonce);
  }

  /** True when the request carries the token matching its nonce cookie (form field or header). */
  isValid(req: Request): boolean {
    const nonce = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE];
    const body = (req.body ?? {}) as Record<string, unknown>;
    const header = req.headers[CSRF_HEADER];
    const given = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : typeof header === 'string' ? header : '';
    if (!nonce || !NONCE_RE.test(nonce) || !given) return false;
    const expected = Buffer.from(this.mac(nonce), 'utf8');
    const actual = Buffer.from(given, 'utf8');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private mac(nonce: string): string {
    const signed = this.signer.sign(`csrf:${nonce}`);
    return signed.slice(signed.lastIndexOf('.') + 1);
  }
}

/** Put on every UI POST handler (with `@CookieWrite()`): a missing or wrong token is a 403. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.csrf.isValid(ctx.switchToHttp().getRequest<Request>())) throw forbidden();
    return true;
  }
}
