/**
 * `npm run bench:load`: a bounded mixed load against the built server. Seeds the deterministic dataset
 * (bench/seed.ts) into a temporary SQLite file (or the PostgreSQL database given with --database-url), starts
 * `dist/src/main.js` on 127.0.0.1 in a child process, and runs autocannon for a fixed time with one instance per
 * kind of request, all at once: filtered list pages, detail by address, /sd/node and /metrics, PATCH of notes,
 * and create + delete pairs. Records requests, errors (4xx/5xx, socket errors, timeouts), latency per kind and
 * the server's peak RSS, prints a table and writes it into docs/performance.md between the load markers.
 *
 * Flags: --duration <s> (default 60), --assets <n> (default 100000), --read-only (no write requests),
 * --no-write (print only, leave docs/performance.md alone), --database-url <postgres://…>.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../src/common/actor';
import { APP_ROOT } from '../src/health/build-info';
import { loadConfig } from '../src/infra/config/app-config';
import { createApp } from '../src/infra/http/create-app';
import { UsersService } from '../src/users/users.service';
import { DEFAULT_SHAPE, random } from './dataset';
import { seed } from './seed';
import { startServer } from './server';

export interface LoadOptions {
  assets: number;
  durationSeconds: number;
  /** false: reads only. */
  writes: boolean;
  /** Database settings for both the seeding app and the server (IPAM_DB_PATH or DATABASE_URL). */
  env: Record<string, string>;
  log?: (line: string) => void;
}

export interface KindResult {
  kind: string;
  connections: number;
  requests: number;
  errors: number;
  /** Status codes other than 2xx, with counts: what the errors were. */
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  rps: number;
}

export interface LoadReport {
  assets: number;
  database: string;
  durationSeconds: number;
  kinds: KindResult[];
  total: { requests: number; errors: number; p99: number };
  peakRssMb: number;
}

const LOAD_USER = 'load-bench';
const LOAD_PASSWORD = 'load-bench-password';

interface Kind {
  name: string;
  connections: number;
  /** autocannon request sequence; setupRequest picks a fresh target each time. */
  requests: autocannon.Request[];
  write?: boolean;
}

function kinds(active: string[], projects: number[]): Kind[] {
  const rnd = random(7);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const types = ['VM', 'OS', 'BMC', 'VIP', 'OTHER'];
  let created = 0;
  return [
    {
      name: 'GET /ip-assets (filtered page)',
      connections: 4,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/ip-assets?type=${pick(types)}&project_id=${pick(projects)}&limit=50&offset=${50 * Math.floor(rnd() * 20)}` }) }],
    },
    { name: 'GET /ip-assets/{ip}', connections: 4, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/ip-assets/${encodeURIComponent(pick(active))}` }) }] },
    { name: 'GET /sd/node', connections: 1, requests: [{ method: 'GET', path: '/sd/node' }] },
    { name: 'GET /metrics', connections: 1, requests: [{ method: 'GET', path: '/metrics' }] },
    {
      name: 'PATCH /ip-assets/{ip} (notes)',
      connections: 2,
      write: true,
      requests: [{ method: 'PATCH', setupRequest: (req) => ({ ...req, path: `/ip-assets/${encodeURIComponent(pick(active))}`, body: JSON.stringify({ notes: `load ${Math.floor(rnd() * 1e9)}` }) }) }],
    },
    {
      name: 'POST + DELETE /ip-assets',
      connections: 2,
      write: true,
      requests: [
        {
          method: 'POST',
          path: '/ip-assets',
          // 198.18.0.0/15 is the benchmarking block: outside the dataset, so creates never collide with it.
          setupRequest: (req, context) => {
            const n = created++;
            context.ip = `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
            return { ...req, body: JSON.stringify({ ip_address: context.ip, type: 'VM', notes: 'load create' }) };
          },
        },
        { method: 'DELETE', setupRequest: (req, context) => ({ ...req, path: `/ip-assets/${context.ip as string}` }) },
      ],
    },
  ];
}

function summarise(kind: Kind, result: autocannon.Result): KindResult {
  const statuses: Record<string, number> = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) if (!code.startsWith('2')) statuses[code] = count.count;
  // Socket errors and timeouts have no status code; 3xx would be a redirect to the login page, also an error here.
  if (result.errors) statuses.socket = result.errors;
  if (result.timeouts) statuses.timeout = result.timeouts;
  const errors = result.non2xx + result.errors + result.timeouts;
  return { kind: kind.name, connections: kind.connections, requests: result.requests.total, errors, statuses, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, rps: result.requests.average };
}

/** Seeds, starts the built server, runs every kind at once for the duration, stops the server. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  const env = { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), IPOCKET_LOG_LEVEL: 'ERROR', ...options.env };
  const app = await createApp(loadConfig(env), { logger: ['error'] });
  await app.init();
  log(`Seeding ${options.assets} IP assets …`);
  const shape = { ...DEFAULT_SHAPE, assets: options.assets, hosts: Math.min(DEFAULT_SHAPE.hosts, Math.max(10, Math.floor(options.assets / 50))) };
  const data = await seed(app, shape, log);
  await app.get(UsersService).create(null, { username: LOAD_USER, password: LOAD_PASSWORD, role: Role.Editor, is_active: true });
  await app.close();

  const server = await startServer(APP_ROOT, env);
  try {
    const login = await fetch(`${server.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: LOAD_USER, password: LOAD_PASSWORD }) });
    if (login.status !== 200) throw new Error(`login failed with ${login.status}`);
    const token = ((await login.json()) as { access_token: string }).access_token;
    const active = data.assets.filter((a) => !a.archived).map((a) => a.ipAddress);
    const selected = kinds(
      active,
      data.projects.map((p) => p.id),
    ).filter((k) => options.writes || !k.write);
    log(`Running ${selected.length} kinds of request for ${options.durationSeconds} s against ${server.baseUrl} …`);
    const results = await Promise.all(
      selected.map((kind) =>
        autocannon({
          url: server.baseUrl,
          connections: kind.connections,
          duration: options.durationSeconds,
          // A request slower than this counts as an error (timeout), never as a hidden stall.
          timeout: 30,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          requests: kind.requests,
        }),
      ),
    );
    const kindResults = selected.map((kind, i) => summarise(kind, results[i]));
    const requests = kindResults.reduce((n, k) => n + k.requests, 0);
    return {
      assets: options.assets,
      database: options.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite',
      durationSeconds: options.durationSeconds,
      kinds: kindResults,
      // The overall p99 is the worst kind's p99: autocannon keeps no combined histogram across instances.
      total: { requests, errors: kindResults.reduce((n, k) => n + k.errors, 0), p99: Math.max(...kindResults.map((k) => k.p99)) },
      peakRssMb: server.peakRssMb(),
    };
  } finally {
    await server.stop();
  }
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

