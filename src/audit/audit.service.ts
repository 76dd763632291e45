import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { Database } from '../infra/database/database';
import { containsClause } from '../infra/database/sql';
import { nowText } from '../infra/database/timestamps';
import { AuditLog } from './audit-log.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';

export type AuditTargetType = 'IP_ASSET' | 'USER' | 'IMPORT_RUN' | 'PROJECT' | 'VENDOR' | 'HOST' | 'TAG' | 'RANGE';
export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'APPLY' | 'ARCHIVE' | 'ALLOCATE';

export interface AuditEntry {
  targetType: AuditTargetType;
  targetId: number;
  targetLabel: string;
  action: AuditAction;
  changes: string | null;
}

/**
 * The audit trail every module writes to, always with the manager of the transaction that made the change,
 * so the entry commits or rolls back with it (decision U1). Callers skip no-op changes (U2).
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: Database) {}

  async record(em: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<void> {
    await this.recordMany(em, actor, [entry]);
  }

  async recordMany(em: EntityManager, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
    const createdAt = nowText();
    // Chunked so a large import stays under the bound-parameter limit.
    for (let i = 0; i < entries.length; i += 500) {
      const rows = entries.slice(i, i + 500).map((e) => ({
        userId: actor?.id ?? null,
        username: actor?.username ?? null,
        targetType: e.targetType,
        targetId: e.targetId,
        targetLabel: e.targetLabel,
        action: e.action,
        changes: e.changes,
        createdAt,
      }));
      await em.createQueryBuilder().insert().into(AuditLog).values(rows).updateEntity(false).execute();
    }
  }

  /** Newest first, filtered and paginated in SQL. */
  async list(query: AuditQueryDto): Promise<{ items: AuditLog[]; total: number }> {
    const qb = this.db.reader.getRepository(AuditLog).createQueryBuilder('a');
    if (query.target_type) qb.andWhere('a.target_type = :targetType', { targetType: query.target_type });
    if (query.target_id !== undefined) qb.andWhere('a.target_id = :targetId', { targetId: query.target_id });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.username) qb.andWhere('a.username = :username', { username: query.username });
    if (query.target_label) qb.andWhere(...containsClause('a.target_label', 'label', query.target_label));
    if (query.since) qb.andWhere('a.created_at >= :since', { since: query.since });
    if (query.until) qb.andWhere('a.created_at <= :until', { until: query.until });
    const total = await qb.getCount();
    const items = await qb.orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC').limit(query.limit).offset(query.offset).getMany();
    return { items, total };
  }

  /** Called when a user is deleted: their rows keep the username snapshot. */
  async forgetUser(em: EntityManager, userId: number): Promise<void> {
    await em.createQueryBuilder().update(AuditLog).set({ userId: null }).where('user_id = :userId', { userId }).execute();
  }
}
