import { createdText, updateText } from './ip-asset-changes';
import { IpAssetType } from './ip-asset.entity';

describe('IP asset audit texts (api.md §7)', () => {
  it('formats create and restore summaries with None for missing ids', () => {
    expect(createdText('Created', { type: IpAssetType.VM, projectId: 3, hostId: null, notes: null })).toBe('Created IP asset (type=VM, project_id=3, host_id=None, notes=)');
    expect(createdText('Restored archived', { type: IpAssetType.BMC, projectId: null, hostId: 7, notes: 'x' })).toBe(
      'Restored archived IP asset (type=BMC, project_id=None, host_id=7, notes=x)',
    );
  });

  it('lists only changed parts in order, with Unassigned/Unknown labels and none for empty tag lists', () => {
    const before = { type: IpAssetType.VM, projectId: 1, hostId: null, notes: null, tags: ['a', 'b'] };
    const after = { type: IpAssetType.OS, projectId: 9, hostId: 2, notes: 'n', tags: [] };
    expect(updateText(before, after, new Map([[1, 'Core']]), new Map([[2, 'web-01']]))).toBe(
      'type: VM -> OS; project: Core -> Unknown (9); host: Unassigned -> web-01; notes:  -> n; tags: a, b -> none',
    );
  });

  it('treats null and empty notes, and reordered tags, as unchanged', () => {
    const state = { type: IpAssetType.VM, projectId: null, hostId: null, notes: null, tags: ['a', 'b'] };
    expect(updateText(state, { ...state, notes: '', tags: ['b', 'a'] }, new Map(), new Map())).toBe('');
  });
});
