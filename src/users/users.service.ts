import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, Role, roleAtLeast } from '../common/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { Database, isUniqueViolation } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { hashPassword, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { passwordProblems, usernameProblems } from './user-rules';
import { User } from './user.entity';

const flag = (value: boolean) => (value ? '1' : '0');

/**
 * Users and their passwords. Passwords are hashed before a transaction opens: bcrypt is slow and must not
 * hold the write queue.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(): Promise<User[]> {
    return this.db.reader.getRepository(User).createQueryBuilder('u').orderBy('u.username', 'ASC').getMany();
  }

  async get(id: number): Promise<User> {
    const user = await this.db.reader.findOneBy(User, { id });
    if (!user) throw notFound('User not found.');
    return user;
  }

  findByUsername(username: string): Promise<User | null> {
    return this.db.reader.findOneBy(User, { username });
  }

  /** Checks a login; upgrades a legacy SHA-256 hash to bcrypt on success. Null for any failure. */
  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const user = await this.findByUsername(username);
    if (!user || !user.isActive) return null;
    const { ok, upgrade } = await verifyPassword(password, user.hashedPassword);
    if (!ok) return null;
    if (upgrade) {
      const hashed = await hashPassword(password);
      await this.db.transaction((em) => em.update(User, { id: user.id }, { hashedPassword: hashed, updatedAt: nowText() }));
    }
    return user;
  }

  /** The acting user for a CLI `--as USER`: active, and of at least the role the command needs. */
  async actorByUsername(username: string, required: Role): Promise<Actor> {
    const user = await this.findByUsername(username);
    if (!user || !user.isActive) throw invalid(`No active user named "${username}".`);
    if (!roleAtLeast(user.role, required)) throw invalid(`User "${username}" is a ${user.role}: this needs ${required} or higher.`);
    return { id: user.id, username: user.username, role: user.role };
  }

  /** Verifies the credentials and opens a session; null when they are wrong. */
  async login(username: string, password: string): Promise<{ user: User; token: string } | null> {
    const user = await this.verifyCredentials(username, password);
    if (!user) return null;
    const token = await this.db.transaction((em) => this.sessions.create(em, user.id));
    return { user, token };
  }

  async create(actor: Actor | null, dto: CreateUserDto): Promise<User> {
    const problems = [...usernameProblems(dto.username), ...passwordProblems(dto.password)];
    if (problems.length > 0) throw invalid(problems.join(' '));
    const hashed = await hashPassword(dto.password);
    return this.db.transaction(async (em) => {
      const now = nowText();
      const user = em.create(User, { username: dto.username, hashedPassword: hashed, role: dto.role, isActive: dto.is_active ?? true, createdAt: now, updatedAt: now });
      try {
        await em.save(user);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('User already exists.');
        throw error;
      }
      await this.audit.record(em, actor, {
        targetType: 'USER',
        targetId: user.id,
        targetLabel: user.username,
        action: 'CREATE',
        changes: `Created user (role=${user.role}, is_active=${flag(user.isActive)})`,
      });
      return user;
    });
  }

  async update(actor: Actor | null, id: number, dto: UpdateUserDto): Promise<User> {
    if (dto.password !== undefined && passwordProblems(dto.password).length > 0) throw invalid(passwordProblems(dto.password).join(' '));
    const hashed = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    return this.db.transaction(async (em) => {
      const user = await em.findOneBy(User, { id });
      if (!user) throw notFound('User not found.');
      const changes: string[] = [];
      const role = dto.role ?? user.role;
      const isActive = dto.is_active ?? user.isActive;
      if (role !== user.role) changes.push(`role: ${user.role} -> ${role}`);
      if (isActive !== user.isActive) changes.push(`is_active: ${flag(user.isActive)} -> ${flag(isActive)}`);
      if (hashed) changes.push('password: rotated');
      if (changes.length === 0) return user;

      if (user.role === Role.Admin && user.isActive && (role !== Role.Admin || !isActive)) {
        await this.assertAnotherActiveAdmin(em, user.id);
      }
      Object.assign(user, { role, isActive, updatedAt: nowText() }, hashed ? { hashedPassword: hashed } : {});
      await em.save(user);
      // A reset password or a deactivated account ends every open session of that user.
      if (hashed || !isActive) await this.sessions.revokeAllForUser(em, user.id);
      await this.audit.record(em, actor, { targetType: 'USER', targetId: user.id, targetLabel: user.username, action: 'UPDATE', changes: changes.join('; ') });
      return user;
    });
  }

  async remove(actor: Actor | null, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const user = await em.findOneBy(User, { id });
      if (!user) throw notFound('User not found.');
      if (actor && actor.id === user.id) throw conflict('You cannot delete your own account.');
      if (user.role === Role.Admin && user.isActive) await this.assertAnotherActiveAdmin(em, user.id);
      await this.audit.forgetUser(em, user.id);
      await em.delete(User, { id: user.id });
      await this.audit.record(em, actor, {
        targetType: 'USER',
        targetId: user.id,
        targetLabel: user.username,
        action: 'DELETE',
        changes: `Deleted user (role=${user.role}, is_active=${flag(user.isActive)})`,
      });
    });
  }

  /** Self-service change: needs the current password, keeps the caller's session, ends all others. */
  async changeOwnPassword(actor: Actor, sessionId: number | undefined, current: string, next: string): Promise<void> {
    const user = await this.get(actor.id);
    const { ok } = await verifyPassword(current, user.hashedPassword);
    if (!ok) throw invalid('Current password is incorrect.');
    const hashed = await hashPassword(next);
    await this.db.transaction(async (em) => {
      await em.update(User, { id: user.id }, { hashedPassword: hashed, updatedAt: nowText() });
      await this.sessions.revokeAllForUser(em, user.id, sessionId);
      await this.audit.record(em, actor, { targetType: 'USER', targetId: user.id, targetLabel: user.username, action: 'UPDATE', changes: 'password: self-service rotated' });
    });
  }

  /** CLI: set a password by username (revokes the user's sessions). */
  async setPassword(username: string, password: string): Promise<User> {
    const user = await this.findByUsername(username);
    if (!user) throw notFound(`User "${username}" not found.`);
    return this.update(null, user.id, { password });
  }

  /** CLI: deactivate by username. */
  async deactivate(username: string): Promise<User> {
    const user = await this.findByUsername(username);
    if (!user) throw notFound(`User "${username}" not found.`);
    return this.update(null, user.id, { is_active: false });
  }

  /**
   * First start: with ADMIN_BOOTSTRAP_USERNAME/PASSWORD set, an empty user table gets that Admin. Without them,
   * it gets `admin` with a random password printed once, so the one-command start gives a usable login.
   */
  async ensureInitialAdmin(): Promise<void> {
    const count = await this.db.reader.count(User);
    if (count > 0) return;
    const username = this.config.adminBootstrapUsername;
    const password = this.config.adminBootstrapPassword;
    if (username && password) {
      const problems = [...usernameProblems(username), ...passwordProblems(password)];
      if (problems.length > 0) throw new Error(`ADMIN_BOOTSTRAP_USERNAME / ADMIN_BOOTSTRAP_PASSWORD refused: ${problems.join(' ')}`);
      await this.create(null, { username, password, role: Role.Admin, is_active: true });
      this.logger.log(`Created bootstrap admin "${username}" from ADMIN_BOOTSTRAP_USERNAME.`);
      return;
    }
    const generated = randomBytes(12).toString('base64url');
    await this.create(null, { username: 'admin', password: generated, role: Role.Admin, is_active: true });
    this.logger.warn(`First start: created user "admin" with password "${generated}" (shown once; change it after logging in).`);
  }

  private async assertAnotherActiveAdmin(em: EntityManager, exceptId: number): Promise<void> {
    const others = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.role = :role', { role: Role.Admin })
      .andWhere('u.is_active = :active', { active: true })
      .andWhere('u.id <> :id', { id: exceptId })
      .getCount();
    if (others === 0) throw conflict('The last active Admin cannot be deleted, demoted or deactivated.');
  }
}
