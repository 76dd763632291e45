import { Role } from '../../src/common/actor';
import { parseIp } from '../../src/common/ip';
import { nowText } from '../../src/infra/database/timestamps';
import { IpAsset, IpAssetType } from '../../src/ip-assets/ip-asset.entity';
import { InventoryCountsCache, MetricsExposition } from '../../src/metrics/scrape-caches';
import { Project } from '../../src/projects/project.entity';
import { bearer, TestApp } from '../support/test-app';

const INVENTORY = ['ipam_ip_total', 'ipam_ip_archived_total', 'ipam_ip_unassigned_project_total', 'ipam_ip_unassigned_owner_total', 'ipam_ip_unassigned_both_total'];

/** Parses the Prometheus text format into `series → value` (series = name plus its label block). */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

/** Scrapes a fresh rendering with fresh inventory counts (both may answer from a short cache otherwise). */
async function scrape(t: TestApp): Promise<Map<string, number>> {
  t.app.get(InventoryCountsCache).forget();
  t.app.get(MetricsExposition).forget();
  const res = await t.http.get('/metrics').expect(200);
  return samples(res.text);
}

async function gauges(t: TestApp): Promise<number[]> {
  const all = await scrape(t);
  return INVENTORY.map((name) => all.get(name) as number);
}

