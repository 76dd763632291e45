import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { Role } from '../../src/common/actor';
import { createApp } from '../../src/infra/http/create-app';
import { bearer, TestApp } from '../support/test-app';
import { usingPostgres } from '../support/test-database';

describe('POST /ranges/{id}/allocate', () => {
  let t: TestApp;
  let editor: string;
  let badCase = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
  });
  afterAll(() => t.close());

  const createRange = async (name: string, cidr: string) => (await t.http.post('/ranges').set(bearer(editor)).send({ name, cidr }).expect(200)).body;
  const allocate = (id: number, body: Record<string, unknown>) => t.http.post(`/ranges/${id}/allocate`).set(bearer(editor)).send(body);

  it('creates the lowest free usable addresses, skipping the network address and taken ones', async () => {
    const r = await createRange('alloc-basic', '10.80.0.0/29');
    await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.80.0.2', type: 'VM' }).expect(200);
    const project = (await t.http.post('/projects').set(bearer(editor)).send({ name: 'Alloc' }).expect(200)).body;
    const res = await allocate(r.id, { count: 3, type: 'VM', project_id: project.id, tags: 'web, Prod', notes: 'batch' }).expect(200);
    expect(res.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['10.80.0.1', '10.80.0.3', '10.80.0.4']);
    expect(res.body[0]).toMatchObject({ type: 'VM', project_id: project.id, notes: 'batch', tags: ['prod', 'web'], archived: false });

    const admin = await t.tokenFor(Role.Admin);
    const audit = (await t.http.get(`/audit-log?target_type=RANGE&target_id=${r.id}&action=ALLOCATE`).set(bearer(admin)).expect(200)).body;
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toBe('Allocated 3 addresses (type=VM): 10.80.0.1, 10.80.0.3, 10.80.0.4');
    const created = (await t.http.get('/audit-log?target_type=IP_ASSET&target_label=10.80.0.3').set(bearer(admin)).expect(200)).body;
    expect(created[0]).toMatchObject({ action: 'CREATE' });
  });

  it('treats an archived address as free and restores it with the same id', async () => {
    const r = await createRange('alloc-restore', '10.81.0.0/30');
    const archived = (await t.http.post('/ip-assets').set(bearer(editor)).send({ ip_address: '10.81.0.1', type: 'OS' }).expect(200)).body;
    await t.http.post('/ip-assets/10.81.0.1/archive').set(bearer(editor)).expect(204);
    const res = await allocate(r.id, { count: 1, type: 'VM' }).expect(200);
    expect(res.body).toEqual([expect.objectContaining({ id: archived.id, ip_address: '10.81.0.1', type: 'VM', archived: false })]);
  });

  it('allocates IPv6 addresses and refuses what the range cannot hold', async () => {
    const v6 = await createRange('alloc-v6', '2001:db8:80::/120');
    const res = await allocate(v6.id, { count: 2, type: 'VIP' }).expect(200);
    expect(res.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(['2001:db8:80::', '2001:db8:80::1']);
    const tiny = await createRange('alloc-tiny', '10.82.0.0/30');
    expect((await allocate(tiny.id, { count: 3, type: 'VM' }).expect(409)).body).toEqual({ detail: 'Range has only 2 free addresses.' });
  });

  it('creates nothing when one address fails validation', async () => {
    const r = await createRange('alloc-atomic', '10.83.0.0/29');
    const res = await allocate(r.id, { count: 2, type: 'VM', project_id: 999999 }).expect(422);
    expect(res.body.detail).toBe('Project not found.');
    const used = (await t.http.get(`/ranges/${r.id}`).set(bearer(editor)).expect(200)).body.used;
    expect(used).toBe(0);
  });

  it.each([
    [{ count: 0, type: 'VM' }],
    [{ count: 1025, type: 'VM' }],
    [{ count: '1', type: 'VM' }],
    [{ count: 1.5, type: 'VM' }],
    [{ count: 1, type: 'vm' }],
    [{ count: 1, type: 'VM', tags: ['bad tag'] }],
    [{ count: 1, type: 'VM', tags: 5 }],
    [{ count: 1, type: 'VM', project_id: 'x' }],
    [{ type: 'VM' }],
  ])('refuses %p with 422 and a detail', async (body) => {
    const n = badCase++;
    const r = await createRange(`alloc-bad-${n}`, `10.84.${n}.0/30`);
    const res = await allocate(r.id, body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toBeDefined();
  });

  it('answers 404 for an unknown range and 403 for a Viewer', async () => {
    await allocate(999999, { count: 1, type: 'VM' }).expect(404);
    const viewer = await t.tokenFor(Role.Viewer);
    const r = await createRange('alloc-roles', '10.85.0.0/30');
    await t.http.post(`/ranges/${r.id}/allocate`).set(bearer(viewer)).send({ count: 1, type: 'VM' }).expect(403);
  });

  it('hands 50 concurrent single allocations on a /26 50 distinct addresses, then refuses a 13-address request', async () => {
    const r = await createRange('alloc-race', '10.86.0.0/26');
    // On PostgreSQL a second app instance on the same database takes half the requests.
    let second: NestExpressApplication | null = null;
    if (usingPostgres()) {
      second = await createApp(t.config, { logger: false });
      await second.init();
    }
    try {
      const servers = [t.app.getHttpServer(), (second ?? t.app).getHttpServer()];
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => request(servers[i % 2]).post(`/ranges/${r.id}/allocate`).set(bearer(editor)).send({ count: 1, type: 'VM' })),
      );
      expect(responses.map((res) => res.status)).toEqual(Array(50).fill(200));
      const addresses = responses.map((res) => res.body[0].ip_address as string);
      expect(new Set(addresses).size).toBe(50);
      const expected = Array.from({ length: 50 }, (_, i) => `10.86.0.${i + 1}`);
      expect([...addresses].sort()).toEqual([...expected].sort());

      const tooMany = await allocate(r.id, { count: 13, type: 'VM' }).expect(409);
      expect(tooMany.body).toEqual({ detail: 'Range has only 12 free addresses.' });
      const rest = await allocate(r.id, { count: 12, type: 'VM' }).expect(200);
      expect(rest.body.map((a: { ip_address: string }) => a.ip_address)).toEqual(Array.from({ length: 12 }, (_, i) => `10.86.0.${51 + i}`));
      expect((await t.http.get(`/ranges/${r.id}`).set(bearer(editor))).body).toMatchObject({ used: 62, free: 0, utilisation_percent: 100 });
    } finally {
      await second?.close();
    }
  });
});
