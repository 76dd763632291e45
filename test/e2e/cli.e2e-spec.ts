import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '../../src/infra/config/app-config';
import { createApp } from '../../src/infra/http/create-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { bearer } from '../support/test-app';
import { buildOnce, childEnv, CLI_JS, runNode } from '../support/platform-build';

// Every command boots the Nest application context: a few seconds each on a busy machine.
jest.setTimeout(120_000);

/** The built `ipocket` binary (package.json `bin`) against the same database the HTTP app uses. */
describe('ipocket CLI', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let app: NestExpressApplication;
  const ipocket = (args: string[], input = '') => runNode(CLI_JS, args, env, input);
  const login = (username: string, password: string) => request(app.getHttpServer()).post('/login').send({ username, password });

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase();
    env = childEnv(database.env);
    // The CLI runs the migrations itself: the HTTP app starts only afterwards, on the same database.
    const migrate = await ipocket(['migrate']);
    expect(migrate).toMatchObject({ status: 0 });
    expect(migrate.stdout).toMatch(/Database is up to date: \d+ migration\(s\) applied/);
    app = await createApp(loadConfig({ NODE_ENV: 'test', ...database.env }), { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists its commands in --help', async () => {
    const help = await ipocket(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
    expect(help.stdout).toMatch(/\bmigrate\b/);
    expect(help.stdout).toMatch(/\buser\b/);
    const userHelp = await ipocket(['user', '--help']);
    expect(userHelp.status).toBe(0);
    for (const command of ['create', 'list', 'set-password', 'deactivate']) expect(userHelp.stdout).toContain(command);
  });

  it('creates a user who can then log in over HTTP, and refuses a duplicate', async () => {
    const created = await ipocket(['user', 'create', 'carol', '--role', 'Editor', '--password-stdin'], 'carol-password-1\n');
    expect(created).toMatchObject({ status: 0, stdout: expect.stringMatching(/Created user carol \(id \d+, role Editor\)/) });
    const res = await login('carol', 'carol-password-1').expect(200);
    expect(res.body.token_type).toBe('bearer');

    const again = await ipocket(['user', 'create', 'carol', '--role', 'Editor', '--password', 'another-password']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('User already exists.');
  });

  it('explains bad input instead of crashing', async () => {
    const [badRole, noPassword, unknown] = await Promise.all([
      ipocket(['user', 'create', 'dave', '--role', 'Boss', '--password', 'dave-password-1']),
      ipocket(['user', 'create', 'dave']),
      ipocket(['user', 'deactivate', 'nobody-here']),
    ]);
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toMatch(/role/);
    expect(noPassword.status).toBe(1);
    expect(noPassword.stderr).toContain('--password');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('User "nobody-here" not found.');
    expect(`${badRole.stderr}${noPassword.stderr}${unknown.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('lists users with role and state', async () => {
    await ipocket(['user', 'create', 'erin', '--role', 'Viewer', '--password', 'erin-password-1', '--inactive']);
    const list = await ipocket(['user', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^\d+\tcarol\tEditor\tactive$/m);
    expect(list.stdout).toMatch(/^\d+\terin\tViewer\tinactive$/m);
  });

  it('set-password replaces the password and ends the running sessions', async () => {
    await ipocket(['user', 'create', 'frank', '--role', 'Viewer', '--password', 'frank-password-1']);
    const token = (await login('frank', 'frank-password-1').expect(200)).body.access_token as string;
    const changed = await ipocket(['user', 'set-password', 'frank', '--password-stdin'], 'frank-password-2\n');
    expect(changed.status).toBe(0);
    await login('frank', 'frank-password-1').expect(401);
    await login('frank', 'frank-password-2').expect(200);
    await request(app.getHttpServer()).get('/audit-log').set(bearer(token)).expect(401);

    const tooShort = await ipocket(['user', 'set-password', 'frank', '--password', 'short']);
    expect(tooShort.status).toBe(1);
    await login('frank', 'frank-password-2').expect(200);
  });

  it('deactivate stops logins and existing tokens', async () => {
    await ipocket(['user', 'create', 'gina', '--role', 'Editor', '--password', 'gina-password-1']);
    const token = (await login('gina', 'gina-password-1').expect(200)).body.access_token as string;
    const result = await ipocket(['user', 'deactivate', 'gina']);
    expect(result).toMatchObject({ status: 0, stdout: expect.stringContaining('Deactivated gina.') });
    const refused = await login('gina', 'gina-password-1').expect(401);
    expect(refused.body).toEqual({ detail: 'Unauthorized' });
    await request(app.getHttpServer()).get('/audit-log').set(bearer(token)).expect(401);
  });
});
