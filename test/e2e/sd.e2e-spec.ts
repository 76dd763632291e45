import { Role } from '../../src/common/actor';
import { IpAssetType } from '../../src/ip-assets/ip-asset.entity';
import { bearer, TestApp } from '../support/test-app';

const INVALID_TYPE = { detail: 'Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.' };

interface Seed {
  ip: string;
  type: IpAssetType;
  project?: string;
  archived?: boolean;
}

/** Creates projects and assets through the API, as a client would; archived ones are archived after creation. */
async function seed(t: TestApp, assets: Seed[]): Promise<void> {
  const editor = await t.tokenFor(Role.Editor);
  const projectIds = new Map<string, number>();
  for (const name of new Set(assets.flatMap((a) => (a.project ? [a.project] : [])))) {
    projectIds.set(name, (await t.http.post('/projects').set(bearer(editor)).send({ name }).expect(200)).body.id);
  }
  for (const a of assets) {
    const project_id = a.project ? projectIds.get(a.project) : null;
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: a.ip, type: a.type, project_id }).expect(200);
    if (a.archived) await t.http.post(`/ip-assets/${a.ip}/archive`).set(bearer(editor)).expect(204);
  }
}

describe('GET /sd/node', () => {
  describe('targets, filters and labels', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start();
      // Inserted out of address order so the assertions prove the SQL ordering (IPv4 numeric, then IPv6).
      await seed(t, [
        { ip: '10.0.0.10', type: IpAssetType.VM, project: 'core' },
        { ip: '2001:db8::1', type: IpAssetType.OS, project: 'edge' },
        { ip: '10.0.0.9', type: IpAssetType.VM, project: 'core' },
        { ip: '10.0.0.2', type: IpAssetType.BMC },
        { ip: '10.0.0.3', type: IpAssetType.OS, project: 'Core' },
        { ip: '10.0.0.4', type: IpAssetType.VIP, project: 'edge' },
        { ip: '10.0.0.5', type: IpAssetType.VM, project: 'core', archived: true },
        { ip: '9.255.255.255', type: IpAssetType.OTHER, project: 'edge' },
      ]);
    });
    afterAll(() => t.close());

    const get = (query = '') => t.http.get(`/sd/node${query}`);

    it('returns one group of every active asset in numeric address order on port 9100, IPv6 bracketed', async () => {
      const res = await get().expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toEqual([
        {
          targets: ['9.255.255.255:9100', '10.0.0.2:9100', '10.0.0.3:9100', '10.0.0.4:9100', '10.0.0.9:9100', '10.0.0.10:9100', '[2001:db8::1]:9100'],
          labels: { project: 'multiple', type: 'multiple' },
        },
      ]);
    });

    it('appends the requested port', async () => {
      const res = await get('?port=9182&type=OS').expect(200);
      expect(res.body[0].targets).toEqual(['10.0.0.3:9182', '[2001:db8::1]:9182']);
    });

    it('drops assets without a project when only_assigned is true, in any accepted spelling', async () => {
      for (const word of ['1', 'true', 'T', 'yes', 'Y', 'on', 'TRUE']) {
        const res = await get(`?only_assigned=${word}`).expect(200);
        expect(res.body[0].targets).not.toContain('10.0.0.2:9100');
        expect(res.body[0].targets).toHaveLength(6);
      }
      for (const word of ['0', 'false', 'F', 'no', 'N', 'off', 'Off']) {
        const res = await get(`?only_assigned=${word}`).expect(200);
        expect(res.body[0].targets).toContain('10.0.0.2:9100');
      }
    });

    it('filters by project name, exact and case-sensitive, repeated and comma-separated', async () => {
      expect((await get('?project=core').expect(200)).body).toEqual([{ targets: ['10.0.0.9:9100', '10.0.0.10:9100'], labels: { project: 'core', type: 'VM' } }]);
      expect((await get('?project=Core').expect(200)).body).toEqual([{ targets: ['10.0.0.3:9100'], labels: { project: 'Core', type: 'OS' } }]);
      const both = await get('?project=core&project=%20Core%20,,edge').expect(200);
      expect(both.body[0].targets).toHaveLength(6);
      expect(both.body[0].labels).toEqual({ project: 'multiple', type: 'multiple' });
      // Empty values are dropped, so this is no filter at all.
      expect((await get('?project=&project=,').expect(200)).body[0].targets).toHaveLength(7);
    });

    it('never matches an asset without a project, not even with project=unassigned', async () => {
      expect((await get('?project=unassigned').expect(200)).body).toEqual([]);
    });

    it('filters by type, repeated and comma-separated, with the BMC aliases', async () => {
      expect((await get('?type=BMC').expect(200)).body).toEqual([{ targets: ['10.0.0.2:9100'], labels: { project: 'unassigned', type: 'BMC' } }]);
      expect((await get('?type=IPMI_ILO').expect(200)).body[0].targets).toEqual(['10.0.0.2:9100']);
      expect((await get('?type=IPMI_iLO').expect(200)).body[0].targets).toEqual(['10.0.0.2:9100']);
      const several = await get('?type=VIP,OTHER&type=BMC').expect(200);
      expect(several.body).toEqual([{ targets: ['9.255.255.255:9100', '10.0.0.2:9100', '10.0.0.4:9100'], labels: { project: 'multiple', type: 'multiple' } }]);
      expect((await get('?type=,&type=').expect(200)).body[0].targets).toHaveLength(7);
    });

    it('combines filters', async () => {
      const res = await get('?project=edge&type=OS,VIP&port=1').expect(200);
      expect(res.body).toEqual([{ targets: ['10.0.0.4:1', '[2001:db8::1]:1'], labels: { project: 'edge', type: 'multiple' } }]);
    });

    it('groups by project label, unassigned included, sorted by code point', async () => {
      const res = await get('?group_by=project').expect(200);
      expect(res.body).toEqual([
        { targets: ['10.0.0.3:9100'], labels: { project: 'Core', type: 'OS' } },
        { targets: ['10.0.0.9:9100', '10.0.0.10:9100'], labels: { project: 'core', type: 'VM' } },
        { targets: ['9.255.255.255:9100', '10.0.0.4:9100', '[2001:db8::1]:9100'], labels: { project: 'edge', type: 'multiple' } },
        { targets: ['10.0.0.2:9100'], labels: { project: 'unassigned', type: 'BMC' } },
      ]);
      const none = await get('?group_by=none&type=VM').expect(200);
      expect(none.body).toEqual([{ targets: ['10.0.0.9:9100', '10.0.0.10:9100'], labels: { project: 'core', type: 'VM' } }]);
    });

    it('merges assets without a project with a project literally named "unassigned", as the original groups by label', async () => {
      await seed(t, [{ ip: '10.0.0.1', type: IpAssetType.BMC, project: 'unassigned' }]);
      try {
        const res = await get('?group_by=project&type=BMC').expect(200);
        expect(res.body).toEqual([{ targets: ['10.0.0.1:9100', '10.0.0.2:9100'], labels: { project: 'unassigned', type: 'BMC' } }]);
        expect((await get('?type=BMC').expect(200)).body).toEqual(res.body);
        // The project filter still only matches the named project.
        expect((await get('?project=unassigned').expect(200)).body).toEqual([{ targets: ['10.0.0.1:9100'], labels: { project: 'unassigned', type: 'BMC' } }]);
      } finally {
        await t.http.delete('/ip-assets/10.0.0.1').set(bearer(await t.tokenFor(Role.Editor))).expect(204);
      }
    });

    it('answers [] when nothing matches, for both groupings', async () => {
      expect((await get('?project=nothing').expect(200)).body).toEqual([]);
      expect((await get('?project=nothing&group_by=project').expect(200)).body).toEqual([]);
      expect((await get('?only_assigned=true&type=BMC').expect(200)).body).toEqual([]);
    });

    it('leaves archived assets out', async () => {
      const res = await get('?project=core&group_by=project').expect(200);
      expect(JSON.stringify(res.body)).not.toContain('10.0.0.5');
    });

    it('refuses bad schema values with a 422 array located at the parameter', async () => {
      const cases: Array<[string, string]> = [
        ['?port=0', 'port'],
        ['?port=65536', 'port'],
        ['?port=abc', 'port'],
        ['?port=', 'port'],
        ['?port=80.5', 'port'],
        ['?only_assigned=maybe', 'only_assigned'],
        ['?only_assigned=', 'only_assigned'],
        ['?group_by=type', 'group_by'],
        ['?group_by=Project', 'group_by'],
        ['?project[x]=core', 'project'],
      ];
      for (const [query, param] of cases) {
        const res = await get(query).expect(422);
        expect(Array.isArray(res.body.detail)).toBe(true);
        expect(res.body.detail[0].loc).toEqual(['query', param]);
      }
    });

    it('accepts the port range edges and uses the last of repeated scalar values', async () => {
      expect((await get('?port=1&type=BMC').expect(200)).body[0].targets).toEqual(['10.0.0.2:1']);
      expect((await get('?port=65535&type=BMC').expect(200)).body[0].targets).toEqual(['10.0.0.2:65535']);
      expect((await get('?port=1&port=2&type=BMC').expect(200)).body[0].targets).toEqual(['10.0.0.2:2']);
    });

    it('refuses an unknown or lower-case type with the string 422', async () => {
      expect((await get('?type=vm').expect(422)).body).toEqual(INVALID_TYPE);
      expect((await get('?type=VM,ROUTER').expect(422)).body).toEqual(INVALID_TYPE);
    });

    it('is public: needs no login and ignores a bogus Authorization header when no token is configured', async () => {
      await get().set(bearer('not-a-token')).expect(200);
    });
  });

  describe('with IPOCKET_SD_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ IPOCKET_SD_TOKEN: 's3cret' });
      await seed(t, [{ ip: '192.0.2.1', type: IpAssetType.VM, project: 'core' }]);
    });
    afterAll(() => t.close());

    const expected = [{ targets: ['192.0.2.1:9100'], labels: { project: 'core', type: 'VM' } }];

    it('accepts the token in X-SD-Token or as a bearer token (O3)', async () => {
      expect((await t.http.get('/sd/node').set('X-SD-Token', 's3cret').expect(200)).body).toEqual(expected);
      expect((await t.http.get('/sd/node').set(bearer('s3cret')).expect(200)).body).toEqual(expected);
      expect((await t.http.get('/sd/node').set('Authorization', 'bearer s3cret').expect(200)).body).toEqual(expected);
    });

    it('refuses a missing, wrong or near-miss token with 401 Unauthorized', async () => {
      for (const headers of [{}, { 'X-SD-Token': 'wrong' }, { 'X-SD-Token': 's3cret2' }, { 'X-SD-Token': 'S3CRET' }, bearer('wrong'), { Authorization: 's3cret' }, { Authorization: 'Bearer  s3cret' }]) {
        const res = await t.http.get('/sd/node').set(headers).expect(401);
        expect(res.body).toEqual({ detail: 'Unauthorized' });
      }
    });

    it('a user session token is not the SD token', async () => {
      const token = await t.tokenFor(Role.Admin);
      await t.http.get('/sd/node').set(bearer(token)).expect(401);
    });

    it('checks schema (422) before the token (401) before the asset type (422)', async () => {
      const schema = await t.http.get('/sd/node?port=0&type=nope').expect(422);
      expect(Array.isArray(schema.body.detail)).toBe(true);
      await t.http.get('/sd/node?only_assigned=perhaps').expect(422);
      await t.http.get('/sd/node?group_by=host').expect(422);
      expect((await t.http.get('/sd/node?type=nope').expect(401)).body).toEqual({ detail: 'Unauthorized' });
      expect((await t.http.get('/sd/node?type=nope').set('X-SD-Token', 's3cret').expect(422)).body).toEqual(INVALID_TYPE);
    });
  });
});
