import type { IpAssetType } from './ip-asset.entity';

/** The audit `changes` texts of api.md §7, kept word for word so old audit readers keep working. */

const none = (value: number | null) => (value === null ? 'None' : String(value));

export function createdText(verb: 'Created' | 'Restored archived', a: { type: IpAssetType; projectId: number | null; hostId: number | null; notes: string | null }): string {
  return `${verb} IP asset (type=${a.type}, project_id=${none(a.projectId)}, host_id=${none(a.hostId)}, notes=${a.notes ?? ''})`;
}

/** Project/host label: Unassigned for null, the name, or `Unknown (<id>)` when it no longer resolves. */
export function label(id: number | null, names: Map<number, string>): string {
  if (id === null) return 'Unassigned';
  return names.get(id) ?? `Unknown (${id})`;
}

export interface AssetState {
  type: IpAssetType;
  projectId: number | null;
  hostId: number | null;
  notes: string | null;
  /** Before: stored (alphabetical) order; after: normalised request order. */
  tags: string[];
}

/** Parts joined by `; `, each only when it changed; empty string when nothing did (null and "" notes are equal). */
export function updateText(before: AssetState, after: AssetState, projects: Map<number, string>, hosts: Map<number, string>): string {
  const parts: string[] = [];
  if (before.type !== after.type) parts.push(`type: ${before.type} -> ${after.type}`);
  if (before.projectId !== after.projectId) parts.push(`project: ${label(before.projectId, projects)} -> ${label(after.projectId, projects)}`);
  if (before.hostId !== after.hostId) parts.push(`host: ${label(before.hostId, hosts)} -> ${label(after.hostId, hosts)}`);
  if ((before.notes ?? '') !== (after.notes ?? '')) parts.push(`notes: ${before.notes ?? ''} -> ${after.notes ?? ''}`);
  if (!sameSet(before.tags, after.tags)) parts.push(`tags: ${tagList(before.tags)} -> ${tagList(after.tags)}`);
  return parts.join('; ');
}

export function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

const tagList = (tags: string[]) => (tags.length === 0 ? 'none' : tags.join(', '));
