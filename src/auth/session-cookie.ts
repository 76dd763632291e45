import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';

export const SESSION_COOKIE = 'ipocket_session';

/**
 * Signs and checks the UI cookie `<token>.<hex HMAC-SHA256(secret, token)>`, the original's format.
 * Without SESSION_SECRET (allowed outside production, decision A8) a random secret is generated once and kept
 * with mode 0600 beside the SQLite file, so restarts keep users logged in.
 */
@Injectable()
export class SessionCookie {
  private readonly logger = new Logger('SessionCookie');
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = config.sessionSecret ?? this.storedSecret(path.join(path.dirname(config.dbPath), '.session-secret'));
  }

  sign(token: string): string {
    return `${token}.${this.mac(token)}`;
  }

  /** The token inside a well-signed cookie value, else null. */
  verify(value: string | undefined): string | null {
    if (!value) return null;
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return null;
    const token = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(token), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
  }

  private mac(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('hex');
  }

  private storedSecret(file: string): string {
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const secret = randomBytes(32).toString('hex');
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      this.logger.log(`SESSION_SECRET not set: generated one in ${file}.`);
      return secret;
    }
  }
}
