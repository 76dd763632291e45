import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Failed logins, throttled logins and refusals: one logger so operators can grep `[Security]`. */
export const securityLog = new Logger('Security');

const MAX_NAME = 100;

/**
 * `user="alice" client=203.0.113.9 POST /ui/login`. The name is JSON-quoted (and cut) because it is attacker
 * text: a newline or a fake `client=` in it must not forge a log line or a field. The query string is left out,
 * it may carry tokens. `req.ip` honours X-Forwarded-For only from proxies trusted by IPOCKET_TRUST_PROXY.
 */
export function requestContext(req: Request, username: string | undefined): string {
  const user = username ? JSON.stringify(username.slice(0, MAX_NAME)) : 'anonymous';
  const route = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return `user=${user} client=${req.ip ?? 'unknown'} ${req.method} ${route}`;
}

/** Express middleware: logs every 403 once the response is sent, whichever filter, guard or page produced it. */
export function logForbiddenResponses(req: Request, res: Response, next: NextFunction): void {
  res.on('finish', () => {
    if (res.statusCode !== 403) return;
    const actor = (req as Request & { actor?: { username: string } }).actor;
    securityLog.warn(`Forbidden (403) ${requestContext(req, actor?.username)}`);
  });
  next();
}
