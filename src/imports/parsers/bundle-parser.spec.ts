import { parseBundleBytes } from './bundle-parser';

describe('parseBundleBytes', () => {
  it('coerces fields as the original importer does', () => {
    const bundle = parseBundleBytes(
      Buffer.from(
        JSON.stringify({
          schema_version: '1',
          data: {
            projects: [{ name: 'p', description: '  ', color: ' #ABCDEF ' }],
            ip_assets: [
              { ip_address: '10.0.0.1', type: 'VM', notes: '  hi ', tags: 'a, b,,', archived: 'Yes', merge_tags: 1 },
              { ip_address: 0, type: null, tags: null, archived: 'maybe', preserve_existing_notes: 'no' },
            ],
          },
        }),
      ),
    );
    expect(bundle.projects[0]).toMatchObject({ name: 'p', description: undefined, color: '#ABCDEF' });
    expect(bundle.ipAssets[0]).toMatchObject({ notes: 'hi', notesProvided: true, tags: ['a', 'b'], archived: true, mergeTags: true });
    expect(bundle.ipAssets[1]).toMatchObject({ ipAddress: '', type: '', notesProvided: false, tags: undefined, archived: undefined, preserveExistingNotes: false });
  });
});
