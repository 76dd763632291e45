import { ApiProperty } from '@nestjs/swagger';
import type { AuditLog } from '../audit-log.entity';

export class AuditLogDto {
  @ApiProperty() id: number;
  @ApiProperty({ nullable: true, type: Number }) user_id: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Snapshot of the actor; null for system writes' }) username: string | null;
  @ApiProperty() target_type: string;
  @ApiProperty() target_id: number;
  @ApiProperty() target_label: string;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) changes: string | null;
  @ApiProperty({ example: '2024-01-01 10:00:00' }) created_at: string;
}

export function toAuditLogDto(row: AuditLog): AuditLogDto {
  return {
    id: row.id,
    user_id: row.userId,
    username: row.username,
    target_type: row.targetType,
    target_id: row.targetId,
    target_label: row.targetLabel,
    action: row.action,
    changes: row.changes,
    created_at: row.createdAt,
  };
}
