import * as fs from 'node:fs';
import { Injectable, Type, UnprocessableEntityException } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { Actor, Role } from '../../common/actor';
import { UsersService } from '../../users/users.service';
import { ConnectorBundle, ConnectorError, RUN_MODES, RunMode } from './connector';
import { bundleText } from './connector-bundle';
import { ConnectorRegistry } from './connector-registry';
import { perIpLine } from './connector-report';
import { ConnectorRunner, ConnectorRunResult } from './connector-runner';
import { scrub } from './secrets';

/** A mistake in the command line: `error: <message>` on stderr, exit status 2 (argparse style, §0.7). */
export class UsageError extends Error {}

/** One flag of `ipocket connector <name>`; `field` is the options field it fills (commander's camelCase key otherwise). */
export interface ConnectorFlag {
  /** Commander syntax: `--api-url <url>` takes a value, `--insecure` is a switch. */
  flags: string;
  description: string;
  field?: string;
  required?: boolean;
}

/**
 * A connector's command line (connectors.md §0.7). Two output families exist: `classic` (vCenter, Prometheus,
 * Elasticsearch: `Warnings:` block, bundle written whenever `--output` is given, connector errors on stderr,
 * import errors exit 0) and `summary` (Kubernetes, Ceph, Cassandra: `Warning:` lines, bundle only in file mode
 * with the connector's own line, `Connector failed:` on stdout, import errors exit 1).
 */
export interface ConnectorCliSpec {
  name: string;
  description: string;
  flags: readonly ConnectorFlag[];
  family: 'classic' | 'summary';
  /** Checks and flags that are more than a field copy (stdin passwords, flag combinations): throw UsageError. */
  prepare?: (flags: Record<string, unknown>, body: Record<string, unknown>) => Promise<void> | void;
  /** The line after writing the bundle (summary family), e.g. `Wrote Ceph import bundle with … to <path>`. */
  fileLine?: (bundle: ConnectorBundle, path: string) => string;
}

/** A failure of the remote side, reported the way the family prints it. */
class ConnectorFailed extends Error {}

const camel = (long: string) => long.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const longName = (flags: string) => flags.split(/[ ,]/)[0];

/**
 * The shared body of `ipocket connector <name>`: flags → the connector's options DTO (same validation as the
 * API) → the same runner the jobs use, in-process against the configured database → the report of §0.7.
 */
