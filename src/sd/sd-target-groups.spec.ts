import { DomainError } from '../common/errors/domain-error';
import type { SdGroupRow } from '../ip-assets/ip-asset-stats.service';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { normaliseSdTypes, renderTargetGroups } from './sd-target-groups';

const projects = new Map([
  [1, 'zeta'],
  [2, 'Alpha'],
  [3, '\u{1F600}'],
  [4, '\uFF21'],
  [5, 'quote " back \\ slash\nline'],
]);
const group = (targets: string[], projectKeys: [number, number], types: [IpAssetType, IpAssetType]): SdGroupRow => ({ targetsJson: JSON.stringify(targets), projectKeys, types });
const render = (groups: SdGroupRow[]) => JSON.parse(renderTargetGroups({ groups, projectNames: projects }));

describe('normaliseSdTypes', () => {
  it('keeps exact type names and maps both BMC aliases, without duplicates', () => {
    expect(normaliseSdTypes(['VM', 'IPMI_ILO', 'IPMI_iLO', 'BMC', 'VM'])).toEqual([IpAssetType.VM, IpAssetType.BMC]);
    expect(normaliseSdTypes([])).toEqual([]);
  });

  it('refuses lower-case or unknown names with the original message', () => {
    for (const bad of ['vm', 'ipmi_ilo', 'ROUTER', 'IPMI-ILO']) {
      expect(() => normaliseSdTypes([bad])).toThrow(DomainError);
      expect(() => normaliseSdTypes([bad])).toThrow('Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.');
    }
  });
});

describe('renderTargetGroups', () => {
  it('answers [] when the database found no group', () => {
    expect(renderTargetGroups({ groups: [], projectNames: projects })).toBe('[]');
  });

  it('labels a shared project and type, "unassigned" for key 0 or an unknown id, "multiple" when rows differ', () => {
    const { VM, OS } = IpAssetType;
    expect(render([group(['10.0.0.1:1'], [0, 0], [OS, OS])])[0].labels).toEqual({ project: 'unassigned', type: 'OS' });
    expect(render([group(['10.0.0.1:1'], [99, 99], [OS, OS])])[0].labels).toEqual({ project: 'unassigned', type: 'OS' });
    expect(render([group(['10.0.0.1:1'], [0, 1], [OS, OS])])[0].labels).toEqual({ project: 'multiple', type: 'OS' });
    expect(render([group(['10.0.0.1:1'], [1, 1], [OS, VM])])[0].labels).toEqual({ project: 'zeta', type: 'multiple' });
    expect(render([group(['10.0.0.1:1'], [1, 2], [OS, VM])])[0].labels).toEqual({ project: 'multiple', type: 'multiple' });
  });

  it('keeps each target list as the database wrote it and sorts groups by project label in code-point order', () => {
    const { VM } = IpAssetType;
    const groups = render([1, 0, 2, 3, 4].map((key) => group([`10.0.0.${key}:9100`, '[2001:db8::1]:9100'], [key, key], [VM, VM])));
    // U+FF21 sorts before U+1F600 by code point, although its UTF-16 unit is larger than the surrogate 0xD83D.
    expect(groups.map((g: { labels: { project: string } }) => g.labels.project)).toEqual(['Alpha', 'unassigned', 'zeta', '\uFF21', '\u{1F600}']);
    expect(groups[2]).toEqual({ targets: ['10.0.0.1:9100', '[2001:db8::1]:9100'], labels: { project: 'zeta', type: 'VM' } });
  });

  it('writes exactly what JSON.stringify writes, escaping label text', () => {
    const body = renderTargetGroups({ groups: [group(['10.0.0.5:80'], [5, 5], [IpAssetType.BMC, IpAssetType.BMC])], projectNames: projects });
    expect(body).toBe(JSON.stringify([{ targets: ['10.0.0.5:80'], labels: { project: 'quote " back \\ slash\nline', type: 'BMC' } }]));
  });
});
