/**
 * `npm run bench`: seeds the deterministic dataset into a temporary SQLite file through the services, starts the
 * built server (`dist/src/main.js`) on 127.0.0.1 in a child process, times every scenario in bench/scenarios.ts
 * over HTTP and writes docs/performance.md. The child process keeps the server's RSS free of the client's.
 *
 * Flags: --assets N (default 100000), --no-write (print only), --only <text> (scenarios whose name contains it).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Role } from '../src/common/actor';
import { APP_ROOT } from '../src/health/build-info';
import { loadConfig } from '../src/infra/config/app-config';
import { createApp } from '../src/infra/http/create-app';
import { UsersService } from '../src/users/users.service';
import { DEFAULT_SHAPE } from './dataset';
import { loadBlockOf } from './load';
import { markdown, Measurement, percentile, table } from './report';
import { BenchContext, INVENTORY_SCENARIOS, Scenario, SCENARIOS } from './scenarios';
import { probe } from './probe';
import { seed } from './seed';
import { ServerProcess, startServer } from './server';

const RSS_TARGET_MB = 300;
/** Untimed requests a probe worker makes before timing, for its own JIT (the scenario's warm-up warmed the server). */
const PROBE_WARMUP = 20;

interface Options {
  assets: number;
  write: boolean;
  only?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { assets: DEFAULT_SHAPE.assets, write: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--assets') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 100 || n > 2_000_000) throw new Error('--assets needs a whole number from 100 to 2000000');
      options.assets = n;
    } else if (arg === '--no-write') options.write = false;
    else if (arg === '--only') options.only = argv[++i];
    else throw new Error(`Unknown flag ${arg} (use --assets N, --no-write, --only TEXT)`);
  }
  return options;
}

async function measure(scenario: Scenario, ctx: BenchContext): Promise<Measurement> {
  const timings: number[] = [];
  let error: string | undefined;
  try {
    for (let i = 0; i < (scenario.warmup ?? 0); i++) await scenario.run(ctx, scenario.iterations + i);
    if (scenario.probe) {
      timings.push(...(await probe({ ...scenario.probe, baseUrl: ctx.baseUrl, count: scenario.iterations, warmup: PROBE_WARMUP })));
    } else {
      for (let i = 0; i < scenario.iterations; i++) {
        if (scenario.pauseMs) await new Promise((resolve) => setTimeout(resolve, scenario.pauseMs));
        const t0 = performance.now();
        await scenario.run(ctx, i);
        timings.push(performance.now() - t0);
      }
    }
  } catch (e) {
    error = (e as Error).message;
  }
  timings.sort((a, b) => a - b);
  const m: Measurement = { name: scenario.name, target: scenario.target, targetP95Ms: scenario.targetP95Ms, iterations: timings.length, p50: percentile(timings, 50), p95: percentile(timings, 95), max: timings[timings.length - 1] ?? NaN, error };
  console.log(table([m])[2]);
  return m;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-bench-'));
  const env = { NODE_ENV: 'production', IPAM_DB_PATH: path.join(dir, 'bench.db'), SESSION_SECRET: randomBytes(32).toString('hex'), IPOCKET_LOG_LEVEL: 'ERROR', IPOCKET_IMPORT_MAX_BYTES: String(64 * 1024 * 1024) };
  const scenarios = SCENARIOS.filter((s) => !options.only || s.name.includes(options.only));
  const results = new Map<Scenario, Measurement>();
  let server: ServerProcess | undefined;
  try {
    // Phase 1, in this process: seed through the services, then time the in-process scenarios.
    const app = await createApp(loadConfig(env), { logger: ['error'] });
    await app.init();
    console.log(`Seeding ${options.assets} IP assets into ${dir} …`);
    const started = performance.now();
    const data = await seed(app, { ...DEFAULT_SHAPE, assets: options.assets }, (line) => console.log(line));
    const seedSeconds = (performance.now() - started) / 1000;
    await app.get(UsersService).create(null, { username: 'bench', password: 'bench-password', role: Role.Editor, is_active: true });
    for (const scenario of scenarios.filter((s) => s.inProcess)) results.set(scenario, await measure(scenario, { app, baseUrl: '', token: '', data }));
    await app.close();

    // Phase 2: the real server in its own process, measured over HTTP from here.
    server = await startServer(APP_ROOT, env);
    const login = await fetch(`${server.baseUrl}/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password' }) });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const ctx: BenchContext = { baseUrl: server.baseUrl, token, data };
    // The 300 MB target is for the inventory workload; imports have their own budget, so RSS is read both ways.
    let inventoryRssMb = NaN;
    for (const scenario of scenarios.filter((s) => !s.inProcess)) {
      if (Number.isNaN(inventoryRssMb) && !INVENTORY_SCENARIOS.includes(scenario)) inventoryRssMb = server.peakRssMb();
      results.set(scenario, await measure(scenario, ctx));
      console.log(`  server peak RSS so far: ${server.peakRssMb().toFixed(0)} MB`);
    }
    if (Number.isNaN(inventoryRssMb)) inventoryRssMb = server.peakRssMb();

    const rows = scenarios.map((s) => results.get(s)!).filter(Boolean);
    const info = { assets: options.assets, seedSeconds, rssMb: inventoryRssMb, overallRssMb: server.peakRssMb(), rssTargetMb: RSS_TARGET_MB };
    console.log('');
    console.log(table(rows).join('\n'));
    console.log(`\nServer peak RSS ${info.rssMb.toFixed(0)} MB during the inventory scenarios (target ≤ ${RSS_TARGET_MB} MB), ${info.overallRssMb.toFixed(0)} MB overall`);
    if (options.write) {
      const file = path.join(APP_ROOT, 'docs', 'performance.md');
      // The mixed-load section belongs to `npm run bench:load`: carry it over unchanged.
      const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const loadBlock = loadBlockOf(previous);
      fs.writeFileSync(file, markdown(rows, info) + (loadBlock ? `\n${loadBlock}\n` : ''));
      console.log(`Wrote ${file}`);
    }
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
