import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('hosts')
export class Host {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'vendor_id', type: 'integer', nullable: true })
  vendorId: number | null;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'text' })
  updatedAt: string;
}