@Injectable()
abstract class ConnectorCliCommand extends CommandRunner {
  protected abstract readonly spec: ConnectorCliSpec;

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly runner: ConnectorRunner,
    private readonly users: UsersService,
  ) {
    super();
  }

  @Option({ flags: '--mode <mode>', description: 'file (write the bundle), dry-run or apply (default file)' })
  parseMode(value: string): string {
    return value;
  }

  @Option({ flags: '--output <path>', description: 'write the bundle JSON here (required with --mode file)' })
  parseOutput(value: string): string {
    return value;
  }

  @Option({ flags: '--as <username>', description: 'the user recorded in the audit log (Editor or Admin to apply)' })
  parseAs(value: string): string {
    return value;
  }

  // Applied by src/cli.ts before the database opens (src/cli/connector-db-path.ts); declared so commander knows it.
  @Option({ flags: '--db-path <path>', description: 'SQLite file to use instead of IPAM_DB_PATH (not with DATABASE_URL)' })
  parseDbPath(value: string): string {
    return value;
  }

  async run(_args: string[], flags: Record<string, unknown>): Promise<void> {
    let secrets: string[] = [];
    try {
      const provider = this.registry.get(this.spec.name);
      const mode = (flags.mode ?? 'file') as RunMode;
      if (!RUN_MODES.includes(mode)) throw new UsageError(`argument --mode: invalid choice: '${String(flags.mode)}' (choose from 'file', 'dry-run', 'apply')`);
      if (mode === 'file' && !flags.output) throw new UsageError('--output is required when --mode=file');
      const body = await this.toBody(flags);
      body.mode = mode;
      secrets = provider.secretFields.map((f) => body[f]).filter((v): v is string => typeof v === 'string' && v !== '');
      let options: object;
      try {
        options = await this.registry.parseOptions(provider, body, 'option');
      } catch (error) {
        if (!(error instanceof UnprocessableEntityException)) throw error;
        const detail = (error.getResponse() as { detail: { msg: string }[] }).detail;
        throw new UsageError([...new Set(detail.map((d) => d.msg))].join(' '));
      }
      const actor = await this.actor(flags.as as string | undefined, mode);
      let result: ConnectorRunResult;
      try {
        result = await this.runner.run(provider, options, mode, actor, 100);
      } catch (error) {
        throw new ConnectorFailed((error as Error).message);
      }
      const { lines, failed } = this.spec.family === 'classic' ? classicReport(result, provider.reportsPerIpDiff, flags.output as string | undefined) : summaryReport(result, this.spec, flags.output as string | undefined);
      console.log(lines.join('\n'));
      if (failed) process.exitCode = 1;
    } catch (error) {
      const message = scrub(error instanceof Error ? error.message : String(error), secrets);
      // A spec's `prepare` may find the remote side unusable before any call (Cassandra's empty contact list).
      const connectorFailed = error instanceof ConnectorFailed || error instanceof ConnectorError;
      if (connectorFailed && this.spec.family === 'summary') console.log(`Connector failed: ${message}`);
      else console.error(`error: ${message}`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    }
  }

  /** The flags as the connector's options body (snake_case fields, as the API takes them). */
  private async toBody(flags: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body: Record<string, unknown> = {};
    for (const flag of this.spec.flags) {
      const long = longName(flag.flags);
      const value = flags[camel(long)];
      if (value === undefined) {
        if (flag.required) throw new UsageError(`the following arguments are required: ${long}`);
        continue;
      }
      // An alias (`--project` for `--project-name`) never overrides the flag it stands for.
      if (flag.field && body[flag.field] === undefined) body[flag.field] = value;
    }
    await this.spec.prepare?.(flags, body);
    return body;
  }

  private async actor(username: string | undefined, mode: RunMode): Promise<Actor | null> {
    if (username === undefined) return null;
    try {
      return await this.users.actorByUsername(username, mode === 'apply' ? Role.Editor : Role.Viewer);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
}

function summaryBlock(result: ConnectorRunResult): string[] {
  const outcome = result.outcome!;
  const t = outcome.summary.total;
  const lines = [`Import summary: create=${t.would_create}, update=${t.would_update}, skip=${t.would_skip}`];
  if (outcome.errors.length) lines.push('Import errors:', ...outcome.errors.map((e) => `- ${e.location}: ${e.message}`));
  if (outcome.warnings.length) lines.push('Import warnings:', ...outcome.warnings.map((w) => `- ${w.location}: ${w.message}`));
  return lines;
}

/** vCenter, Prometheus, Elasticsearch (§1.6, §2.7, §3.5). */
function classicReport(result: ConnectorRunResult, perIpDiff: boolean, output: string | undefined): { lines: string[]; failed: boolean } {
  const lines: string[] = [];
  const writeBundle = () => {
    if (!output) return;
    fs.writeFileSync(output, bundleText(result.bundle));
    lines.push(`Bundle written to ${output}`);
  };
  // vCenter writes the bundle first; the others after their collection lines.
  if (result.connector === 'vcenter') writeBundle();
  lines.push(...(result.collection.cliLines ?? result.collection.log));
  if (result.connectorWarnings.length) lines.push('Warnings:', ...result.connectorWarnings.map((w) => `- ${w}`));
  if (result.connector !== 'vcenter') writeBundle();
  const outcome = result.outcome;
  if (outcome) {
    if (result.mode === 'dry-run' && perIpDiff && outcome.plan.records.length) {
      const notesKept = new Map(result.bundle.data.ip_assets.map((a) => [a.ip_address, a.notes !== undefined && a.preserve_existing_notes === true]));
      lines.push('Dry-run per-IP change details:', ...outcome.plan.records.map((r) => perIpLine(r, notesKept.get(r.ip_address) ?? false)));
      if (outcome.plan.truncated) lines.push(`- Dry-run detail truncated: ${outcome.plan.total - outcome.plan.records.length} more IP(s).`);
    }
    lines.push(`ipocket import mode: ${result.mode}`, ...summaryBlock(result));
  }
  return { lines, failed: false };
}

/** Kubernetes, Ceph, Cassandra (§4.6, §5.6, §6.5): import errors fail the command. */
function summaryReport(result: ConnectorRunResult, spec: ConnectorCliSpec, output: string | undefined): { lines: string[]; failed: boolean } {
  const lines = result.connectorWarnings.map((w) => `Warning: ${w}`);
  if (result.mode === 'file') {
    fs.writeFileSync(output!, bundleText(result.bundle));
    lines.push(spec.fileLine ? spec.fileLine(result.bundle, output!) : `Bundle written to ${output}`);
    return { lines, failed: false };
  }
  lines.push(...summaryBlock(result));
  return { lines, failed: result.outcome!.errors.length > 0 };
}

/**
 * Builds the nest-commander sub-command class of one connector from its spec, so a new connector needs no
 * command code of its own. nest-commander finds a command's options by class name, hence the unique name.
 */
export function connectorSubCommand(spec: ConnectorCliSpec): Type<CommandRunner> {
  @SubCommand({ name: spec.name, description: spec.description })
  class Command extends ConnectorCliCommand {
    protected readonly spec = spec;
  }
  Object.defineProperty(Command, 'name', { value: `${camel(`--${spec.name}`).replace(/^./, (c) => c.toUpperCase())}ConnectorCommand` });
  for (const flag of spec.flags) {
    const takesValue = /[<[]/.test(flag.flags);
    const method = `parse_${camel(longName(flag.flags))}`;
    const parse = takesValue ? (value: string) => value : () => true;
    Object.defineProperty(Command.prototype, method, { value: parse, writable: true, configurable: true });
    Option({ flags: flag.flags, description: flag.description })(Command.prototype, method, Object.getOwnPropertyDescriptor(Command.prototype, method)!);
  }
  return Command;
}
