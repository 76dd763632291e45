import type { INestApplication } from '@nestjs/common';
import { IpAssetsService } from '../src/ip-assets/ip-assets.service';
import { request } from './http-client';
import type { ProbeJob } from './probe-worker';
import type { SeededData } from './seed';
import { DATA_OPS_SCENARIOS } from './scenarios/data-ops';
import { CONNECTOR_SCENARIOS } from './scenarios/connectors';
import { OBSERVABILITY_SCENARIOS } from './scenarios/observability';
import { UI_SCENARIOS } from './scenarios/ui';

/**
 * What a scenario gets: the server's base URL, a token and the dataset. `app` is an in-process instance on the
 * same database, present only for scenarios marked `inProcess` (they run before the server starts).
 */
export interface BenchContext {
  app?: INestApplication;
  baseUrl: string;
  token: string;
  data: SeededData;
}

/** One measured operation. `run` performs it once; `iteration` numbers let it vary its input. */
export interface Scenario {
  name: string;
  /** What the figure is compared with in docs/performance.md, e.g. "p95 ≤ 25 ms". */
  target: string;
  /** The p95 the target allows, in milliseconds (checked to mark the row). */
  targetP95Ms?: number;
  iterations: number;
  /** Times a service call inside the benchmark process instead of an HTTP request to the server. */
  inProcess?: boolean;
  /** Unmeasured calls before timing starts (JIT, statement cache). */
  warmup?: number;
  /** An untimed pause before each timed call (to outlast a cache, as real scrape intervals do). */
  pauseMs?: number;
  /**
   * For a fixed GET: the timed calls are made from a worker thread (bench/probe.ts) and checked for
   * `mustContain`; the warm-up calls still go through `run`, which checks the answer in full.
   */
  probe?: Pick<ProbeJob, 'path' | 'headers' | 'mustContain'>;
  run(ctx: BenchContext, iteration: number): Promise<void>;
}

export async function call(ctx: BenchContext, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await request(ctx.baseUrl, method, path, { Authorization: `Bearer ${ctx.token}` }, body);
  const text = res.body.toString('utf8');
  if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return text === '' ? null : JSON.parse(text);
}

// Computed once per dataset: filtering 100k rows inside a timed call would measure the benchmark, not the app.
const activeV4Cache = new WeakMap<SeededData, SeededData['assets']>();
function activeV4(ctx: BenchContext): SeededData['assets'] {
  let list = activeV4Cache.get(ctx.data);
  if (!list) {
    list = ctx.data.assets.filter((a) => !a.archived && !a.ipAddress.includes(':'));
    activeV4Cache.set(ctx.data, list);
  }
  return list;
}

