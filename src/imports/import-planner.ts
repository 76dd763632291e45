import { addressOf } from './parsed-address';
import type { IpAssetType } from '../ip-assets/ip-asset.entity';
import { DEFAULT_PROJECT_COLOR, normaliseAssetType, normaliseTags } from './domain-rules';
import { ImportBundle, ImportIssue, issue } from './import-model';
import type { ExistingIpAsset, ExistingState } from './import-state';

export interface EntityCounts {
  would_create: number;
  would_update: number;
  would_skip: number;
}

export interface ImportSummary {
  vendors: EntityCounts;
  projects: EntityCounts;
  hosts: EntityCounts;
  ip_assets: EntityCounts;
  total: EntityCounts;
}

export type PlanAction = 'CREATE' | 'UPDATE' | 'SKIP';

/** One line of the dry-run diff: what the import does to one address. */
export interface PlanRecord {
  ip_address: string;
  action: PlanAction;
  changes: Record<string, [unknown, unknown]>;
}

export interface ProjectTarget {
  name: string;
  description: string | null;
  color: string;
  /** Set for rows that exist; `before` is the stored state. */
  id?: number;
  before?: { description: string | null; color: string };
}

export interface HostTarget {
  name: string;
  notes: string | null;
  vendorName: string | null;
  id?: number;
  before?: { notes: string | null; vendorName: string | null };
}

export interface IpTarget {
  key: string;
  ipAddress: string;
  type: IpAssetType;
  projectName: string | null;
  hostName: string | null;
  notes: string | null;
  archived: boolean;
  /** Normalised, in request order (the audit "after" list keeps it). */
  tags: string[];
  id?: number;
  before?: ExistingIpAsset;
}

/** Which per-record diffs a caller will show: only those are built (a 100k-row plan would hold ~50 MB of them). */
export interface PlanWindow {
  offset: number;
  limit: number;
}

/** The dry-run result and, unchanged, the apply's instructions: final target values per row. */
export interface ImportPlan {
  summary: ImportSummary;
  warnings: ImportIssue[];
  /** The per-record diffs inside the requested window, in input order. */
  records: PlanRecord[];
  /** How many records the whole plan has. */
  recordCount: number;
  vendorCreates: string[];
  projectCreates: ProjectTarget[];
  projectUpdates: ProjectTarget[];
  hostCreates: HostTarget[];
  hostUpdates: HostTarget[];
  ipCreates: IpTarget[];
  ipUpdates: IpTarget[];
  /** Nmap: addresses that already existed and were left alone. */
  ipSeen: number;
}

export const RELATED_UPDATED_WARNING = 'Some related records were updated based on import data.';

const counts = (): EntityCounts => ({ would_create: 0, would_update: 0, would_skip: 0 });

export function emptySummary(): ImportSummary {
  return { vendors: counts(), projects: counts(), hosts: counts(), ip_assets: counts(), total: counts() };
}

function total(s: ImportSummary): EntityCounts {
  const t = counts();
  for (const e of [s.vendors, s.projects, s.hosts, s.ip_assets]) {
    t.would_create += e.would_create;
    t.would_update += e.would_update;
    t.would_skip += e.would_skip;
  }
  return t;
}

/** Decision D4: empty and null notes are the same value. */
const sameNotes = (a: string | null, b: string | null) => (a ?? '') === (b ?? '');
/** Decision D4: tags compare as sets. */
const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * Computes what an import would do, without touching the database (import-export.md B.8 with decisions
 * E2 and D4). Items are processed in order against a working copy of the state, so a name or address that
 * appears twice counts the second time as an update (or skip) of the first instead of a second create.
 */
