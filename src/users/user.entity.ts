import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../common/actor';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  username: string;

  /** bcrypt, or a legacy unsalted SHA-256 hex digest upgraded on the next login. */
  @Column({ name: 'hashed_password', type: 'text' })
  hashedPassword: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'created_at', type: 'text' })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'text' })
  updatedAt: string;
}
