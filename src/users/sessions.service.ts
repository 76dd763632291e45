import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { Database } from '../infra/database/database';
import { nowText, parseTimestamp } from '../infra/database/timestamps';
import { Session } from './session.entity';
import { User } from './user.entity';

/** A resolved login: the user behind a token and the session row it came from. */
export interface ResolvedSession {
  actor: Actor;
  sessionId: number;
}

/** Writing `last_used_at` on every request would make every read a write; once a minute is enough for expiry. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Login sessions shared by API bearer tokens and UI cookies. Tokens are 32 random bytes (43 URL-safe
 * characters), stored only as SHA-256, and expire after IPOCKET_SESSION_TTL_HOURS without use (decision A4).
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(em: EntityManager, userId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = nowText();
    await em.insert(Session, { tokenHash: hashToken(token), userId, createdAt: now, lastUsedAt: now });
    return token;
  }

  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const row = await this.db.reader
      .getRepository(Session)
      .createQueryBuilder('s')
      .innerJoin(User, 'u', 'u.id = s.user_id')
      .select(['s.id AS session_id', 's.last_used_at AS last_used_at', 'u.id AS user_id', 'u.username AS username', 'u.role AS role', 'u.is_active AS is_active'])
      .where('s.token = :hash', { hash: hashToken(token) })
      .getRawOne<{ session_id: number; last_used_at: string; user_id: number; username: string; role: Actor['role']; is_active: boolean | number }>();
    if (!row || !row.is_active) return null;

    const lastUsed = parseTimestamp(row.last_used_at).getTime();
    const now = Date.now();
    if (now - lastUsed > this.config.sessionTtlHours * 3_600_000) {
      await this.revoke(row.session_id);
      return null;
    }
    if (now - lastUsed > TOUCH_INTERVAL_MS) {
      // Not awaited: behind a long import the write queue may be busy, and a read must not wait for it.
      this.db.transaction((em) => em.update(Session, { id: row.session_id }, { lastUsedAt: nowText() })).catch((error: Error) => this.logger.warn(`Could not record session use: ${error.message}`));
    }
    return { actor: { id: row.user_id, username: row.username, role: row.role }, sessionId: row.session_id };
  }

  revoke(sessionId: number): Promise<unknown> {
    return this.db.transaction((em) => em.delete(Session, { id: sessionId }));
  }

  /** Revokes every session of a user but the one given (a password change keeps the caller logged in). */
  async revokeAllForUser(em: EntityManager, userId: number, exceptSessionId?: number): Promise<void> {
    const qb = em.createQueryBuilder().delete().from(Session).where('user_id = :userId', { userId });
    if (exceptSessionId !== undefined) qb.andWhere('id <> :keep', { keep: exceptSessionId });
    await qb.execute();
  }
}
