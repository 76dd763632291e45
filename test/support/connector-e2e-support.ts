import { Module } from '@nestjs/common';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { CONNECTOR_COMMANDS } from '../../src/connectors/connectors.commands';
import { DOMAIN_MODULES } from '../../src/domain.modules';
import { ConfigModule } from '../../src/infra/config/config.module';
import { DatabaseModule } from '../../src/infra/database/database.module';
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
