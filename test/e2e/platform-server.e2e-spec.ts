import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';
import { buildOnce, childEnv, freePort, MAIN_JS, ROOT, runNode, stripAnsi } from '../support/platform-build';

jest.setTimeout(120_000);

/** A real `node dist/src/main.js`, started the way `npm start` does, stopped with SIGTERM. */
class ServerProcess {
  private output = '';
  private exited: Promise<{ code: number | null; signal: string | null }>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly url: string,
  ) {
    child.stdout.on('data', (chunk) => (this.output += chunk));
    child.stderr.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN_JS], { cwd: ROOT, env: { ...env, HOST: '127.0.0.1', PORT: String(port) } });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    await server.waitFor(/ipocket is running at (\S+)/);
    return server;
  }

  get log(): string {
    return stripAnsi(this.output);
  }

  /** Resolves with the first match in the combined output; fails if the process exits first. */
  async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    let stopped = false;
    void this.exited.then(() => (stopped = true));
    for (;;) {
      const match = this.log.match(pattern);
      if (match) return match;
      if (stopped) throw new Error(`server exited before printing ${pattern}:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  /** SIGTERM; Nest's shutdown hooks close the database, then re-raise the signal (or exit 0). */
  async stop(): Promise<boolean> {
    this.child.kill('SIGTERM');
    const { code, signal } = await this.exited;
    return code === 0 || signal === 'SIGTERM';
  }
}

const json = (token: string | null, body?: unknown): RequestInit => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('the server process', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('starts on a fresh database, prints the first admin login, and keeps data and sessions across a restart', async () => {
    // Not NODE_ENV=test: the first start must behave as `npm start` does for a new user.
    const env = childEnv({ ...database.env, NODE_ENV: 'development' });
    server = await ServerProcess.start(env);
    expect(server.log).toContain(`ipocket is running at ${server.url}/`);

    const health = await server.fetch('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    if (!usingPostgres()) expect(fs.existsSync(database.env.IPAM_DB_PATH)).toBe(true);

    const [, password] = await server.waitFor(/created user "admin" with password "([^"]+)"/);
    const login = await server.fetch('/login', json(null, { username: 'admin', password }));
    expect(login.status).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const created = await server.fetch('/users', json(token, { username: 'kept-user', password: 'kept-password-1', role: 'Viewer' }));
    expect(created.status).toBe(200);

    expect(await server.stop()).toBe(true);
    server = await ServerProcess.start(env);
    // The user table is no longer empty: no second generated password.
    expect(server.log).not.toMatch(/created user "admin"/);

    const users = await server.fetch('/users', json(token));
    expect(users.status).toBe(200);
    expect(((await users.json()) as { username: string }[]).map((u) => u.username).sort()).toEqual(['admin', 'kept-user']);
    const again = await server.fetch('/login', json(null, { username: 'kept-user', password: 'kept-password-1' }));
    expect(again.status).toBe(200);
    expect(await server.stop()).toBe(true);
    server = undefined;
  });

  it.each([
    ['PORT', 'abc'],
    ['IPOCKET_PUBLIC_READ', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['IPOCKET_SESSION_TTL_HOURS', '0'],
  ])('refuses to start when %s=%s, naming the variable', async (name, value) => {
    const result = await runNode(MAIN_JS, [], childEnv({ ...database.env, [name]: value }));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Invalid configuration: ${name}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
