import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ConnectorJobState = 'queued' | 'running' | 'succeeded' | 'failed';
export type ConnectorJobMode = 'file' | 'dry-run' | 'apply';

/** A connector run started from HTTP: persisted so it survives restarts and other instances can read it. */
@Entity('connector_jobs')
export class ConnectorJob {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  connector: string;

  @Column({ type: 'text' })
  mode: ConnectorJobMode;

  @Column({ type: 'text' })
  state: ConnectorJobState;

  @Column({ name: 'requested_by', type: 'integer', nullable: true })
  requestedBy: number | null;

  @Column({ name: 'requested_by_username', type: 'text', nullable: true })
  requestedByUsername: string | null;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'started_at', type: 'text', nullable: true })
  startedAt: string | null;

  @Column({ name: 'finished_at', type: 'text', nullable: true })
  finishedAt: string | null;

  @Column({ type: 'text', default: '' })
  log: string;

  /** JSON text: summary and per-record plan. */
  @Column({ type: 'text', nullable: true })
  result: string | null;
}
