import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The Debian `prometheus` binary, if installed (.ci/run installs it). */
export function findPrometheus(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  return dirs.map((dir) => path.join(dir, 'prometheus')).find((file) => fs.existsSync(file));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value or `attempts` × 250 ms pass; the last failure explains a timeout. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, attempts = 160): Promise<T> {
  let last = 'no answer yet';
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting for ${what} (${last})`);
}

/** A small HTTP server on 127.0.0.1 whose answers the test decides (a scrape target, or a fake Prometheus API). */
export class LocalHttpServer {
  private constructor(
    private readonly server: http.Server,
    readonly port: number,
  ) {}

  static async start(handler: http.RequestListener): Promise<LocalHttpServer> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new LocalHttpServer(server, (server.address() as net.AddressInfo).port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A Prometheus process on 127.0.0.1 with the given scrape configuration (YAML lines under `scrape_configs:`). */
export class PrometheusProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
  }

  /** `webConfig` is the content of `--web.config.file` (e.g. basic_auth_users), when the API must ask for credentials. */
  static async start(binary: string, scrapeConfigs: string[], webConfig?: string): Promise<PrometheusProcess> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-connector-prometheus-'));
    const port = await freePort();
    const config = ['global:', '  scrape_interval: 1s', '  evaluation_interval: 1s', 'scrape_configs:', ...scrapeConfigs, ''].join('\n');
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const args = [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`];
    if (webConfig) {
      fs.writeFileSync(path.join(dir, 'web.yml'), webConfig);
      args.push(`--web.config.file=${path.join(dir, 'web.yml')}`);
    }
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return new PrometheusProcess(child, dir, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last lines Prometheus printed, for failure messages. */
  get log(): string {
    return this.output.slice(-3000);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
