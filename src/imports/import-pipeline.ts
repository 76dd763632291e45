import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { conflict } from '../common/errors/domain-error';
import { isUniqueViolation } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import { applyPlan, AuditRecorder } from './import-applier';
import { emptyBundle, ImportBundle, ImportIpAsset, ImportIssue, ImportParseError, ImportSource, issue } from './import-model';
import { emptySummary, ImportPlan, ImportSummary, planImport, PlanRecord, PlanWindow } from './import-planner';
import { ImportWriters, loadExistingState } from './import-state.loader';
import type { ExistingState } from './import-state';
import { validateBundle } from './import-validator';
import { parseBundleBytes, parseBundleObject } from './parsers/bundle-parser';
import { parseCsvFiles } from './parsers/csv-import-parser';
import { inferNmapType, parseNmapXml } from './parsers/nmap-parser';

/** The inputs one pipeline accepts. Raw bytes are parsed here, so a worker thread can do that work too. */
export type ImportInput =
  | { kind: 'bundle'; bytes: Uint8Array }
  | { kind: 'csv'; hosts?: Uint8Array; ipAssets?: Uint8Array }
  | { kind: 'nmap'; bytes: Uint8Array }
  /** An already-decoded bundle object (connectors, CLI). */
  | { kind: 'data'; payload: unknown };

export interface ImportJob {
  input: ImportInput;
  dryRun: boolean;
  actor: Actor | null;
  /** Labels of the IMPORT_RUN audit row; none for Nmap uploads (api.md §7). */
  source?: ImportSource;
  planWindow: PlanWindow;
}

export interface NmapOutcome {
  discovered_up_hosts: number;
  new_ips_created: number;
  existing_ips_seen: number;
  errors: string[];
  new_assets: { id: number; ip_address: string }[];
}

/** The import result (import-export.md B.7) plus the per-record diff, windowed so huge plans stay small. */
export interface ImportOutcome {
  summary: ImportSummary;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  plan: { records: PlanRecord[]; total: number; offset: number; limit: number; truncated: boolean };
  /** Set when the input could not be read at all; the HTTP layer answers with this status. */
  rejected?: { status: 400 | 415; detail: string };
  applied: boolean;
  nmap?: NmapOutcome;
}

/** The database surface the pipeline needs: the app's `Database`, or the worker's own connection. */
export interface PipelineDatabase {
  readonly reader: EntityManager;
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
}

export interface PipelineContext {
  db: PipelineDatabase;
  audit: AuditRecorder;
  writers: ImportWriters;
}

/** Nmap note timestamp: ISO-8601 to the second with `+00:00`. */
const isoSeconds = (d: Date) => d.toISOString().slice(0, 19) + '+00:00';

async function parse(input: ImportInput, now: Date): Promise<{ bundle: ImportBundle; scan?: { hosts: number; errors: string[] } }> {
  switch (input.kind) {
    case 'bundle':
      return { bundle: parseBundleBytes(input.bytes) };
    case 'data':
      return { bundle: parseBundleObject(input.payload) };
    case 'csv':
      return { bundle: parseCsvFiles(input) };
    case 'nmap': {
      const scan = await parseNmapXml(input.bytes);
      const note = `Discovered via nmap upload at ${isoSeconds(now)}`;
      const ipAssets = scan.hosts.map<ImportIpAsset>((h, i) => ({
        location: `nmap.host[${i}]`,
        ipAddress: h.address,
        type: inferNmapType(h.macVendor),
        notes: note,
        notesProvided: true,
        createOnly: true,
      }));
      return { bundle: { ...emptyBundle(), ipAssets }, scan: { hosts: scan.hosts.length, errors: scan.errors } };
    }
  }
}

/** Summary, warnings and records come from `planned`, whose records are already cut to the job's window. */
function outcome(job: ImportJob, parts: Partial<Omit<ImportOutcome, 'plan' | 'summary' | 'warnings'>> & { planned?: ImportPlan }): ImportOutcome {
  const records = parts.planned?.records ?? [];
  const total = parts.planned?.recordCount ?? 0;
  const { offset, limit } = job.planWindow;
  return {
    summary: parts.planned?.summary ?? emptySummary(),
    errors: parts.errors ?? [],
    warnings: parts.planned?.warnings ?? [],
    plan: { records, total, offset, limit, truncated: records.length < total },
    rejected: parts.rejected,
    applied: parts.applied ?? false,
    nmap: parts.nmap,
  };
}

