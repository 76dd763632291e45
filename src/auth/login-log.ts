import type { Request } from 'express';
import { requestContext, securityLog } from '../common/middleware/security-log';
import type { TooManyLoginAttempts } from './login-throttle';

/** A login that failed (unknown user, wrong password, inactive account, missing fields): never the password. */
export function logFailedLogin(req: Request, username: string): void {
  securityLog.warn(`Failed login ${requestContext(req, username)}`);
}

/** A login refused by the throttle (decision A7) before any password was checked. */
export function logThrottledLogin(req: Request, username: string, refusal: TooManyLoginAttempts): void {
  securityLog.warn(`Login throttled (retry in ${refusal.retryAfterSeconds}s) ${requestContext(req, username)}`);
}
