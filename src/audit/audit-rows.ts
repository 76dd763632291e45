import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { insertRows } from '../infra/database/bulk-sql';
import { nowText } from '../infra/database/timestamps';

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
 * Writes audit rows as multi-row INSERTs: the 100k per-record rows of a large import take well under a second
 * this way. A plain function of the transaction's manager so an import worker thread (no Nest container) can
 * record through the same code as AuditService.
 */
export async function insertAuditRows(em: EntityManager, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const createdAt = nowText();
  await insertRows(
    em,
    'audit_logs',
    ['user_id', 'username', 'target_type', 'target_id', 'target_label', 'action', 'changes', 'created_at'],
    entries.map((e) => [actor?.id ?? null, actor?.username ?? null, e.targetType, e.targetId, e.targetLabel, e.action, e.changes, createdAt]),
  );
}
