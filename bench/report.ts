import * as os from 'node:os';

export interface Measurement {
  name: string;
  target: string;
  targetP95Ms?: number;
  iterations: number;
  p50: number;
  p95: number;
  max: number;
  error?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

const ms = (n: number) => (Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));

export function verdict(m: Measurement): string {
  if (m.error) return 'error';
  if (m.targetP95Ms === undefined) return '';
  return m.p95 <= m.targetP95Ms ? 'met' : 'MISSED';
}

export function table(rows: Measurement[]): string[] {
  const header = ['Scenario', 'n', 'p50 ms', 'p95 ms', 'max ms', 'Target', ''];
  const body = rows.map((m) => [m.name, String(m.iterations), ms(m.p50), ms(m.p95), ms(m.max), m.target, m.error ? `error: ${m.error}` : verdict(m)]);
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)];
}

export interface RunInfo {
  assets: number;
  seedSeconds: number;
  /** Server peak while the inventory scenarios ran (the 300 MB target applies here). */
  rssMb: number;
  /** Server peak over the whole run, imports included. */
  overallRssMb: number;
  rssTargetMb: number;
}

export function markdown(rows: Measurement[], info: RunInfo): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    '# Performance',
    '',
    'Figures from `npm run bench` (bench/run.ts): a deterministic dataset is seeded through the services into a temporary',
    'SQLite file, the built server (`dist/src/main.js`) runs in its own process on 127.0.0.1, and each scenario is timed',
    'from the benchmark process (HTTP round trip including reading the body) unless its name says "service call",',
    'which times the service method in-process. RSS is the server process’s peak (VmHWM).',
    '',
    'Requests go out through `node:http` over one kept-alive socket (bench/http-client.ts), as wrk or autocannon',
    'send them, not through `fetch`: undici\'s fetch costs the benchmark process about 0.6 ms of CPU per request,',
    'which doubled the /metrics figure (p95 3.4 vs 1.4 ms for the same answers). Earlier figures used fetch.',
    '`/metrics` and `/sd/node` are timed from a worker thread (bench/probe.ts): the benchmark process holds the',
    'seeded dataset and earlier scenarios\' garbage, and its own garbage collections had put /metrics at p95 4.3 ms',
    'in a full run against 1.5 ms from the worker. `/metrics` takes 2,000 samples (300 spanned under half a second,',
    'so one pause of the VM moved p95), `/sd/node` 60, the CSV export 10.',
    '',
    'The unpaginated list, ip-assets.csv and /sd/node are timed to their last byte and not parsed (the /sd/node',
    'warm-up calls parse it in full): parsing megabytes of JSON in the benchmark process',
    'would add the client\'s work to the server\'s. The three large text responses (that list, ip-assets.csv and',
    '/sd/node) are written by the database, a keyset page at a time, so the server makes no object per row.',
    'The server runs with Node\'s default heap settings (an earlier 64 MB young generation is gone: with no per-row',
    'garbage left it bought nothing and cost RSS). `/metrics` renders',
    'at most once a second (docs/metrics.md); the "fresh rendering" row is what a real scrape costs.',
    '',
    'This is a shared 2-core VM: between runs minutes apart the same build\'s figures moved by up to ±40 % (all',
    'scenarios at once, e.g. `GET /ip-assets/{ip}` p50 2.3 vs 7.5 ms), so a target close to its limit can read',
    '"met" in one run and "MISSED" in the next. The load average printed below is taken at the end of the run.',
    '',
    `- Date: ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}`,
    `- Node.js ${process.version}, database: SQLite (better-sqlite3); load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`,
    `- Dataset: ${info.assets.toLocaleString('en-US')} IP assets (10% archived) over 20 projects, 2,000 hosts, 30 tags; 50 /24 ranges, one /16 (60% of the assets), one IPv6 /64; seeded in ${info.seedSeconds.toFixed(1)} s`,
    '',
    ...table(rows),
    '',
    `Server peak RSS during the inventory scenarios: **${info.rssMb.toFixed(0)} MB** (target ≤ ${info.rssTargetMb} MB: ${info.rssMb <= info.rssTargetMb ? 'met' : 'MISSED'}); over the whole run, imports included: ${info.overallRssMb.toFixed(0)} MB.`,
    '',
    '"reference" rows have no target in the issue; they are tracked so regressions show up.',
    '',
    'Re-run with `npm run bench` (full size) or `npm run bench -- --assets 10000` (quick); `--no-write` skips',
    'rewriting this file.',
    '',
  ].join('\n');
}
