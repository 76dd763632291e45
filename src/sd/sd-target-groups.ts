import { invalid } from '../common/errors/domain-error';
import { type SdGroups, UNASSIGNED_PROJECT_LABEL } from '../ip-assets/ip-asset-stats.service';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { byteOrder } from '../ip-assets/ip-asset-tag-links';
import { INVALID_TYPE_MESSAGE, normaliseAssetType } from '../ip-assets/ip-asset-type';

export const MULTIPLE_LABEL = 'multiple';

/** Exact type names plus the two historical BMC spellings (data.md §4.5); the result has no duplicates. */
export function normaliseSdTypes(values: string[]): IpAssetType[] {
  const types = new Set<IpAssetType>();
  for (const value of values) {
    const type = normaliseAssetType(value);
    if (type === null) throw invalid(INVALID_TYPE_MESSAGE);
    types.add(type);
  }
  return [...types];
}

/**
 * The /sd/node body (api.md §5.3) from the database's groups: a label is the one project (type) all of a group's
 * rows share, else "multiple"; groups sorted by project label; `[]` rather than an empty group. Target lists
 * arrive as JSON text and are written as they are; labels hold user text and go through JSON.stringify.
 */
export function renderTargetGroups({ groups, projectNames }: SdGroups): string {
  const projectLabel = (key: number) => (key === 0 ? UNASSIGNED_PROJECT_LABEL : (projectNames.get(key) ?? UNASSIGNED_PROJECT_LABEL));
  const labelled = groups.map((group) => ({
    targetsJson: group.targetsJson,
    labels: {
      project: group.projectKeys[0] === group.projectKeys[1] ? projectLabel(group.projectKeys[0]) : MULTIPLE_LABEL,
      type: group.types[0] === group.types[1] ? group.types[0] : MULTIPLE_LABEL,
    },
  }));
  // Code-point order (UTF-8 byte order equals it), as the original's Python sort; JS `<` compares UTF-16 units.
  labelled.sort((a, b) => byteOrder(a.labels.project, b.labels.project));
  return `[${labelled.map((group) => `{"targets":${group.targetsJson},"labels":${JSON.stringify(group.labels)}}`).join(',')}]`;
}