/** A large apply changes the shape of the tables enough for the query planner's statistics to mislead it. */
export const reshapesTables = (outcome: ImportOutcome): boolean => outcome.applied && outcome.summary.total.would_create + outcome.summary.total.would_update >= 1000;

/** Plans re-run after a concurrent writer won a unique key (PostgreSQL); SQLite's write queue never races. */
const APPLY_ATTEMPTS = 3;

/**
 * parse → load existing rows → validate → plan → (apply). Any parse or validation error means nothing is
 * written. Apply happens in ONE transaction that also re-reads the state it plans against, so the plan and
 * the writes cannot disagree (decision E3).
 */
export async function runImport(ctx: PipelineContext, job: ImportJob): Promise<ImportOutcome> {
  const started = new Date();
  let parsed: Awaited<ReturnType<typeof parse>>;
  try {
    parsed = await parse(job.input, started);
  } catch (error) {
    if (!(error instanceof ImportParseError)) throw error;
    const detail = `${error.location}: ${error.message}`;
    const nmap = job.input.kind === 'nmap' ? { discovered_up_hosts: 0, new_ips_created: 0, existing_ips_seen: 0, errors: ['Invalid Nmap XML payload.'], new_assets: [] } : undefined;
    return outcome(job, { errors: [issue(error.location, error.message)], rejected: { status: error.status, detail }, nmap });
  }
  const { bundle, scan } = parsed;

  type Decision = { errors: ImportIssue[] } | { state: ExistingState; plan: ImportPlan };
  const decide = async (em: EntityManager): Promise<Decision> => {
    const state = await loadExistingState(em, ctx.writers, bundle);
    const errors = validateBundle(bundle, state);
    if (errors.length > 0) return { errors };
    return { state, plan: planImport(bundle, state, job.planWindow) };
  };
  const nmapOutcome = (plan: ImportPlan | undefined, newAssets: NmapOutcome['new_assets']): NmapOutcome | undefined =>
    scan && {
      discovered_up_hosts: scan.hosts,
      new_ips_created: plan?.summary.ip_assets.would_create ?? 0,
      existing_ips_seen: plan?.ipSeen ?? 0,
      errors: scan.errors,
      new_assets: newAssets,
    };

  if (job.dryRun) {
    const decision = await decide(ctx.db.reader);
    if ('errors' in decision) return outcome(job, { errors: decision.errors, nmap: nmapOutcome(undefined, []) });
    const { plan } = decision;
    return outcome(job, { planned: plan, nmap: nmapOutcome(plan, []) });
  }

  const now = nowText(started);
  type Applied = { errors: ImportIssue[] } | { plan: ImportPlan; newAssets: NmapOutcome['new_assets'] };
  const apply = () =>
    ctx.db.transaction<Applied>(async (em) => {
      const decision = await decide(em);
      if ('errors' in decision) return { errors: decision.errors };
      const { state, plan } = decision;
      const run = job.source ? { source: job.source, warnings: plan.warnings.length } : undefined;
      const applied = await applyPlan(em, ctx.writers, ctx.audit, job.actor, state, plan, now, run);
      return { plan, newAssets: applied.newAssets };
    });
  let result: Applied;
  for (let attempt = 1; ; attempt++) {
    try {
      result = await apply();
      break;
    } catch (error) {
      // PostgreSQL: another writer created an address, tag or name this plan meant to create after we read the
      // state. The transaction rolled back whole; planning again sees that row and updates it instead.
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= APPLY_ATTEMPTS) throw conflict('The inventory changed while the import was applied; nothing was written. Run the import again.');
    }
  }
  if ('errors' in result) return outcome(job, { errors: result.errors, nmap: nmapOutcome(undefined, []) });
  const { plan, newAssets } = result;
  return outcome(job, { planned: plan, applied: true, nmap: nmapOutcome(plan, newAssets) });
}