export function planImport(bundle: ImportBundle, state: ExistingState, window: PlanWindow = { offset: 0, limit: Number.POSITIVE_INFINITY }): ImportPlan {
  const summary = emptySummary();
  const plan: ImportPlan = {
    summary,
    warnings: [],
    records: [],
    recordCount: 0,
    vendorCreates: [],
    projectCreates: [],
    projectUpdates: [],
    hostCreates: [],
    hostUpdates: [],
    ipCreates: [],
    ipUpdates: [],
    ipSeen: 0,
  };
  const record = (ipAddress: string, action: PlanRecord['action'], changes: () => PlanRecord['changes']) => {
    if (plan.recordCount >= window.offset && plan.records.length < window.limit) plan.records.push({ ip_address: ipAddress, action, changes: changes() });
    plan.recordCount++;
  };

  const vendors = new Set(state.vendors.keys());
  for (const v of bundle.vendors) {
    const name = v.name.trim();
    if (name === '') continue;
    if (vendors.has(name)) summary.vendors.would_skip++;
    else {
      vendors.add(name);
      plan.vendorCreates.push(name);
      summary.vendors.would_create++;
    }
  }

  const projects = new Map<string, ProjectTarget>();
  const updatedProjects = new Set<string>();
  for (const p of bundle.projects) {
    const name = p.name.trim();
    if (name === '') continue;
    let target = projects.get(name);
    if (!target) {
      const existing = state.projects.get(name);
      if (!existing) {
        target = { name, description: p.description ?? null, color: p.color ?? DEFAULT_PROJECT_COLOR };
        projects.set(name, target);
        plan.projectCreates.push(target);
        summary.projects.would_create++;
        continue;
      }
      target = { name, id: existing.id, description: existing.description, color: existing.color, before: { description: existing.description, color: existing.color } };
      projects.set(name, target);
    }
    const description = p.description ?? target.description;
    const color = p.color ?? target.color;
    if (description === target.description && color === target.color) {
      summary.projects.would_skip++;
      continue;
    }
    target.description = description;
    target.color = color;
    summary.projects.would_update++;
    if (target.id !== undefined && !updatedProjects.has(name)) {
      updatedProjects.add(name);
      plan.projectUpdates.push(target);
    }
  }

  const hosts = new Map<string, HostTarget>();
  const updatedHosts = new Set<string>();
  for (const h of bundle.hosts) {
    const name = h.name.trim();
    if (name === '') continue;
    let target = hosts.get(name);
    if (!target) {
      const existing = state.hosts.get(name);
      if (!existing) {
        target = { name, notes: h.notes ?? null, vendorName: h.vendorName ?? null };
        hosts.set(name, target);
        plan.hostCreates.push(target);
        summary.hosts.would_create++;
        continue;
      }
      target = { name, id: existing.id, notes: existing.notes, vendorName: existing.vendorName, before: { notes: existing.notes, vendorName: existing.vendorName } };
      hosts.set(name, target);
    }
    const notes = h.notes ?? target.notes;
    const vendorName = h.vendorName ?? target.vendorName;
    if (sameNotes(notes, target.notes) && vendorName === target.vendorName) {
      summary.hosts.would_skip++;
      continue;
    }
    target.notes = notes;
    target.vendorName = vendorName;
    summary.hosts.would_update++;
    if (target.id !== undefined && !updatedHosts.has(name)) {
      updatedHosts.add(name);
      plan.hostUpdates.push(target);
    }
  }

  const ips = new Map<string, IpTarget>();
  const updatedKeys = new Set<string>();
  for (const a of bundle.ipAssets) {
    const parsed = addressOf(a);
    const type = normaliseAssetType(a.type);
    if (!parsed || !type) continue; // refused by validation; never reached on a valid bundle
    const importedTags = a.tags === undefined ? undefined : normaliseTags(a.tags);
    let target = ips.get(parsed.key);
    if (!target) {
      const existing = state.ipAssets.get(parsed.key);
      if (!existing) {
        target = {
          key: parsed.key,
          ipAddress: parsed.canonical,
          type,
          projectName: a.projectName ?? null,
          hostName: a.hostName ?? null,
          notes: a.notesProvided ? a.notes : null,
          archived: a.archived ?? false,
          tags: importedTags ?? [],
        };
        ips.set(parsed.key, target);
        plan.ipCreates.push(target);
        summary.ip_assets.would_create++;
        record(target.ipAddress, 'CREATE', () => createChanges(target!));
        continue;
      }
      target = { ...existing, tags: [...existing.tags], before: existing };
      ips.set(parsed.key, target);
      if (a.createOnly) {
        plan.ipSeen++;
        summary.ip_assets.would_skip++;
        record(target.ipAddress, 'SKIP', () => ({}));
        continue;
      }
    } else if (a.createOnly) {
      continue; // a duplicate in one scan: first occurrence wins
    }

    const next = {
      type: a.preserveExistingType ? target.type : type,
      projectName: a.projectName ?? target.projectName,
      hostName: a.hostName ?? target.hostName,
      notes: !a.notesProvided || (a.preserveExistingNotes && (target.notes ?? '') !== '') ? target.notes : a.notes,
      archived: a.archived ?? target.archived,
      tags: importedTags === undefined ? target.tags : a.mergeTags ? normaliseTags([...[...target.tags].sort(), ...importedTags]) : importedTags,
    };
    const changes: Record<string, [unknown, unknown]> = {};
    if (next.type !== target.type) changes.type = [target.type, next.type];
    if (next.projectName !== target.projectName) changes.project = [target.projectName, next.projectName];
    if (next.hostName !== target.hostName) changes.host = [target.hostName, next.hostName];
    if (!sameNotes(next.notes, target.notes)) changes.notes = [target.notes, next.notes];
    if (!sameTags(next.tags, target.tags)) changes.tags = [[...target.tags], [...next.tags]];
    if (next.archived !== target.archived) changes.archived = [target.archived, next.archived];
    if (Object.keys(changes).length === 0) {
      summary.ip_assets.would_skip++;
      record(target.ipAddress, 'SKIP', () => changes);
      continue;
    }
    Object.assign(target, next);
    summary.ip_assets.would_update++;
    record(target.ipAddress, 'UPDATE', () => changes);
    if (target.id !== undefined && !updatedKeys.has(target.key)) {
      updatedKeys.add(target.key);
      plan.ipUpdates.push(target);
    }
  }

  summary.total = total(summary);
  if (summary.projects.would_update > 0 || summary.hosts.would_update > 0) plan.warnings.push(issue('import', RELATED_UPDATED_WARNING, 'warning'));
  return plan;
}

function createChanges(t: IpTarget): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = { type: [null, t.type] };
  if (t.projectName !== null) changes.project = [null, t.projectName];
  if (t.hostName !== null) changes.host = [null, t.hostName];
  if (t.notes !== null) changes.notes = [null, t.notes];
  if (t.tags.length > 0) changes.tags = [[], [...t.tags]];
  if (t.archived) changes.archived = [false, true];
  return changes;
}
