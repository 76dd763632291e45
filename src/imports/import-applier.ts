import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import type { AuditEntry } from '../audit/audit.service';
import { createdText, updateText } from '../ip-assets/ip-asset-changes';
import type { ImportSource } from './import-model';
import type { ImportWriters } from './import-state.loader';
import type { ExistingState } from './import-state';
import type { ImportPlan } from './import-planner';

/** What the pipeline needs from the audit module (AuditService satisfies it). */
export interface AuditRecorder {
  recordMany(em: EntityManager, actor: Actor | null, entries: AuditEntry[]): Promise<void>;
}

export interface ApplyResult {
  /** Created IP assets in plan order (the Nmap result lists them). */
  newAssets: { id: number; ip_address: string }[];
}

/** Audit rows per write while an apply runs; a few statements' worth (insertRows splits further). */
const AUDIT_CHUNK = 5_000;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

function invert(map: Map<string, number>): Map<number, string> {
  return new Map([...map].map(([name, id]) => [id, name]));
}

/**
 * Writes a validated plan inside the caller's transaction (decision E3): vendors → projects → hosts → tags →
 * IP assets, each as a few multi-row statements, then the audit rows carrying the importing user (U1).
 * Only database calls are awaited here.
 */
export async function applyPlan(
  em: EntityManager,
  writers: ImportWriters,
  audit: AuditRecorder,
  actor: Actor | null,
  state: ExistingState,
  plan: ImportPlan,
  now: string,
  run?: { source: ImportSource; warnings: number },
): Promise<ApplyResult> {
  const entries: AuditEntry[] = [];

  const vendorIds = new Map(state.vendors);
  for (const [name, id] of await writers.vendors.insertMany(em, plan.vendorCreates, now)) {
    vendorIds.set(name, id);
    entries.push({ targetType: 'VENDOR', targetId: id, targetLabel: name, action: 'CREATE', changes: 'Created vendor.' });
  }

  const projectIds = new Map([...state.projects].map(([name, p]) => [name, p.id]));
  const createdProjects = await writers.projects.insertMany(em, plan.projectCreates);
  for (const p of plan.projectCreates) {
    const id = createdProjects.get(p.name)!;
    projectIds.set(p.name, id);
    entries.push({ targetType: 'PROJECT', targetId: id, targetLabel: p.name, action: 'CREATE', changes: `Created project (color=${p.color}, description=${p.description ?? ''})` });
  }
  await writers.projects.updateMany(em, plan.projectUpdates.map((p) => ({ id: p.id!, name: p.name, description: p.description, color: p.color })));
  for (const p of plan.projectUpdates) {
    const parts: string[] = [];
    if (p.description !== p.before!.description) parts.push(`description: ${p.before!.description ?? ''} -> ${p.description ?? ''}`);
    if (p.color !== p.before!.color) parts.push(`color: ${p.before!.color} -> ${p.color}`);
    entries.push({ targetType: 'PROJECT', targetId: p.id!, targetLabel: p.name, action: 'UPDATE', changes: parts.join('; ') });
  }

  const vendorId = (name: string | null) => (name === null ? null : (vendorIds.get(name) ?? null));
  const hostIds = new Map([...state.hosts].map(([name, h]) => [name, h.id]));
  const createdHosts = await writers.hosts.insertMany(em, plan.hostCreates.map((h) => ({ name: h.name, notes: h.notes, vendorId: vendorId(h.vendorName) })), now);
  for (const h of plan.hostCreates) {
    const id = createdHosts.get(h.name)!;
    hostIds.set(h.name, id);
    entries.push({ targetType: 'HOST', targetId: id, targetLabel: h.name, action: 'CREATE', changes: `Created host (vendor=${h.vendorName ?? 'None'}, notes=${h.notes ?? ''})` });
  }
  await writers.hosts.updateMany(em, plan.hostUpdates.map((h) => ({ id: h.id!, notes: h.notes, vendorId: vendorId(h.vendorName) })), now);
  for (const h of plan.hostUpdates) {
    const parts: string[] = [];
    if ((h.notes ?? '') !== (h.before!.notes ?? '')) parts.push(`notes: ${h.before!.notes ?? ''} -> ${h.notes ?? ''}`);
    if (h.vendorName !== h.before!.vendorName) parts.push(`vendor: ${h.before!.vendorName ?? 'None'} -> ${h.vendorName ?? 'None'}`);
    entries.push({ targetType: 'HOST', targetId: h.id!, targetLabel: h.name, action: 'UPDATE', changes: parts.join('; ') });
  }

  // Tags: only those of rows whose tag set actually changes.
  const retagged = plan.ipUpdates.filter((t) => !sameSet(t.tags, t.before!.tags));
  const tagNames = [...plan.ipCreates, ...retagged].flatMap((t) => t.tags);
  const tags = await writers.tags.ensure(em, tagNames, now);
  for (const t of tags.created) entries.push({ targetType: 'TAG', targetId: t.id, targetLabel: t.name, action: 'CREATE', changes: `Created tag (color=#e2e8f0)` });

  // Projects/hosts an updated row keeps without naming them in the import are known from its stored state.
  for (const t of plan.ipUpdates) {
    const before = t.before!;
    if (before.projectName !== null && before.projectId !== null && !projectIds.has(before.projectName)) projectIds.set(before.projectName, before.projectId);
    if (before.hostName !== null && before.hostId !== null && !hostIds.has(before.hostName)) hostIds.set(before.hostName, before.hostId);
  }
  const ref = (ids: Map<string, number>, name: string | null) => (name === null ? null : (ids.get(name) ?? null));
  const createdAssets = await writers.ipAssets.insertMany(
    em,
    plan.ipCreates.map((t) => ({ ipAddress: t.ipAddress, key: t.key, type: t.type, projectId: ref(projectIds, t.projectName), hostId: ref(hostIds, t.hostName), notes: t.notes, archived: t.archived })),
    now,
  );
  const updates = plan.ipUpdates.map((t) => ({
    id: t.id!,
    ipAddress: t.ipAddress,
    key: t.key,
    type: t.type,
    projectId: ref(projectIds, t.projectName),
    hostId: ref(hostIds, t.hostName),
    notes: t.notes,
    archived: t.archived,
  }));
  await writers.ipAssets.updateMany(em, updates, now);

  const links: [number, number][] = [];
  const newAssets: ApplyResult['newAssets'] = [];
  for (const t of plan.ipCreates) {
    const id = createdAssets.get(t.key)!;
    newAssets.push({ id, ip_address: t.ipAddress });
    for (const name of t.tags) links.push([id, tags.ids.get(name)!]);
  }
  for (const t of retagged) for (const name of t.tags) links.push([t.id!, tags.ids.get(name)!]);
  await writers.ipAssets.replaceTags(em, retagged.map((t) => t.id!), links);

  // One audit row per asset: written a chunk at a time, not all held until the end (100k rows held ~40 MB).
  const flushWhenFull = async () => {
    if (entries.length >= AUDIT_CHUNK) await audit.recordMany(em, actor, entries.splice(0));
  };
  const projectNames = invert(projectIds);
  const hostNames = invert(hostIds);
  for (const t of plan.ipCreates) {
    const id = createdAssets.get(t.key)!;
    const row = { type: t.type, projectId: ref(projectIds, t.projectName), hostId: ref(hostIds, t.hostName), notes: t.notes };
    entries.push({ targetType: 'IP_ASSET', targetId: id, targetLabel: t.ipAddress, action: 'CREATE', changes: createdText('Created', row) });
    if (t.archived) entries.push({ targetType: 'IP_ASSET', targetId: id, targetLabel: t.ipAddress, action: 'ARCHIVE', changes: 'Archived IP asset.' });
    await flushWhenFull();
  }
  for (const [i, after] of updates.entries()) {
    const before = plan.ipUpdates[i].before!;
    const parts = [updateText(before, { ...after, tags: plan.ipUpdates[i].tags }, projectNames, hostNames)];
    if (before.archived !== after.archived) parts.push(`archived: ${before.archived ? 'True' : 'False'} -> ${after.archived ? 'True' : 'False'}`);
    const changes = parts.filter((p) => p !== '').join('; ');
    entries.push({ targetType: 'IP_ASSET', targetId: after.id, targetLabel: after.ipAddress, action: 'UPDATE', changes });
    await flushWhenFull();
  }

  if (run) {
    const t = plan.summary.total;
    entries.push({
      targetType: 'IMPORT_RUN',
      targetId: 0,
      targetLabel: run.source.label,
      action: 'APPLY',
      changes: `Import apply source=${run.source.label}; input=${run.source.input}; create=${t.would_create}; update=${t.would_update}; skip=${t.would_skip}; warnings=${run.warnings}; errors=0.`,
    });
  }
  await audit.recordMany(em, actor, entries);
  return { newAssets };
}
