import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { In } from 'typeorm';
import { Actor, Role, roleAtLeast } from '../common/actor';
import { forbidden, notFound } from '../common/errors/domain-error';
import { Database } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import { ConnectorJob, ConnectorJobMode } from './connector-job.entity';
import type { ConnectorJobDto, ConnectorJobSummaryDto } from './dto/connector-job.dto';
import type { ConnectorProvider } from './framework/connector';
import { ConnectorRegistry } from './framework/connector-registry';
import { failureToast, runLogLines, runToast } from './framework/connector-report';
import { ConnectorRunFailure, ConnectorRunner, ConnectorRunResult } from './framework/connector-runner';
import { publicOptions, scrub, scrubDeep, secretValues } from './framework/secrets';

export const INTERRUPTED_LINE = 'Connector failed: interrupted by a restart.';

/** How often a PostgreSQL instance refreshes the heartbeat of the jobs it runs and looks for abandoned ones. */
export const JOB_HEARTBEAT_SECONDS = 5;
/** A job whose heartbeat is older than this belongs to a process that has gone (four missed beats). */
export const JOB_STALE_SECONDS = 20;

// The database clock stamps and judges heartbeats, so instances on hosts with skewed clocks agree.
const PG_NOW = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;
const PG_STALE_CUTOFF = `to_char((now() - make_interval(secs => ${JOB_STALE_SECONDS})) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

const stamp = (line: string) => `${nowText()} ${line}`;

function summaryDto(job: ConnectorJob): ConnectorJobSummaryDto {
  return {
    id: job.id,
    connector: job.connector,
    mode: job.mode,
    state: job.state,
    requested_by: job.requestedBy,
    requested_by_username: job.requestedByUsername,
    created_at: job.createdAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
  };
}

/** The job result of a finished run: what the UI and API show (secrets are scrubbed by the caller). */
function resultOf(provider: ConnectorProvider<any>, options: Record<string, unknown>, run: ConnectorRunResult): Record<string, unknown> {
  const result: Record<string, unknown> = {
    options,
    toast: runToast(provider, run),
    counts: { hosts: run.bundle.data.hosts.length, ip_assets: run.bundle.data.ip_assets.length },
    connector_warnings: run.connectorWarnings,
  };
  if (run.mode === 'file') result.bundle = run.bundle;
  if (run.outcome) {
    const { summary, errors, warnings, plan, applied } = run.outcome;
    Object.assign(result, { summary, errors, warnings, plan, applied });
  }
  return result;
}

/**
 * Connector runs started over HTTP, persisted in `connector_jobs` (decision UI5): queued → running →
 * succeeded | failed, with a timestamped log and the result. The run itself happens in this process after
 * the request has been answered; the remote call is never made inside a transaction.
 */
@Injectable()
export class ConnectorJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Connectors');
  /** Runs of this process still going: awaited by `drain` (tests, shutdown). */
  private readonly active = new Set<Promise<void>>();
  /** Ids of the jobs this process has queued or is running: the ones it keeps a heartbeat for. */
  private readonly ownIds = new Set<number>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly registry: ConnectorRegistry,
    private readonly runner: ConnectorRunner,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  /**
   * A job left queued or running by a process that has gone is marked failed. Only the HTTP server does this
   * (the CLI boots the same module but must not touch a running server's jobs).
   *
   * SQLite allows one server per database file, so at boot every unfinished job is an orphan. Several
   * instances may share one PostgreSQL database, so there each instance keeps a heartbeat on the jobs it runs
   * and fails only jobs whose heartbeat went stale — at boot and then periodically, because a job of an
   * instance killed a moment ago still looks alive when the replacement starts.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.adapterHost?.httpAdapter) return;
    await this.failOrphans();
    if (this.db.isSqlite) return;
    this.heartbeat = setInterval(() => void this.beat(), JOB_HEARTBEAT_SECONDS * 1000);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  /** Marks abandoned jobs failed (see onApplicationBootstrap); returns how many. */
  async failOrphans(): Promise<number> {
    const failed = this.db.isSqlite ? await this.failAllUnfinished() : await this.failStale();
    if (failed) this.logger.warn(`Marked ${failed} interrupted connector job(s) as failed.`);
    return failed;
  }

  private failAllUnfinished(): Promise<number> {
    return this.db.transaction(async (em) => {
      const orphans = await em.find(ConnectorJob, { where: { state: In(['queued', 'running']) }, select: { id: true, log: true } });
      const now = nowText();
      for (const job of orphans) {
        const log = job.log ? `${job.log}\n${stamp(INTERRUPTED_LINE)}` : stamp(INTERRUPTED_LINE);
        await em.update(ConnectorJob, { id: job.id }, { state: 'failed', finishedAt: now, log });
      }
      return orphans.length;
    });
  }

  /**
   * One statement, so two instances sweeping at once fail (and log) each job once. A queued job has no
   * heartbeat yet: its creation time stands in for it.
   */
  private async failStale(): Promise<number> {
    const line = stamp(INTERRUPTED_LINE);
    const rows = (await this.db.transaction((em) =>
      em.query(
        `UPDATE connector_jobs
            SET state = 'failed', finished_at = $1, log = CASE WHEN log = '' THEN $2 ELSE log || chr(10) || $2 END
          WHERE state IN ('queued', 'running') AND COALESCE(heartbeat_at, created_at) < ${PG_STALE_CUTOFF}
          RETURNING id`,
        [nowText(), line],
      ),
    )) as [unknown[], number] | unknown[];
    // The pg driver answers an UPDATE … RETURNING with [rows, affected count].
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }

  /** PostgreSQL only: refresh this process's jobs, then fail the ones nobody refreshes any more. */
  private async beat(): Promise<void> {
    try {
      if (this.ownIds.size > 0) {
        const ids = [...this.ownIds];
        await this.db.transaction((em) => em.query(`UPDATE connector_jobs SET heartbeat_at = ${PG_NOW} WHERE id = ANY($1::int[]) AND state IN ('queued', 'running')`, [ids]));
      }
      await this.failOrphans();
    } catch (error) {
      // The database is unreachable or shutting down: the next beat tries again.
      this.logger.error(`Connector job heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** Validates the request, records the job and schedules the run. Apply needs Editor (decision A1). */
  async start(name: string, body: unknown, actor: Actor | null): Promise<{ job_id: number }> {
    const provider = this.registry.get(name);
    const options = await this.registry.parseOptions<{ mode: ConnectorJobMode } & Record<string, unknown>>(provider, body);
    if (options.mode === 'apply' && !(actor && roleAtLeast(actor.role, Role.Editor))) throw forbidden();
    const stored = publicOptions(options, provider.secretFields);
    const job = await this.db.transaction((em) =>
      em.save(
        em.create(ConnectorJob, {
          connector: provider.name,
          mode: options.mode,
          state: 'queued',
          requestedBy: actor?.id ?? null,
          requestedByUsername: actor?.username ?? null,
          createdAt: nowText(),
          log: stamp(`Job queued (mode ${options.mode}).`),
          result: JSON.stringify({ options: stored }),
        }),
      ),
    );
    // After the response: the caller gets its job id at once and polls the job.
    this.ownIds.add(job.id);
    const run = new Promise<void>((resolve) => setImmediate(() => void this.execute(job.id, provider, options, stored, actor).finally(resolve)));
    this.active.add(run);
    void run.finally(() => {
      this.active.delete(run);
      this.ownIds.delete(job.id);
    });
    return { job_id: job.id };
  }

  /** Resolves when every run this process started has finished (used by tests and graceful shutdown). */
  async drain(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private async execute(id: number, provider: ConnectorProvider<any>, options: { mode: ConnectorJobMode } & Record<string, unknown>, stored: Record<string, unknown>, actor: Actor | null): Promise<void> {
    const secrets = secretValues(options, provider.secretFields);
    const lines: string[] = [];
    const clean = (text: string) => scrub(text, secrets);
    try {
      await this.db.transaction(async (em) => {
        const job = await em.findOneByOrFail(ConnectorJob, { id });
        await em.update(ConnectorJob, { id }, { state: 'running', startedAt: nowText(), log: `${job.log}\n${stamp(`Job started: ${provider.label} ${options.mode}.`)}` });
        if (!this.db.isSqlite) await em.query(`UPDATE connector_jobs SET heartbeat_at = ${PG_NOW} WHERE id = $1`, [id]);
      });
      let state: 'succeeded' | 'failed';
      let result: Record<string, unknown>;
      try {
        const run = await this.runner.run(provider, options, options.mode, actor);
        lines.push(...runLogLines(provider, run).map(stamp));
        state = 'succeeded';
        result = resultOf(provider, stored, run);
      } catch (error) {
        // Any exception fails the job with its message (§0.6: the original left such jobs running forever).
        const message = error instanceof ConnectorRunFailure ? error.message : clean(error instanceof Error ? error.message : String(error));
        lines.push(stamp(`Connector failed: ${message}`));
        state = 'failed';
        result = { options: stored, error: message, toast: failureToast(provider) };
      }
      lines.push(stamp(`Job ${state}.`));
      const log = lines.map(clean).join('\n');
      const resultText = JSON.stringify(scrubDeep(result, secrets));
      await this.db.transaction(async (em) => {
        const job = await em.findOneByOrFail(ConnectorJob, { id });
        await em.update(ConnectorJob, { id }, { state, finishedAt: nowText(), log: `${job.log}\n${log}`, result: resultText });
      });
    } catch (error) {
      // The database went away (shutdown): the next start marks the job as interrupted.
      this.logger.error(`Connector job ${id} could not be recorded: ${clean((error as Error).message)}`);
    }
  }

  async get(id: number): Promise<ConnectorJobDto> {
    const job = await this.db.reader.findOneBy(ConnectorJob, { id });
    if (!job) throw notFound('Connector job not found.');
    return { ...summaryDto(job), log: job.log ? job.log.split('\n') : [], result: job.result ? (JSON.parse(job.result) as Record<string, unknown>) : null };
  }

  async list(filter: { connector?: string; limit: number; offset: number }): Promise<{ items: ConnectorJobSummaryDto[]; total: number }> {
    const qb = this.db.reader
      .createQueryBuilder(ConnectorJob, 'job')
      .select(['job.id', 'job.connector', 'job.mode', 'job.state', 'job.requestedBy', 'job.requestedByUsername', 'job.createdAt', 'job.startedAt', 'job.finishedAt'])
      .orderBy('job.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.connector) qb.where('job.connector = :connector', { connector: filter.connector });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(summaryDto), total };
  }
}
