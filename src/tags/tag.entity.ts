import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tags')
export class Tag {
  @PrimaryGeneratedColumn()
  id: number;

  /** Always normalised: trimmed, lower-case, `[a-z0-9_-]+`. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '#e2e8f0' })
  color: string;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'text' })
  updatedAt: string;
}
