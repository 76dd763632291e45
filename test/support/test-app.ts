import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { Role } from '../../src/common/actor';
import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { Database } from '../../src/infra/database/database';
import { createApp } from '../../src/infra/http/create-app';
import { UsersService } from '../../src/users/users.service';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_PASSWORD = 'correct-horse-1';

/** A running app on a throwaway database, with helpers to make users and log them in. */
export class TestApp {
  private constructor(
    readonly app: NestExpressApplication,
    readonly config: AppConfig,
    private readonly database: TestDatabase,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', ...database.env, ...env });
    const app = await createApp(config, { logger: false });
    await app.init();
    return new TestApp(app, config, database);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get db(): Database {
    return this.app.get(Database);
  }

  get users(): UsersService {
    return this.app.get(UsersService);
  }

  /** Creates a user directly through the service (no HTTP) and returns its bearer token. */
  async tokenFor(role: Role, username = `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
    await this.users.create(null, { username, password: TEST_PASSWORD, role, is_active: true });
    const res = await this.http.post('/login').send({ username, password: TEST_PASSWORD }).expect(200);
    return res.body.access_token as string;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
