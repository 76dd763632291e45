import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { child, childrenNamed, escapeXml } from '../../src/connectors/vcenter/soap-xml';
import { MoRef, VsphereSoapClient } from '../../src/connectors/vcenter/vsphere-soap.client';

/**
 * The vCenter simulator (govmomi's, from Debian packages) for connector tests: built once by
 * `../shared/tools/vcsim-setup.sh` into `.cache/vcsim` (or taken from $VCSIM_BIN / /tmp/vcsim), started on
 * 127.0.0.1 with a free port, and seeded with distinct addresses (vcsim-notes.md: hosts added by IP literal,
 * VM guest IPs set through ReconfigVM_Task extraConfig). Seeded addresses are loopback ones.
 */
const REPO = path.resolve(__dirname, '../..');
const SETUP = path.resolve(REPO, '../shared/tools/vcsim-setup.sh');
const CACHED = path.join(REPO, '.cache', 'vcsim');

/** The binary, building it when missing; undefined when it cannot be had here (no setup script). */
export function vcsimBinary(): string | undefined {
  for (const candidate of [process.env.VCSIM_BIN, CACHED, '/tmp/vcsim']) if (candidate && fs.existsSync(candidate)) return candidate;
  if (!fs.existsSync(SETUP)) return undefined;
  fs.mkdirSync(path.dirname(CACHED), { recursive: true });
  // Installs golang + govmomi from Debian (root) and builds: a few minutes the first time only.
  execFileSync('bash', [SETUP, CACHED], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000, env: { ...process.env, VCSIM_GOCACHE: path.join(REPO, '.cache', 'vcsim-gocache') } });
  return CACHED;
}

export class Vcsim {
  private constructor(
    private readonly process: ChildProcess,
    readonly port: number,
  ) {}

  /** Starts the simulator with vcsim flags (`-vm 3`, `-username u -password p`…) on 127.0.0.1. */
  static async start(binary: string, flags: string[] = []): Promise<Vcsim> {
    const proc = spawn(binary, ['-l', '127.0.0.1:0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      // A big inventory (-vm 5000) takes a while to build, more so on a busy machine.
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`vcsim did not start within 180 s: ${output}`));
      }, 180_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /GOVC_URL=https:\/\/[^@\s]*@127\.0\.0\.1:(\d+)\/sdk/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`vcsim exited with ${code}: ${output}`)));
    });
    return new Vcsim(proc, port);
  }

  get server(): string {
    return '127.0.0.1';
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }

  /** A logged-in SOAP session for seeding (any non-empty credentials unless the simulator was given some). */
  async session(username = 'seed', password = 'seed'): Promise<VcsimSeeder> {
    const client = new VsphereSoapClient(new URL(`https://127.0.0.1:${this.port}/sdk`), true, 60_000);
    const content = await client.retrieveServiceContent();
    await client.login(content.sessionManager, username, password);
    return new VcsimSeeder(client, content.rootFolder, content.viewManager, content.propertyCollector);
  }
}

const moXml = (tag: string, ref: MoRef) => `<vim25:${tag} type="${escapeXml(ref.type)}">${escapeXml(ref.value)}</vim25:${tag}>`;

export class VcsimSeeder {
  constructor(
    private readonly client: VsphereSoapClient,
    private readonly root: MoRef,
    private readonly viewManager: MoRef,
    private readonly collector: MoRef,
  ) {}

  /** Objects of one type with their names, sorted by moref. */
  async list(type: string): Promise<{ ref: MoRef; name: string }[]> {
    const view = await this.client.createContainerView(this.viewManager, this.root, [type]);
    const objects = await this.client.retrieveAll(this.collector, view, { [type]: ['name'] });
    await this.client.destroyView(view);
    return objects.map((o) => ({ ref: o.obj, name: o.props.get('name')?.text ?? '' })).sort((a, b) => a.ref.value.localeCompare(b.ref.value, 'en', { numeric: true }));
  }

  /** Sets a VM's guest IP (guest.ipAddress and guest.net[0].ipAddress). */
  async setGuestIp(vm: MoRef, ip: string): Promise<void> {
    const res = await this.client.call(
      'ReconfigVM_Task',
      `${moXml('_this', vm)}<vim25:spec><vim25:extraConfig><vim25:key>SET.guest.ipAddress</vim25:key><vim25:value xsi:type="xsd:string" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${escapeXml(ip)}</vim25:value></vim25:extraConfig></vim25:spec>`,
    );
    await this.waitForTask({ type: 'Task', value: child(res, 'returnval')!.text });
  }

  /** Adds an ESXi host registered by its IP literal to a cluster: its name and vmk0 address are that IP. */
  async addHost(cluster: MoRef, ip: string): Promise<void> {
    const res = await this.client.call(
      'AddHost_Task',
      `${moXml('_this', cluster)}<vim25:spec><vim25:hostName>${escapeXml(ip)}</vim25:hostName><vim25:userName>root</vim25:userName><vim25:password>x</vim25:password><vim25:force>true</vim25:force></vim25:spec><vim25:asConnected>true</vim25:asConnected>`,
    );
    await this.waitForTask({ type: 'Task', value: child(res, 'returnval')!.text });
  }

  /** Sets guest IPs on many VMs, a few calls at a time. */
  async setGuestIps(pairs: { vm: MoRef; ip: string }[], concurrency = 8): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < pairs.length) {
        const { vm, ip } = pairs[next++];
        await this.setGuestIp(vm, ip);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async waitForTask(task: MoRef): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const res = await this.client.call(
        'RetrievePropertiesEx',
        `${moXml('_this', this.collector)}<vim25:specSet><vim25:propSet><vim25:type>Task</vim25:type><vim25:pathSet>info.state</vim25:pathSet><vim25:pathSet>info.error</vim25:pathSet></vim25:propSet><vim25:objectSet>${moXml('obj', task)}</vim25:objectSet></vim25:specSet><vim25:options/>`,
      );
      const props = childrenNamed(child(child(res, 'returnval'), 'objects'), 'propSet');
      const state = props.find((p) => child(p, 'name')?.text === 'info.state');
      const value = child(state, 'val')?.text;
      if (value === 'success') return;
      if (value === 'error') throw new Error(`vcsim task ${task.value} failed`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`vcsim task ${task.value} did not finish`);
  }

  async close(): Promise<void> {
    await this.client.call('Logout', '<vim25:_this type="SessionManager">SessionManager</vim25:_this>').catch(() => undefined);
    this.client.close();
  }
}
