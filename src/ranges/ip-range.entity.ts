import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('ip_ranges')
export class IpRange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  /** Canonical network/prefix, IPv4 or IPv6 (decision D2). */
  @Column({ type: 'text' })
  cidr: string;

  /** Sort keys of the first and last address of the block, for range queries on ip_assets.ip_key. */
  @Column({ name: 'first_key', type: 'text' })
  firstKey: string;

  @Column({ name: 'last_key', type: 'text' })
  lastKey: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'text' })
  updatedAt: string;
}
