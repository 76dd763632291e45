import { ImportsService } from '../../src/imports/imports.service';
import { request } from '../http-client';
import type { BenchContext, Scenario } from '../scenarios';

/**
 * Data-ops benchmarks (issue 5): a 100,000-asset bundle dry-run (target ≤ 8 s) and apply (≤ 15 s) through
 * the import service — the same path the API takes, including the worker thread — and a CSV export of the
 * seeded assets over HTTP (≤ 0.8 s). Peak RSS is sampled by bench/run.ts for the whole process, workers
 * included (≤ 500 MB). Listed in SCENARIOS by bench/scenarios.ts.
 */
const ROWS = 100_000;
let bundle: Buffer | undefined;

/** 100k new addresses in 100.64.0.0/10 (not used by the seeded dataset), 20 projects, a tag each. */
function largeBundle(): Buffer {
  if (bundle) return bundle;
  const ip_assets = Array.from({ length: ROWS }, (_, i) => ({
    ip_address: `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`,
    type: i % 5 === 0 ? 'OS' : 'VM',
    project_name: `import-p${i % 20}`,
    notes: `imported asset ${i}`,
    tags: [`import-t${i % 7}`],
  }));
  const projects = Array.from({ length: 20 }, (_, i) => ({ name: `import-p${i}` }));
  bundle = Buffer.from(JSON.stringify({ app: 'ipocket', schema_version: '1', data: { vendors: [], projects, hosts: [], ip_assets } }));
  return bundle;
}

/** In-process through ImportsService when the bench holds the app, else POST /import/bundle (the server then needs IPOCKET_IMPORT_MAX_BYTES ≥ 32 MiB). */
async function runBundle(ctx: BenchContext, dryRun: boolean): Promise<void> {
  let outcome: { errors: { location: string; message: string }[]; summary: { ip_assets: { would_create: number; would_skip: number } } };
  if (ctx.app) {
    outcome = await ctx.app.get(ImportsService).run({ input: { kind: 'bundle', bytes: largeBundle() }, dryRun, actor: null, planWindow: { offset: 0, limit: 100 } });
  } else {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(largeBundle())]), 'bundle.json');
    const res = await fetch(`${ctx.baseUrl}/import/bundle?dry_run=${dryRun}&plan_limit=100`, { method: 'POST', headers: { Authorization: `Bearer ${ctx.token}` }, body: form });
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    outcome = (await res.json()) as typeof outcome;
  }
  if (outcome.errors.length > 0) throw new Error(`import refused: ${outcome.errors[0].location}: ${outcome.errors[0].message}`);
  if (outcome.summary.ip_assets.would_create + outcome.summary.ip_assets.would_skip !== ROWS) throw new Error('unexpected import summary');
}

export const DATA_OPS_SCENARIOS: Scenario[] = [
  // Before the imports: the seeded 100k assets (archived included) are what the target speaks of.
  {
    name: 'GET /export/ip-assets.csv (100k assets)',
    target: '≤ 0.8 s',
    targetP95Ms: 800,
    // 10 samples so that p95 is not simply the slowest of three.
    iterations: 10,
    warmup: 1,
    run: async (ctx) => {
      const res = await request(ctx.baseUrl, 'GET', '/export/ip-assets.csv?include_archived=true', { Authorization: `Bearer ${ctx.token}` });
      if (res.status !== 200 || res.body.length < 1000) throw new Error(`export answered ${res.status} with ${res.body.length} bytes`);
    },
  },
  {
    name: 'import 100k-asset bundle, dry-run',
    target: '≤ 8 s',
    targetP95Ms: 8_000,
    iterations: 1,
    run: (ctx) => runBundle(ctx, true),
  },
  {
    name: 'import 100k-asset bundle, apply (one transaction)',
    target: '≤ 15 s',
    targetP95Ms: 15_000,
    iterations: 1,
    run: (ctx) => runBundle(ctx, false),
  },
];
