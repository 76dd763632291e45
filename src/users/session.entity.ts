import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A login: an API bearer token or a UI cookie. Only the SHA-256 of the token is stored (decision A4). */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'token', type: 'text' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'last_used_at', type: 'text' })
  lastUsedAt: string;
}
