import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { CONNECTOR_COMMANDS } from '../../src/connectors/connectors.commands';
import { DOMAIN_MODULES } from '../../src/domain.modules';
import { ConfigModule } from '../../src/infra/config/config.module';
import { Role } from '../../src/common/actor';
import { DatabaseModule } from '../../src/infra/database/database.module';
import { RemoteServer, startRemoteServer } from './remote-server';
import { bearer, TestApp } from './test-app';

/** What `ipocket connector …` printed and its exit status. */
export interface CliRun {
  out: string;
  err: string;
  code: number;
}

/**
 * Runs `ipocket connector <args>` in-process the way src/cli.ts boots it (config, database, domain modules,
 * connector commands) against the test app's database, capturing stdout, stderr and the exit status.
 */
export async function runConnectorCli(t: TestApp, ...args: string[]): Promise<CliRun> {
  @Module({})
  class ConnectorCliRunModule {}
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
  const previous = process.exitCode;
  process.exitCode = 0;
  const app = await CommandFactory.createWithoutRunning(
    { module: ConnectorCliRunModule, imports: [ConfigModule.forRoot(t.config), DatabaseModule, ...DOMAIN_MODULES], providers: [...CONNECTOR_COMMANDS] },
    { logger: false, cliName: 'ipocket' },
  );
  try {
    await app.get(CommandRunnerService).run(['node', 'ipocket', 'connector', ...args]);
    return { out: out.join('\n'), err: err.join('\n'), code: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = previous;
    log.mockRestore();
    error.mockRestore();
    await app.close();
  }
}

/** Starts a run over the API, waits for it and returns the finished job. */
export async function runConnectorJob(t: TestApp, name: string, token: string, body: object): Promise<any> {
  const started = await t.http.post(`/connectors/${name}/runs`).set(bearer(token)).send(body).expect(200);
  await t.app.get(ConnectorJobsService).drain();
  return (await t.http.get(`/connectors/jobs/${started.body.job_id}`).set(bearer(token)).expect(200)).body;
}

/** A job's log lines without their `YYYY-MM-DD HH:MM:SS ` stamp. */
export const logLines = (job: { log: string[] }): string[] => job.log.map((line) => line.slice(20));

/** Every stored connector job and audit row as text: what a secret must never appear in. */
export async function storedRunText(t: TestApp): Promise<string> {
  const jobs = await t.db.reader.query('SELECT * FROM connector_jobs');
  const audit = await t.db.reader.query('SELECT * FROM audit_logs');
  return JSON.stringify([jobs, audit]);
}

/** What a connector spec against a fake remote API shares; the fields are filled in by its `beforeAll`. */
export interface ConnectorSuite {
  t: TestApp;
  editor: string;
  /** The Editor's user name, as audit rows and job owners show it. */
  editorName: string;
  viewer: string;
  /** The fake remote API over plain HTTP, and a second one over HTTPS with a self-signed certificate. */
  remote: RemoteServer;
  tlsRemote: RemoteServer;
  /** Accepts the request and never answers: for timeouts. */
  silent: RemoteServer;
  /** A scratch folder (CLI bundle files), removed afterwards. */
  dir: string;
}

export interface ConnectorSuiteSpec {
  /** Short name of the connector: the Editor is `<short>-editor`, the scratch folder `ipocket-<short>-…`. */
  short: string;
  /** A project created up front, for `project_name` options. */
  project: string;
  /** Starts the fake remote API, plain or with TLS. */
  startRemote: (tls: boolean) => Promise<RemoteServer>;
}

/**
 * Registers the `beforeAll`/`afterAll` of a connector spec: a test app with an Editor and a Viewer, the fake
 * remote API (plain and TLS), a server that never answers, a scratch folder and one project. Call it at the top
 * of the spec's `describe`; read the returned object inside tests.
 */
export function useConnectorSuite(spec: ConnectorSuiteSpec): ConnectorSuite {
  const suite = {} as ConnectorSuite;
  beforeAll(async () => {
    suite.t = await TestApp.start();
    suite.editorName = `${spec.short}-editor`;
    suite.editor = await suite.t.tokenFor(Role.Editor, suite.editorName);
    suite.viewer = await suite.t.tokenFor(Role.Viewer);
    suite.remote = await spec.startRemote(false);
    suite.tlsRemote = await spec.startRemote(true);
    suite.silent = await startRemoteServer(() => undefined);
    suite.dir = fs.mkdtempSync(path.join(os.tmpdir(), `ipocket-${spec.short}-`));
    await suite.t.http.post('/projects').set(bearer(suite.editor)).send({ name: spec.project }).expect(200);
  });
  afterAll(async () => {
    await Promise.all([suite.remote?.close(), suite.tlsRemote?.close(), suite.silent?.close()]);
    if (suite.dir) fs.rmSync(suite.dir, { recursive: true, force: true });
    await suite.t?.close();
  });
  return suite;
}
