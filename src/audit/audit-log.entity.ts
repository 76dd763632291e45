import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_logs')
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  /** Snapshot of the actor's name: kept when the user is deleted. */
  @Column({ type: 'text', nullable: true })
  username: string | null;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'integer' })
  targetId: number;

  @Column({ name: 'target_label', type: 'text' })
  targetLabel: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  changes: string | null;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;
}
