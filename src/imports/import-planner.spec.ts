import { IpAssetType } from '../ip-assets/ip-asset.entity';
import type { ImportBundle, ImportIpAsset } from './import-model';
import { planImport } from './import-planner';
import { emptyState, ExistingState } from './import-state';

const ip = (over: Partial<ImportIpAsset>): ImportIpAsset => ({ location: 'x', ipAddress: '10.0.0.1', type: 'VM', notes: null, notesProvided: false, ...over });
const bundle = (ipAssets: ImportIpAsset[], extra: Partial<ImportBundle> = {}): ImportBundle => ({ vendors: [], projects: [], hosts: [], ipAssets, ...extra });

function stateWith(tags: string[], notes: string | null = 'old'): ExistingState {
  const state = emptyState();
  state.projects.set('core', { id: 1, description: null, color: '#94a3b8' });
  state.ipAssets.set('40a000001', { id: 7, ipAddress: '10.0.0.1', key: '40a000001', type: IpAssetType.VM, projectId: 1, projectName: 'core', hostId: null, hostName: null, notes, archived: false, tags });
  return state;
}

describe('planImport', () => {
  it('skips when tags differ only in order and notes only in blank vs null (D4)', () => {
    const plan = planImport(bundle([ip({ tags: ['b', 'a'], notesProvided: true, notes: null })]), stateWith(['a', 'b'], ''));
    expect(plan.records).toEqual([{ ip_address: '10.0.0.1', action: 'SKIP', changes: {} }]);
    expect(plan.ipUpdates).toEqual([]);
  });

  it('honours preserve_existing_notes, preserve_existing_type and merge_tags', () => {
    const plan = planImport(
      bundle([ip({ type: 'OS', notesProvided: true, notes: 'new', tags: ['c', 'a'], preserveExistingNotes: true, preserveExistingType: true, mergeTags: true })]),
      stateWith(['b', 'a']),
    );
    expect(plan.records[0]).toEqual({ ip_address: '10.0.0.1', action: 'UPDATE', changes: { tags: [['b', 'a'], ['a', 'b', 'c']] } });
    expect(plan.ipUpdates[0]).toMatchObject({ type: 'VM', notes: 'old', tags: ['a', 'b', 'c'] });
  });

  it('keeps project and host when not given, and matches any spelling of an address', () => {
    const plan = planImport(bundle([ip({ ipAddress: '10.0.0.1', notesProvided: true, notes: 'changed' })]), stateWith([]));
    expect(plan.ipUpdates[0]).toMatchObject({ projectName: 'core', notes: 'changed' });
    const v6 = planImport(bundle([ip({ ipAddress: '2001:DB8:0:0::1' })]), emptyState());
    expect(v6.ipCreates[0].ipAddress).toBe('2001:db8::1');
  });

  it('counts later duplicates as updates of the first (E2)', () => {
    const plan = planImport(
      bundle([ip({}), ip({ type: 'OS' }), ip({ type: 'OS' })], { vendors: [{ location: 'v', name: 'A' }, { location: 'v', name: 'A' }] }),
      emptyState(),
    );
    expect(plan.summary.ip_assets).toEqual({ would_create: 1, would_update: 1, would_skip: 1 });
    expect(plan.ipCreates).toHaveLength(1);
    expect(plan.ipCreates[0].type).toBe('OS');
    expect(plan.vendorCreates).toEqual(['A']);
    expect(plan.summary.total).toEqual({ would_create: 2, would_update: 1, would_skip: 2 });
  });

  it('builds only the per-record diffs inside the window, and counts them all', () => {
    const rows = [1, 2, 3, 4, 5].map((n) => ip({ ipAddress: `10.0.1.${n}` }));
    const whole = planImport(bundle(rows), emptyState());
    const window = planImport(bundle(rows), emptyState(), { offset: 1, limit: 2 });
    expect(whole.records.map((r) => r.ip_address)).toEqual(['10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.1.5']);
    expect(window.records).toEqual(whole.records.slice(1, 3));
    expect([whole.recordCount, window.recordCount]).toEqual([5, 5]);
    expect(planImport(bundle(rows), emptyState(), { offset: 5, limit: 10 }).records).toEqual([]);
    // The plan itself (what apply writes) never depends on the window.
    expect(window.ipCreates).toEqual(whole.ipCreates);
  });
});
