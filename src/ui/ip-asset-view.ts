import type { IpAssetDto } from '../ip-assets/dto/ip-asset.dto';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { DEFAULT_PROJECT_COLOR, DEFAULT_TAG_COLOR } from './handlebars-setup';
import { isHighRiskAsset } from './ip-asset-ui-query';

/** A project or tag as the pages show it (name and colour chip); vendors have no colour. */
export interface CatalogueEntry {
  id: number;
  name: string;
  color: string;
}

export const ASSET_TYPES = Object.values(IpAssetType);

export interface TagChip {
  name: string;
  color: string;
}

export interface IpAssetRow {
  id: number;
  ip: string;
  type: string;
  notes: string;
  project: CatalogueEntry | null;
  hostId: number | null;
  hostName: string;
  tags: TagChip[];
  /** ≤ 3 tags: all of them; more: the first two, then a "+N more" popover (ui.md §5.3). */
  inlineTags: TagChip[];
  moreCount: number;
  tagNames: string;
  tagsJson: string;
  highRisk: boolean;
}

export function tagChips(names: string[], tagColors: Map<string, string>): TagChip[] {
  return names.map((name) => ({ name, color: tagColors.get(name) ?? DEFAULT_TAG_COLOR }));
}

export function ipAssetRow(dto: IpAssetDto, projects: Map<number, CatalogueEntry>, tagColors: Map<string, string>, hostNames: Map<number, string>): IpAssetRow {
  const tags = tagChips(dto.tags, tagColors);
  const inline = tags.length <= 3 ? tags : tags.slice(0, 2);
  return {
    id: dto.id,
    ip: dto.ip_address,
    type: dto.type,
    notes: dto.notes ?? '',
    project: dto.project_id === null ? null : (projects.get(dto.project_id) ?? { id: dto.project_id, name: `Project ${dto.project_id}`, color: DEFAULT_PROJECT_COLOR }),
    hostId: dto.host_id,
    hostName: dto.host_id === null ? '' : (hostNames.get(dto.host_id) ?? ''),
    tags,
    inlineTags: inline,
    moreCount: tags.length - inline.length,
    tagNames: dto.tags.join(', '),
    tagsJson: JSON.stringify(tags),
    highRisk: isHighRiskAsset(dto),
  };
}

/** Values of the add/edit drawer, from a stored asset or from a submitted form being shown again. */
export interface AssetDrawerState {
  mode: 'add' | 'edit';
  open: boolean;
  assetId?: number;
  ip: string;
  type: string;
  projectId: string;
  hostId: string;
  hostName: string;
  notes: string;
  tags: string[];
  errors: string[];
  returnTo: string;
}

/** The catalogue as options of a select, with the current choice marked. */
export function options(entries: CatalogueEntry[], selected: string | string[]): Array<CatalogueEntry & { selected: boolean }> {
  const chosen = new Set(Array.isArray(selected) ? selected : [selected]);
  return entries.map((e) => ({ ...e, selected: chosen.has(String(e.id)) || chosen.has(e.name) }));
}

/** A friendly line for an audit row of an asset (ui.md §7); the raw text stays available. */
export function auditSummary(changes: string | null): string {
  if (!changes) return 'No additional details.';
  const created = /^(?:Created|Restored archived) IP asset \(type=([^,]*), project_id=([^,]*), host_id=([^,]*), notes=([\s\S]*)\)$/.exec(changes);
  if (!created) return changes;
  const [, type, project, host, notes] = created;
  return `Type: ${type}; ${project === 'None' ? 'Project: Unassigned' : `Project ID: ${project}`}; ${host === 'None' ? 'Host: Unassigned' : `Host ID: ${host}`}; Notes: ${notes || 'No notes'}`;
}