export function loadTable(report: LoadReport): string[] {
  const rows = report.kinds.map((k) => {
    const detail = Object.entries(k.statuses).map(([code, n]) => `${code}×${n}`).join(', ');
    return `| ${k.kind} | ${k.connections} | ${k.requests} | ${k.errors}${detail ? ` (${detail})` : ''} | ${ms(k.p50)} | ${ms(k.p99)} | ${ms(k.max)} |`;
  });
  return [
    '| Kind | Connections | Requests | Errors | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    `| **all** | ${report.kinds.reduce((n, k) => n + k.connections, 0)} | **${report.total.requests}** | **${report.total.errors}** | | **${ms(report.total.p99)}** | |`,
  ];
}

const LOAD_START = '<!-- load:start -->';
const LOAD_END = '<!-- load:end -->';

/** The load block of docs/performance.md; the rest of the file is left as it is. */
export function withLoadBlock(document: string, report: LoadReport, when = new Date()): string {
  const block = [
    LOAD_START,
    '## Mixed load (`npm run bench:load`)',
    '',
    `${report.durationSeconds} s against the built server on 127.0.0.1 with ${report.assets.toLocaleString('en-US')} IP assets (${report.database}), every kind of request at once, ` +
      `run ${when.toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}.`,
    '',
    ...loadTable(report),
    '',
    `Held: **${report.total.requests} requests, ${report.total.errors} errors, worst p99 ${ms(report.total.p99)} ms, server peak RSS ${report.peakRssMb.toFixed(0)} MB.** ` +
      'Errors count every 4xx/5xx answer, socket error and 30 s timeout. Re-run with `npm run bench:load` (`-- --duration 10 --assets 5000` for a quick one).',
    LOAD_END,
  ].join('\n');
  const bounds = loadBlockBounds(document);
  if (bounds) return `${document.slice(0, bounds.start)}${block}${document.slice(bounds.end)}`;
  return `${document.replace(/\n*$/, '')}\n\n${block}\n`;
}

/** The load block of a docs/performance.md text, markers included, or '' when it has none. */
export function loadBlockOf(document: string): string {
  const bounds = loadBlockBounds(document);
  return bounds ? document.slice(bounds.start, bounds.end) : '';
}

function loadBlockBounds(document: string): { start: number; end: number } | null {
  const start = document.indexOf(LOAD_START);
  const end = document.indexOf(LOAD_END);
  return start >= 0 && end > start ? { start, end: end + LOAD_END.length } : null;
}

interface CliOptions {
  assets: number;
  duration: number;
  writes: boolean;
  writeDocs: boolean;
  databaseUrl?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { assets: DEFAULT_SHAPE.assets, duration: 60, writes: true, writeDocs: true };
  const whole = (flag: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} needs a whole number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--assets') options.assets = whole(arg, argv[++i], 100, 2_000_000);
    else if (arg === '--duration') options.duration = whole(arg, argv[++i], 1, 3600);
    else if (arg === '--read-only') options.writes = false;
    else if (arg === '--no-write') options.writeDocs = false;
    else if (arg === '--database-url') options.databaseUrl = argv[++i];
    else throw new Error(`Unknown flag ${arg} (use --duration S, --assets N, --read-only, --no-write, --database-url URL)`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-load-'));
  try {
    const env: Record<string, string> = options.databaseUrl ? { DATABASE_URL: options.databaseUrl, IPAM_DB_PATH: path.join(dir, 'unused.db') } : { IPAM_DB_PATH: path.join(dir, 'load.db') };
    const report = await runLoad({ assets: options.assets, durationSeconds: options.duration, writes: options.writes, env, log: (line) => console.log(line) });
    console.log('');
    console.log(loadTable(report).join('\n'));
    console.log(`\nServer peak RSS ${report.peakRssMb.toFixed(0)} MB; ${report.total.errors} errors in ${report.total.requests} requests.`);
    if (options.writeDocs) {
      const file = path.join(APP_ROOT, 'docs', 'performance.md');
      fs.writeFileSync(file, withLoadBlock(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n', report));
      console.log(`Wrote ${file}`);
    }
    if (report.total.errors > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
