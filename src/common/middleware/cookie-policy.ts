import type { CookieOptions, NextFunction, Request, Response } from 'express';

/**
 * Every cookie the app sets (session, CSRF nonce, flash) gets the same flags, decided in one place: HttpOnly and
 * SameSite=Lax unless a caller says otherwise, and Secure whenever the browser used HTTPS (`req.secure`, which
 * believes X-Forwarded-Proto only from a trusted proxy) or IPOCKET_COOKIE_SECURE forces it.
 */
export function cookiePolicy(forceSecure: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const setCookie = res.cookie.bind(res) as (name: string, value: unknown, options: CookieOptions) => Response;
    res.cookie = ((name: string, value: unknown, options: CookieOptions = {}) =>
      setCookie(name, value, { httpOnly: true, sameSite: 'lax', path: '/', ...options, secure: forceSecure || req.secure || options.secure === true })) as Response['cookie'];
    next();
  };
}