/** The inventory and range scenarios of issue 3, in report order. */
export const INVENTORY_SCENARIOS: Scenario[] = [
  {
    name: 'GET /ip-assets, all filters, page of 50',
    target: 'p95 ≤ 25 ms',
    targetP95Ms: 25,
    iterations: 200,
    warmup: 10,
    run: async (ctx, i) => {
      const project = ctx.data.projects[i % ctx.data.projects.length].id;
      const tag = ctx.data.tags[i % ctx.data.tags.length].name;
      await call(ctx, 'GET', `/ip-assets?project_id=${project}&type=VM&tag_any=${tag}&tag_not=tag-29&q=10.&limit=50&offset=${(i % 4) * 50}`);
    },
  },
  {
    name: 'GET /ip-assets/{ip} (HTTP round trip)',
    target: 'reference',
    iterations: 300,
    warmup: 10,
    run: async (ctx, i) => {
      const list = activeV4(ctx);
      await call(ctx, 'GET', `/ip-assets/${list[(i * 7919) % list.length].ipAddress}`);
    },
  },
  {
    name: 'single get, server time (service call)',
    target: '≤ 1 ms',
    targetP95Ms: 1,
    iterations: 1000,
    warmup: 50,
    inProcess: true,
    run: async (ctx, i) => {
      const list = activeV4(ctx);
      const service = ctx.app!.get(IpAssetsService);
      await service.toDtos([await service.getActive(list[(i * 7919) % list.length].ipAddress)]);
    },
  },
  {
    name: 'POST /ip-assets (create)',
    target: 'reference',
    iterations: 200,
    warmup: 5,
    run: async (ctx, i) => {
      await call(ctx, 'POST', '/ip-assets', { ip_address: `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}`, type: 'VM', project_id: ctx.data.projects[i % 5].id, tags: ['tag-01'] });
    },
  },
  {
    name: 'PATCH /ip-assets/{ip}',
    target: 'reference',
    iterations: 200,
    warmup: 5,
    run: async (ctx, i) => {
      const list = activeV4(ctx);
      await call(ctx, 'PATCH', `/ip-assets/${list[(i * 104729) % list.length].ipAddress}`, { notes: `patched ${i}` });
    },
  },
  {
    name: 'POST /ip-assets/bulk (500 rows)',
    target: 'reference',
    iterations: 20,
    warmup: 1,
    run: async (ctx, i) => {
      const list = activeV4(ctx);
      const ip_addresses = Array.from({ length: 500 }, (_, k) => list[(i * 500 + k) % list.length].ipAddress);
      await call(ctx, 'POST', '/ip-assets/bulk', { ip_addresses, add_tags: [`tag-${String(i % 30).padStart(2, '0')}`], notes_action: 'overwrite', notes: `bulk ${i}` });
    },
  },
  {
    name: 'POST /ranges/{/16}/allocate (1 address)',
    target: 'p95 ≤ 20 ms',
    targetP95Ms: 20,
    iterations: 100,
    warmup: 3,
    run: async (ctx) => {
      await call(ctx, 'POST', `/ranges/${ctx.data.bigV4Range.id}/allocate`, { count: 1, type: 'VM' });
    },
  },
  {
    name: 'GET /ranges (52 ranges)',
    target: 'p95 ≤ 50 ms',
    targetP95Ms: 50,
    iterations: 100,
    warmup: 5,
    run: async (ctx) => {
      await call(ctx, 'GET', '/ranges');
    },
  },
  {
    name: 'GET /ranges/{/16}/addresses, deep page',
    target: 'p95 ≤ 25 ms',
    targetP95Ms: 25,
    iterations: 200,
    warmup: 10,
    run: async (ctx, i) => {
      await call(ctx, 'GET', `/ranges/${ctx.data.bigV4Range.id}/addresses?offset=${50000 + (i % 50) * 100}&limit=100`);
    },
  },
  {
    name: 'GET /ranges/{/16}/addresses?status=free, deep page',
    target: 'p95 ≤ 25 ms',
    targetP95Ms: 25,
    iterations: 100,
    warmup: 5,
    run: async (ctx, i) => {
      await call(ctx, 'GET', `/ranges/${ctx.data.bigV4Range.id}/addresses?status=free&offset=${3000 + (i % 20) * 100}&limit=100`);
    },
  },
  {
    name: 'GET /ranges/{/64}/addresses, deep page',
    target: 'p95 ≤ 25 ms',
    targetP95Ms: 25,
    iterations: 200,
    warmup: 10,
    run: async (ctx, i) => {
      await call(ctx, 'GET', `/ranges/${ctx.data.v6Range.id}/addresses?offset=${1_000_000_000_000 + i * 1_000_000}&limit=100`);
    },
  },
  {
    name: 'GET /ranges/{/64}/addresses?status=free, deep page',
    target: 'p95 ≤ 25 ms',
    targetP95Ms: 25,
    iterations: 100,
    warmup: 5,
    run: async (ctx, i) => {
      await call(ctx, 'GET', `/ranges/${ctx.data.v6Range.id}/addresses?status=free&offset=${1_000_000_000_000 + i * 1_000_000}&limit=100`);
    },
  },
  {
    name: 'GET /summary',
    target: 'reference',
    iterations: 100,
    warmup: 5,
    run: async (ctx) => {
      await call(ctx, 'GET', '/summary');
    },
  },
  {
    name: 'GET /ip-assets, unpaginated (all active rows)',
    target: '≤ 1200 ms',
    targetP95Ms: 1200,
    iterations: 5,
    warmup: 1,
    run: async (ctx) => {
      // Timed to the last byte, as a client saving or piping the list would see it; parsing 19 MB of JSON in this
      // process would add the benchmark's own work (about 0.2 s) to the server's.
      const { status, body } = await request(ctx.baseUrl, 'GET', '/ip-assets', { Authorization: `Bearer ${ctx.token}` });
      if (status !== 200 || body[0] !== 0x5b || body[body.length - 1] !== 0x5d || body.length < 1000) throw new Error(`GET /ip-assets answered ${status} with ${body.length} bytes`);
    },
  },
];

/**
 * Every scenario, in report order. A feature adds its own list from bench/scenarios/<feature>.ts here. Data ops
 * come last: the import apply adds 100k assets, which must not change what the earlier scenarios see.
 */
export const SCENARIOS: Scenario[] = [...INVENTORY_SCENARIOS, ...UI_SCENARIOS, ...OBSERVABILITY_SCENARIOS, ...CONNECTOR_SCENARIOS, ...DATA_OPS_SCENARIOS];