describe('GET /metrics', () => {
  describe('exposition', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ IPOCKET_VERSION: '1.2.3', IPOCKET_COMMIT: 'abcdef1234567890abcdef1234567890abcdef12' });
    });
    afterAll(() => t.close());

    it('serves the five inventory gauges with HELP and TYPE lines, all 0 on an empty database', async () => {
      const res = await t.http.get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      for (const name of INVENTORY) {
        expect(res.text).toMatch(new RegExp(`^# HELP ${name} .+$`, 'm'));
        expect(res.text).toMatch(new RegExp(`^# TYPE ${name} gauge$`, 'm'));
        expect(res.text).toMatch(new RegExp(`^${name} 0$`, 'm'));
      }
    });

    it('serves build info and the default process and Node.js metrics', async () => {
      const all = await scrape(t);
      expect(all.get('ipocket_build_info{version="1.2.3",commit="abcdef1234567890abcdef1234567890abcdef12"}')).toBe(1);
      expect(all.get('process_cpu_user_seconds_total')).toEqual(expect.any(Number));
      expect(all.get('process_resident_memory_bytes')).toBeGreaterThan(0);
      expect([...all.keys()].some((key) => key.startsWith('nodejs_heap_size_used_bytes'))).toBe(true);
    });

    it('labels request durations by route template, never by the raw path or an address', async () => {
      await t.http.get('/sd/node?port=9100').expect(200);
      await t.http.get('/sd/node?port=0').expect(422);
      await t.http.get('/no-such-path/10.9.8.7').expect(404);
      await t.http.get('/ip-assets/10.9.8.7').expect(401);
      t.app.get(MetricsExposition).forget();
      const res = await t.http.get('/metrics').expect(200);
      const lines = res.text.split('\n').filter((line) => line.startsWith('ipocket_http_request_duration_seconds_count'));
      expect(lines).toContain('ipocket_http_request_duration_seconds_count{route="/sd/node",method="GET",status_class="2xx"} 1');
      // A request refused by validation (the exception filter's path) is measured too.
      expect(lines).toContain('ipocket_http_request_duration_seconds_count{route="/sd/node",method="GET",status_class="4xx"} 1');
      expect(lines.some((line) => line.includes('route="unmatched"'))).toBe(true);
      // The refused inventory read is labelled with its template (e.g. /ip-assets/:ip), not the address.
      expect(lines.some((line) => /route="\/ip-assets\/:\w+",method="GET",status_class="4xx"/.test(line))).toBe(true);
      expect(res.text).not.toContain('10.9.8.7');
      expect(res.text).not.toContain('no-such-path');
      const routes = new Set(lines.map((line) => /route="([^"]*)"/.exec(line)?.[1]));
      for (const route of routes) expect(route === 'unmatched' || route?.startsWith('/')).toBe(true);
    });

    it('counts inventory rows with SQL: total includes archived, unassigned means active without a project', async () => {
      await t.db.transaction(async (em) => {
        const project = await em.save(em.create(Project, { name: 'metrics-core', description: null, color: '#94a3b8' }));
        const rows: Array<[string, number | null, boolean]> = [
          ['198.51.100.1', project.id, false],
          ['198.51.100.2', null, false],
          ['198.51.100.3', null, true],
          ['2001:db8::5', null, false],
          ['198.51.100.4', project.id, true],
        ];
        for (const [ip, projectId, archived] of rows) {
          const parsed = parseIp(ip)!;
          await em.insert(IpAsset, { ipAddress: parsed.canonical, ipKey: parsed.key, type: IpAssetType.VM, projectId, hostId: null, notes: null, archived, createdAt: nowText(), updatedAt: nowText() });
        }
      });
      expect(await gauges(t)).toEqual([5, 2, 2, 0, 0]);
    });
  });

  describe('gauges after API writes', () => {
    let t: TestApp;
    let editor: string;
    beforeAll(async () => {
      t = await TestApp.start();
      editor = await t.tokenFor(Role.Editor);
    });
    afterAll(() => t.close());

    const create = (ip_address: string, project_id: number | null) =>
      t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address, type: 'VM', project_id }).expect(200);
    const archive = (ip: string) => t.http.post(`/ip-assets/${ip}/archive`).set(bearer(editor)).expect(204);
    const remove = (ip: string) => t.http.delete(`/ip-assets/${ip}`).set(bearer(editor)).expect(204);

    // [total, archived, unassigned_project, unassigned_owner, unassigned_both]
    it('follow a known sequence of creates, archives, restores and deletes', async () => {
      const project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'gauges' }).expect(200)).body.id as number;
      expect(await gauges(t)).toEqual([0, 0, 0, 0, 0]);

      await create('10.1.0.1', project);
      await create('10.1.0.2', null);
      await create('10.1.0.3', null);
      await create('2001:db8::9', project);
      expect(await gauges(t)).toEqual([4, 0, 2, 0, 0]);

      await archive('10.1.0.2');
      expect(await gauges(t)).toEqual([4, 1, 1, 0, 0]);
      await archive('10.1.0.1');
      expect(await gauges(t)).toEqual([4, 2, 1, 0, 0]);

      // Re-creating an archived address restores the same row: the total stays, archived drops.
      const firstId = (await t.db.reader.findOneByOrFail(IpAsset, { ipAddress: '10.1.0.2' })).id;
      const restored = await create('10.1.0.2', project);
      expect(restored.body.id).toBe(firstId);
      expect(await gauges(t)).toEqual([4, 1, 1, 0, 0]);

      await remove('10.1.0.3');
      expect(await gauges(t)).toEqual([3, 1, 0, 0, 0]);
      await create('10.1.0.4', null);
      await remove('2001:db8::9');
      expect(await gauges(t)).toEqual([3, 1, 1, 0, 0]);

      // Discovery agrees: the restored address is back, archived and deleted ones are gone.
      const sd = await t.http.get('/sd/node?group_by=project').expect(200);
      expect(sd.body).toEqual([
        { targets: ['10.1.0.2:9100'], labels: { project: 'gauges', type: 'VM' } },
        { targets: ['10.1.0.4:9100'], labels: { project: 'unassigned', type: 'VM' } },
      ]);
    });
  });

  describe('with IPOCKET_METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ IPOCKET_METRICS_TOKEN: 'scrape-me' });
    });
    afterAll(() => t.close());

    it('needs Authorization: Bearer <token>', async () => {
      const ok = await t.http.get('/metrics').set(bearer('scrape-me')).expect(200);
      expect(ok.text).toMatch(/^ipam_ip_total 0$/m);
      await t.http.get('/metrics').set('Authorization', 'BEARER scrape-me').expect(200);
    });

    it('refuses a missing or wrong token, another scheme, or a user token with 401 Unauthorized', async () => {
      const userToken = await t.tokenFor(Role.Admin);
      for (const headers of [{}, bearer('wrong'), { Authorization: 'scrape-me' }, { Authorization: 'Basic scrape-me' }, { 'X-SD-Token': 'scrape-me' }, bearer(userToken)]) {
        const res = await t.http.get('/metrics').set(headers).expect(401);
        expect(res.body).toEqual({ detail: 'Unauthorized' });
      }
    });
  });

  describe('without a token', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start();
    });
    afterAll(() => t.close());

    it('is public and ignores a bogus Authorization header', async () => {
      await t.http.get('/metrics').expect(200);
      await t.http.get('/metrics').set(bearer('bogus')).expect(200);
    });
  });
});
