import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { Database } from '../infra/database/database';
import { containsClause } from '../infra/database/sql';
import { AuditLog } from './audit-log.entity';
import { AuditEntry, insertAuditRows } from './audit-rows';
import type { AuditQueryDto } from './dto/audit-query.dto';

export type { AuditAction, AuditEntry, AuditTargetType } from './audit-rows';

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

  recordMany(em: EntityManager, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
    return insertAuditRows(em, actor, entries);
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
