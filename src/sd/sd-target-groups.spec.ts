import { DomainError } from '../common/errors/domain-error';
import type { SdTargetRow } from '../ip-assets/ip-asset-stats.service';
import type { SdGroupBy } from './sd-query.dto';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { buildTargetGroups as buildFromTargets, normaliseSdTypes, renderTargetGroups, targetAddress } from './sd-target-groups';

interface NamedRow {
  ip: string;
  type: IpAssetType;
  project: string | null;
}
const row = (ip: string, type: IpAssetType, project: string | null = null): NamedRow => ({ ip, type, project });

/** Rows as the stats service returns them: project ids plus an id → name map. */
function buildTargetGroups(named: NamedRow[], port: number, groupBy: SdGroupBy) {
  const ids = new Map<string, number>();
  for (const r of named) if (r.project !== null && !ids.has(r.project)) ids.set(r.project, ids.size + 1);
  const rows = named.map((r): SdTargetRow => [r.ip, r.type, r.project === null ? null : ids.get(r.project)!]);
  return buildFromTargets({ rows, projectNames: new Map([...ids].map(([name, id]) => [id, name])) }, port, groupBy);
}

describe('targetAddress', () => {
  it('appends the port to IPv4 and brackets IPv6 (decision O2)', () => {
    expect(targetAddress('10.0.0.1', 9100)).toBe('10.0.0.1:9100');
    expect(targetAddress('2001:db8::1', 9100)).toBe('[2001:db8::1]:9100');
    expect(targetAddress('::ffff:10.0.0.1', 1)).toBe('[::ffff:10.0.0.1]:1');
  });
});

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

describe('buildTargetGroups', () => {
  it('answers [] for no rows, not an empty group', () => {
    expect(buildTargetGroups([], 9100, 'none')).toEqual([]);
    expect(buildTargetGroups([], 9100, 'project')).toEqual([]);
  });

  it('puts every row in one group for none, keeping row order', () => {
    const rows = [row('10.0.0.2', IpAssetType.VM, 'a'), row('10.0.0.1', IpAssetType.VM, 'a')];
    expect(buildTargetGroups(rows, 80, 'none')).toEqual([{ targets: ['10.0.0.2:80', '10.0.0.1:80'], labels: { project: 'a', type: 'VM' } }]);
  });

  it('labels a shared project and type, "unassigned" for no project, "multiple" when rows differ', () => {
    expect(buildTargetGroups([row('10.0.0.1', IpAssetType.OS)], 1, 'none')[0].labels).toEqual({ project: 'unassigned', type: 'OS' });
    expect(buildTargetGroups([row('10.0.0.1', IpAssetType.OS), row('10.0.0.2', IpAssetType.OS, 'p')], 1, 'none')[0].labels).toEqual({ project: 'multiple', type: 'OS' });
    expect(buildTargetGroups([row('10.0.0.1', IpAssetType.OS, 'p'), row('10.0.0.2', IpAssetType.VM, 'p')], 1, 'none')[0].labels).toEqual({ project: 'p', type: 'multiple' });
    // "multiple" sticks even when a later row matches the first again.
    const abA = [row('10.0.0.1', IpAssetType.OS, 'a'), row('10.0.0.2', IpAssetType.VM, 'b'), row('10.0.0.3', IpAssetType.OS, 'a')];
    expect(buildTargetGroups(abA, 1, 'none')[0].labels).toEqual({ project: 'multiple', type: 'multiple' });
  });

  it('groups by project label, sorted by code point, with unassigned as its own group', () => {
    const rows = [
      row('10.0.0.1', IpAssetType.VM, 'zeta'),
      row('10.0.0.2', IpAssetType.OS),
      row('10.0.0.3', IpAssetType.VM, 'Alpha'),
      row('10.0.0.4', IpAssetType.BMC, 'zeta'),
      row('10.0.0.5', IpAssetType.VM, '\u{1F600}'),
      row('10.0.0.6', IpAssetType.VM, '\uFF21'),
    ];
    const groups = buildTargetGroups(rows, 9100, 'project');
    // U+FF21 sorts before U+1F600 by code point, although its UTF-16 unit is larger than the surrogate 0xD83D.
    expect(groups.map((g) => g.labels.project)).toEqual(['Alpha', 'unassigned', 'zeta', '\uFF21', '\u{1F600}']);
    expect(groups[2]).toEqual({ targets: ['10.0.0.1:9100', '10.0.0.4:9100'], labels: { project: 'zeta', type: 'multiple' } });
    expect(groups[1]).toEqual({ targets: ['10.0.0.2:9100'], labels: { project: 'unassigned', type: 'OS' } });
  });

  it('merges assets without a project with a project literally named "unassigned", as the original groups by label', () => {
    const groups = buildTargetGroups([row('10.0.0.1', IpAssetType.VM), row('10.0.0.2', IpAssetType.VM, 'unassigned')], 1, 'project');
    expect(groups).toEqual([{ targets: ['10.0.0.1:1', '10.0.0.2:1'], labels: { project: 'unassigned', type: 'VM' } }]);
  });
});

describe('renderTargetGroups', () => {
  it('writes exactly what JSON.stringify writes, escaping label text', () => {
    const groups = buildTargetGroups(
      [row('10.0.0.1', IpAssetType.VM, 'quote " back \\ slash'), row('2001:db8::1', IpAssetType.OS, 'line\nbreak \u{1F600}'), row('10.0.0.2', IpAssetType.VM)],
      9100,
      'project',
    );
    expect(renderTargetGroups(groups)).toBe(JSON.stringify(groups));
    expect(renderTargetGroups([])).toBe('[]');
    expect(renderTargetGroups([{ targets: [], labels: { project: 'p', type: 'VM' } }])).toBe(JSON.stringify([{ targets: [], labels: { project: 'p', type: 'VM' } }]));
  });
});
