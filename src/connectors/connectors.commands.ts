import * as fs from 'node:fs';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { Actor, Role } from '../common/actor';
import { readStdin } from '../cli/read-stdin';
import { UsersService } from '../users/users.service';
import { RUN_MODES, RunMode } from './framework/connector';
import { bundleText } from './framework/connector-bundle';
import { ConnectorRegistry } from './framework/connector-registry';
import { perIpLine } from './framework/connector-report';
import { ConnectorRunner, ConnectorRunResult } from './framework/connector-runner';
import { scrub } from './framework/secrets';

/** A mistake in the command line: `error: <message>` on stderr, exit status 2 (argparse style, §0.7). */
class UsageError extends Error {}

interface CommonFlags {
  mode?: string;
  output?: string;
  as?: string;
}

/**
 * The shared body of `ipocket connector <name>`: flags → the connector's options DTO (same validation as the
 * API) → the same runner the jobs use, in-process against the configured database → the CLI report of
 * connectors.md §0.7 (plus the per-IP diff of a Prometheus dry-run).
 */
@Injectable()
abstract class ConnectorCliCommand<F extends CommonFlags> extends CommandRunner {
  protected abstract readonly connector: string;

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly runner: ConnectorRunner,
    private readonly users: UsersService,
  ) {
    super();
  }

  /** The flags as the connector's options body (snake_case fields, as the API takes them). */
  protected abstract toBody(flags: F): Promise<Record<string, unknown>>;

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

  async run(_args: string[], flags: F): Promise<void> {
    let secrets: string[] = [];
    try {
      const provider = this.registry.get(this.connector);
      const mode = (flags.mode ?? 'file') as RunMode;
      if (!RUN_MODES.includes(mode)) throw new UsageError(`argument --mode: invalid choice: '${flags.mode}' (choose from 'file', 'dry-run', 'apply')`);
      if (mode === 'file' && !flags.output) throw new UsageError('--output is required when --mode=file');
      const body: Record<string, unknown> = { ...(await this.toBody(flags)), mode };
      secrets = provider.secretFields.map((f) => body[f]).filter((v): v is string => typeof v === 'string' && v !== '');
      let options: object;
      try {
        options = await this.registry.parseOptions(provider, body, 'option');
      } catch (error) {
        if (!(error instanceof UnprocessableEntityException)) throw error;
        const detail = (error.getResponse() as { detail: { msg: string }[] }).detail;
        throw new UsageError(detail.map((d) => d.msg).join(' '));
      }
      const actor = await this.actor(flags.as, mode);
      const result = await this.runner.run(provider, options, mode, actor, 100);
      this.report(result, flags.output);
    } catch (error) {
      const message = scrub(error instanceof Error ? error.message : String(error), secrets);
      console.error(`error: ${message}`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    }
  }

  private report(result: ConnectorRunResult, output: string | undefined): void {
    const lines: string[] = [];
    const writeBundle = () => {
      if (!output) return;
      fs.writeFileSync(output, bundleText(result.bundle));
      lines.push(`Bundle written to ${output}`);
    };
    // vCenter writes the bundle first; Prometheus after its collection lines (§1.6, §2.7).
    if (this.connector === 'vcenter') writeBundle();
    lines.push(...(result.collection.cliLines ?? result.collection.log));
    if (result.connectorWarnings.length) lines.push('Warnings:', ...result.connectorWarnings.map((w) => `- ${w}`));
    if (this.connector !== 'vcenter') writeBundle();
    const outcome = result.outcome;
    if (outcome) {
      if (result.mode === 'dry-run' && outcome.plan.records.length) {
        const notesKept = new Map(result.bundle.data.ip_assets.map((a) => [a.ip_address, a.notes !== undefined && a.preserve_existing_notes === true]));
        lines.push('Dry-run per-IP change details:', ...outcome.plan.records.map((r) => perIpLine(r, notesKept.get(r.ip_address) ?? false)));
        if (outcome.plan.truncated) lines.push(`- Dry-run detail truncated: ${outcome.plan.total - outcome.plan.records.length} more IP(s).`);
      }
      const t = outcome.summary.total;
      lines.push(`ipocket import mode: ${result.mode}`, `Import summary: create=${t.would_create}, update=${t.would_update}, skip=${t.would_skip}`);
      if (outcome.errors.length) lines.push('Import errors:', ...outcome.errors.map((e) => `- ${e.location}: ${e.message}`));
      if (outcome.warnings.length) lines.push('Import warnings:', ...outcome.warnings.map((w) => `- ${w.location}: ${w.message}`));
    }
    console.log(lines.join('\n'));
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

interface PrometheusFlags extends CommonFlags {
  prometheusUrl?: string;
  query?: string;
  ipLabel?: string;
  assetType?: string;
  projectName?: string;
  project?: string;
  tags?: string;
  token?: string;
  insecure?: boolean;
  timeout?: string;
}

@SubCommand({ name: 'prometheus', description: 'import the IPv4 addresses found in one label of a PromQL query' })
export class PrometheusConnectorCommand extends ConnectorCliCommand<PrometheusFlags> {
  protected readonly connector = 'prometheus';

  @Option({ flags: '--prometheus-url <url>', description: 'Prometheus base URL (required)' })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--query <promql>', description: 'instant query (required)' })
  parseQuery(value: string): string {
    return value;
  }

  @Option({ flags: '--ip-label <label>', description: 'label holding the address, host:port accepted (required)' })
  parseIpLabel(value: string): string {
    return value;
  }

  @Option({ flags: '--asset-type <type>', description: 'OS, BMC, VM, VIP or OTHER (default OTHER)' })
  parseAssetType(value: string): string {
    return value;
  }

  @Option({ flags: '--project-name <name>', description: 'an existing project for the addresses' })
  parseProjectName(value: string): string {
    return value;
  }

  @Option({ flags: '--project <name>', description: 'same as --project-name' })
  parseProject(value: string): string {
    return value;
  }

  @Option({ flags: '--tags <a,b>', description: 'comma-separated tags (replace the tags of existing addresses)' })
  parseTags(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'bearer token, or user:password for Basic auth' })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--insecure', description: 'skip TLS certificate verification' })
  parseInsecure(): boolean {
    return true;
  }

  @Option({ flags: '--timeout <seconds>', description: 'request timeout (default 30)' })
  parseTimeout(value: string): string {
    return value;
  }

  protected async toBody(f: PrometheusFlags): Promise<Record<string, unknown>> {
    for (const [flag, value] of [['--prometheus-url', f.prometheusUrl], ['--query', f.query], ['--ip-label', f.ipLabel]] as const) {
      if (value === undefined) throw new UsageError(`the following arguments are required: ${flag}`);
    }
    const body: Record<string, unknown> = { prometheus_url: f.prometheusUrl, query: f.query, ip_label: f.ipLabel, insecure: f.insecure === true };
    if (f.assetType !== undefined) body.asset_type = f.assetType;
    const project = f.projectName ?? f.project;
    if (project !== undefined && project.trim() !== '') body.project_name = project;
    if (f.tags !== undefined) body.tags = f.tags;
    if (f.token !== undefined) body.token = f.token;
    if (f.timeout !== undefined) body.timeout = f.timeout;
    return body;
  }
}

interface VcenterFlags extends CommonFlags {
  server?: string;
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  port?: string;
  insecure?: boolean;
}

@SubCommand({ name: 'vcenter', description: 'import ESXi hosts and VM guest addresses from vCenter (SOAP /sdk)' })
export class VcenterConnectorCommand extends ConnectorCliCommand<VcenterFlags> {
  protected readonly connector = 'vcenter';

  @Option({ flags: '--server <host>', description: 'vCenter host name or IP (required)' })
  parseServer(value: string): string {
    return value;
  }

  @Option({ flags: '--username <name>', description: 'vCenter user (required)' })
  parseUsername(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'vCenter password (visible in the process list: prefer --password-stdin)' })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--password-stdin', description: 'read the password from standard input' })
  parsePasswordStdin(): boolean {
    return true;
  }

  @Option({ flags: '--port <port>', description: 'HTTPS port (default 443)' })
  parsePort(value: string): string {
    return value;
  }

  @Option({ flags: '--insecure', description: 'skip TLS certificate verification' })
  parseInsecure(): boolean {
    return true;
  }

  protected async toBody(f: VcenterFlags): Promise<Record<string, unknown>> {
    const password = f.password ?? (f.passwordStdin ? await readStdin() : undefined);
    for (const [flag, value] of [['--server', f.server], ['--username', f.username], ['--password', password]] as const) {
      if (value === undefined) throw new UsageError(`the following arguments are required: ${flag}`);
    }
    const body: Record<string, unknown> = { server: f.server, username: f.username, password, insecure: f.insecure === true };
    if (f.port !== undefined) body.port = f.port;
    return body;
  }
}

@Command({ name: 'connector', description: 'pull addresses from an external system (prometheus, vcenter)', subCommands: [PrometheusConnectorCommand, VcenterConnectorCommand] })
export class ConnectorCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

/** Registered by the CLI module (src/cli/cli.module.ts). */
export const CONNECTOR_COMMANDS = [ConnectorCommand, PrometheusConnectorCommand, VcenterConnectorCommand];
