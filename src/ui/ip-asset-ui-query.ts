import type { IpAssetFilters } from '../ip-assets/ip-asset-filters';
import { normaliseAssetType } from '../ip-assets/ip-asset-type';
import { parsePage, parsePerPage, QueryPairs } from './pagination';
import { isRowIdText } from './ui-form';

const TAG_RE = /^[a-z0-9_-]+$/;
const MAX_Q = 200;

/** The IP assets page's filter state, parsed leniently as the original does: junk values are ignored (ui.md §5.2). */
export interface IpAssetUiQuery {
  q: string;
  /** '' (all), 'unassigned' or a project id as text. */
  projectId: string;
  type: string;
  unassignedOnly: boolean;
  archivedOnly: boolean;
  tagAny: string[];
  tagAll: string[];
  tagNot: string[];
  page: number;
  perPage: number;
}

function values(raw: Record<string, unknown>, name: string): string[] {
  const value = raw[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

function first(raw: Record<string, unknown>, name: string): string {
  return values(raw, name)[0] ?? '';
}

/** One tag group: lower-cased, de-duplicated; a single invalid name drops the whole group. */
function tagGroup(list: string[]): string[] {
  const names = [...new Set(list.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))];
  return names.every((n) => TAG_RE.test(n) && n.length <= 100) ? names.slice(0, 50) : [];
}

export function parseIpAssetUiQuery(raw: Record<string, unknown>): IpAssetUiQuery {
  const project = first(raw, 'project_id').trim();
  const type = normaliseAssetType(first(raw, 'type').trim()) ?? '';
  return {
    q: first(raw, 'q').trim().slice(0, MAX_Q),
    projectId: project === 'unassigned' || isRowIdText(project) ? project : '',
    type,
    unassignedOnly: first(raw, 'unassigned-only') === 'true',
    archivedOnly: first(raw, 'archived-only') === 'true',
    // Legacy `tag` joins the OR group; links built from this page then use tag_any only.
    tagAny: tagGroup([...values(raw, 'tag_any'), ...values(raw, 'tag')]),
    tagAll: tagGroup(values(raw, 'tag_all')),
    tagNot: tagGroup(values(raw, 'tag_not')),
    page: parsePage(raw.page),
    perPage: parsePerPage(raw['per-page']),
  };
}

export function toIpAssetFilters(query: IpAssetUiQuery): IpAssetFilters {
  const filters: IpAssetFilters = { archived: query.archivedOnly };
  if (query.q) filters.q = query.q;
  if (query.projectId === 'unassigned') filters.projectId = 'unassigned';
  else if (query.projectId) filters.projectId = Number(query.projectId);
  if (query.unassignedOnly) filters.unassignedOnly = true;
  if (query.type) filters.types = [query.type as NonNullable<IpAssetFilters['types']>[number]];
  if (query.tagAny.length) filters.tagAny = query.tagAny;
  if (query.tagAll.length) filters.tagAll = query.tagAll;
  if (query.tagNot.length) filters.tagNot = query.tagNot;
  return filters;
}

/** Active filters in the page's base-query order (ui.md §5.3), without per-page and page. */
export function ipAssetFilterPairs(query: IpAssetUiQuery): QueryPairs {
  const pairs: QueryPairs = [];
  if (query.q) pairs.push(['q', query.q]);
  if (query.projectId) pairs.push(['project_id', query.projectId]);
  for (const tag of query.tagAll) pairs.push(['tag_all', tag]);
  for (const tag of query.tagAny) pairs.push(['tag_any', tag]);
  for (const tag of query.tagNot) pairs.push(['tag_not', tag]);
  if (query.type) pairs.push(['type', query.type]);
  if (query.unassignedOnly) pairs.push(['unassigned-only', 'true']);
  if (query.archivedOnly) pairs.push(['archived-only', 'true']);
  return pairs;
}

const HIGH_RISK_TAGS = new Set(['prod', 'production', 'critical', 'flagged']);

/** ui.md §5.7: deleting these needs the exact IP typed. The drawer script applies the same rule. */
export function isHighRiskAsset(asset: { project_id: number | null; host_id: number | null; type: string; tags: string[] }): boolean {
  return asset.project_id !== null || asset.host_id !== null || asset.type === 'VIP' || asset.tags.some((t) => HIGH_RISK_TAGS.has(t.toLowerCase()));
}

/** Removes the toast keys from a return URL before one is appended, so stale toasts never come back (§5.4). */
export function withToastParam(returnTo: string, key: 'bulk-error' | 'bulk-success' | 'delete-error' | 'delete-success', message: string): string {
  const url = new URL(returnTo, 'http://local');
  for (const k of ['bulk-error', 'bulk-success', 'delete-error', 'delete-success']) url.searchParams.delete(k);
  url.searchParams.append(key, message);
  return `${url.pathname}?${url.searchParams.toString()}`;
}
