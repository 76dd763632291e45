import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Tag } from '../tags/tag.entity';

export enum IpAssetType {
  OS = 'OS',
  BMC = 'BMC',
  VM = 'VM',
  VIP = 'VIP',
  OTHER = 'OTHER',
}

@Entity('ip_assets')
export class IpAsset {
  @PrimaryGeneratedColumn()
  id: number;

  /** Canonical text (decision D1). */
  @Column({ name: 'ip_address', type: 'text' })
  ipAddress: string;

  /** Sortable key: IPv4 before IPv6, numeric within a family, in byte order (see src/common/ip). */
  @Column({ name: 'ip_key', type: 'text' })
  ipKey: string;

  @Column({ type: 'text' })
  type: IpAssetType;

  @Column({ name: 'project_id', type: 'integer', nullable: true })
  projectId: number | null;

  @Column({ name: 'host_id', type: 'integer', nullable: true })
  hostId: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'text' })
  updatedAt: string;

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'ip_asset_tags', joinColumn: { name: 'ip_asset_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Tag[];
}
