import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { bearer, TestApp } from '../support/test-app';

/**
 * ipocket against a real Prometheus: Prometheus scrapes /metrics and discovers node targets through
 * /sd/node, both with tokens, and its HTTP API must then report what ipocket holds.
 */

function findPrometheus(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  return dirs.map((dir) => path.join(dir, 'prometheus')).find((file) => fs.existsSync(file));
}

const PROMETHEUS = findPrometheus();
if (!PROMETHEUS) {
  console.warn('SKIPPED prometheus.e2e-spec: no `prometheus` binary on PATH (Debian package `prometheus`; .ci/run installs it).');
}
const describeWithPrometheus = PROMETHEUS ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value or ~30 s pass; the last failure explains the timeout. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let last = 'no answer yet';
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Prometheus never reported ${what} (${last})`);
}

async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

describeWithPrometheus('a real Prometheus scraping ipocket', () => {
  const SD_TOKEN = 'sd-token-for-prometheus';
  const METRICS_TOKEN = 'metrics-token-for-prometheus';
  let t: TestApp;
  let prometheus: ChildProcess | undefined;
  let prometheusLog = '';
  let dir: string;
  let api: string;
  let nodePort: number;

  beforeAll(async () => {
    t = await TestApp.start({ IPOCKET_SD_TOKEN: SD_TOKEN, IPOCKET_METRICS_TOKEN: METRICS_TOKEN });
    await t.app.listen(0, '127.0.0.1');
    const appPort = (t.app.getHttpServer().address() as net.AddressInfo).port;

    // Loopback addresses only: Prometheus will try to scrape the discovered targets, and no test may leave
    // the machine. Nothing listens on nodePort, so those scrapes fail fast, which the test allows.
    nodePort = await freePort();
    const editor = await t.tokenFor(Role.Editor);
    const call = (method: 'post' | 'delete', url: string, body?: object) => t.http[method](url).set(bearer(editor)).send(body);
    const core = (await call('post', '/projects', { name: 'core' }).expect(200)).body.id as number;
    await call('post', '/ip-assets', { ip_address: '127.10.0.1', type: 'VM', project_id: core }).expect(200);
    await call('post', '/ip-assets', { ip_address: '127.10.0.2', type: 'OS', project_id: core }).expect(200);
    await call('post', '/ip-assets', { ip_address: '127.10.0.3', type: 'BMC' }).expect(200);
    await call('post', '/ip-assets', { ip_address: '::1', type: 'VM' }).expect(200);
    await call('post', '/ip-assets', { ip_address: '127.10.0.4', type: 'VM', project_id: core }).expect(200);
    await call('post', '/ip-assets/127.10.0.4/archive').expect(204);
    await call('post', '/ip-assets', { ip_address: '127.10.0.5', type: 'VM' }).expect(200);
    await call('delete', '/ip-assets/127.10.0.5').expect(204);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-prometheus-'));
    const promPort = await freePort();
    api = `http://127.0.0.1:${promPort}/api/v1`;
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: ipocket',
      '    metrics_path: /metrics',
      '    authorization:',
      `      credentials: ${METRICS_TOKEN}`,
      '    static_configs:',
      `      - targets: ['127.0.0.1:${appPort}']`,
      '  - job_name: node',
      '    http_sd_configs:',
      `      - url: 'http://127.0.0.1:${appPort}/sd/node?group_by=project&port=${nodePort}'`,
      '        refresh_interval: 1s',
      '        authorization:',
      // Explicit: Prometheus 2.42 (Debian 12) sends http_sd credentials without the default "Bearer" scheme.
      '          type: Bearer',
      `          credentials: ${SD_TOKEN}`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), config);
    prometheus = spawn(
      PROMETHEUS as string,
      [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.on('data', (chunk) => (prometheusLog += chunk));
    prometheus.stderr?.on('data', (chunk) => (prometheusLog += chunk));
  }, 60_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  }, 30_000);

  it('reads ipam_ip_total from the scraped /metrics', async () => {
    const value = await eventually('ipam_ip_total', async () => {
      const body = await getJson(`${api}/query?query=ipam_ip_total`);
      const result = body.data?.result?.[0];
      return result ? Number(result.value[1]) : undefined;
    }).catch((error) => {
      throw new Error(`${(error as Error).message}\n${prometheusLog.slice(-3000)}`);
    });
    expect(value).toBe(5);

    const up = await getJson(`${api}/query?query=${encodeURIComponent('up{job="ipocket"}')}`);
    expect(up.data.result[0].value[1]).toBe('1');
    const unassigned = await getJson(`${api}/query?query=ipam_ip_unassigned_project_total`);
    expect(unassigned.data.result[0].value[1]).toBe('2');
  }, 45_000);

  it('discovers the active assets as node targets with their project and type labels', async () => {
    type Target = { labels: Record<string, string>; scrapePool: string };
    const targets = await eventually('the node targets', async () => {
      const body = await getJson(`${api}/targets?state=active`);
      const found = (body.data.activeTargets as Target[]).filter((target) => target.scrapePool === 'node');
      return found.length >= 4 ? found : undefined;
    }).catch((error) => {
      throw new Error(`${(error as Error).message}\n${prometheusLog.slice(-3000)}`);
    });
    const seen = targets.map((target) => `${target.labels.instance} project=${target.labels.project} type=${target.labels.type}`).sort();
    // What ipocket itself answers to the same discovery request…
    const own = await t.http.get(`/sd/node?group_by=project&port=${nodePort}`).set('X-SD-Token', SD_TOKEN).expect(200);
    const ownSeen = (own.body as Array<{ targets: string[]; labels: Record<string, string> }>)
      .flatMap((group) => group.targets.map((target) => `${target} project=${group.labels.project} type=${group.labels.type}`))
      .sort();
    expect(seen).toEqual(ownSeen);
    // …and the concrete expectation, so an empty answer on both sides cannot pass.
    expect(seen).toEqual(
      [
        `127.10.0.1:${nodePort} project=core type=multiple`,
        `127.10.0.2:${nodePort} project=core type=multiple`,
        `127.10.0.3:${nodePort} project=unassigned type=multiple`,
        `[::1]:${nodePort} project=unassigned type=multiple`,
      ].sort(),
    );
  }, 45_000);
});
