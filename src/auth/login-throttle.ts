import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';

/** A login refused because of too many recent failures; carries the wait for the `Retry-After` header. */
export class TooManyLoginAttempts extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many failed logins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

const WINDOW_MS = 15 * 60_000;
const LIMITS = { user: 10, client: 30 } as const;
/** Bounds memory when an attacker sprays usernames: the oldest keys are forgotten first. */
const MAX_KEYS = 10_000;

/**
 * Decision A7: failed logins are counted per username and per client address over a sliding 15-minute window;
 * past the limit, logins for that key are refused with 429 until the oldest failure leaves the window.
 * In memory on purpose: a restart forgets, which only ever helps a legitimate user. The login routes log each
 * failure and refusal (login-log.ts), where the request is known.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  /** The refusal to answer when either the username or the client is over its limit, else null. */
  refusal(username: string, client: string | undefined, now = Date.now()): TooManyLoginAttempts | null {
    const wait = Math.max(this.wait(`user:${username}`, LIMITS.user, now), this.wait(`client:${client ?? '?'}`, LIMITS.client, now));
    return wait > 0 ? new TooManyLoginAttempts(wait) : null;
  }

  /** Throws TooManyLoginAttempts when either the username or the client is over its limit. */
  check(username: string, client: string | undefined, now = Date.now()): void {
    const refusal = this.refusal(username, client, now);
    if (refusal) throw refusal;
  }

  recordFailure(username: string, client: string | undefined, now = Date.now()): void {
    for (const key of [`user:${username}`, `client:${client ?? '?'}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  }

  private wait(key: string, limit: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < limit) return 0;
    return Math.max(1, Math.ceil((list[list.length - limit] + WINDOW_MS - now) / 1000));
  }
}
