import request from 'supertest';
import { AuditLog } from '../../src/audit/audit-log.entity';
import { AuditService } from '../../src/audit/audit.service';
import { Role } from '../../src/common/actor';
import { invalid } from '../../src/common/errors/domain-error';
import { nowText } from '../../src/infra/database/timestamps';
import { User } from '../../src/users/user.entity';
import { bearer, TestApp } from '../support/test-app';

// bcrypt in pure JavaScript: dozens of hashes take long on a busy CI machine.
jest.setTimeout(120_000);

/**
 * The write queue (SQLite) and the connection pool (PostgreSQL) under overlapping writers: every caller gets
 * its own answer, and the database holds exactly the writes that succeeded.
 */
describe('concurrent writes', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    // A real listening socket, so 50 requests really overlap instead of queueing in supertest.
    await t.app.listen(0, '127.0.0.1');
    admin = await t.tokenFor(Role.Admin, 'conc-admin');
  });
  afterAll(() => t.close());

  it('keeps exactly the successful user creations out of 50 overlapping POST /users', async () => {
    await t.users.create(null, { username: 'conc-existing', password: 'existing-password', role: Role.Viewer, is_active: true });

    // Rule failures that happen after the user row is inserted, inside the same transaction.
    const audit = t.app.get(AuditService);
    const record = audit.record.bind(audit);
    const spy = jest.spyOn(audit, 'record').mockImplementation(async (em, actor, entry) => {
      if (entry.targetLabel.startsWith('conc-halfway')) throw invalid('Injected failure after the insert.');
      return record(em, actor, entry);
    });

    const planned: { username: string; kind: 'new' | 'pair' | 'existing' | 'halfway' }[] = [
      ...Array.from({ length: 20 }, (_, i) => ({ username: `conc-new-${i}`, kind: 'new' as const })),
      ...Array.from({ length: 20 }, (_, i) => ({ username: `conc-pair-${i % 10}`, kind: 'pair' as const })),
      ...Array.from({ length: 5 }, () => ({ username: 'conc-existing', kind: 'existing' as const })),
      ...Array.from({ length: 5 }, (_, i) => ({ username: `conc-halfway-${i}`, kind: 'halfway' as const })),
    ];
    const server = t.app.getHttpServer();
    const responses = await Promise.all(
      planned.map((p) => request(server).post('/users').set(bearer(admin)).send({ username: p.username, password: 'a-long-password', role: 'Editor' })),
    );
    spy.mockRestore();

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    planned.forEach((p, i) => {
      const res = responses[i];
      if (p.kind === 'new') expect(res.status).toBe(200);
      if (p.kind === 'existing') expect(res.body).toEqual({ detail: 'User already exists.' });
      if (p.kind === 'halfway') expect(res.body).toEqual({ detail: 'Injected failure after the insert.' });
      if (res.status !== 200) expect(res.status).toBe(p.kind === 'halfway' ? 422 : 409);
    });
    // Each duplicated name has exactly one winner, whichever came first.
    for (let j = 0; j < 10; j++) {
      const pair = planned.flatMap((p, i) => (p.username === `conc-pair-${j}` ? [responses[i].status] : []));
      expect(pair.sort()).toEqual([200, 409]);
    }

    const stored = await t.db.reader
      .getRepository(User)
      .createQueryBuilder('u')
      .where("u.username LIKE 'conc-%'")
      .andWhere('u.username <> :admin', { admin: 'conc-admin' })
      .getMany();
    const expectedNames = [...Array.from({ length: 20 }, (_, i) => `conc-new-${i}`), ...Array.from({ length: 10 }, (_, j) => `conc-pair-${j}`), 'conc-existing'];
    expect(stored.map((u) => u.username).sort()).toEqual(expectedNames.sort());

    // One CREATE audit row per stored user, none for refused or rolled-back ones.
    const audited = await t.db.reader
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .where("a.target_type = 'USER'")
      .andWhere("a.action = 'CREATE'")
      .andWhere("a.target_label LIKE 'conc-%'")
      .andWhere('a.target_label <> :admin', { admin: 'conc-admin' })
      .getMany();
    expect(audited.map((a) => a.targetLabel).sort()).toEqual(expectedNames.sort());
    expect(new Set(audited.map((a) => a.targetId))).toEqual(new Set(stored.map((u) => u.id)));
  });

  it('commits 45 of 50 transactions started in the same tick when every 10th throws after its insert', async () => {
    const now = nowText();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        t.db.transaction(async (em) => {
          await em.insert(User, { username: `tick-${i}`, hashedPassword: 'x', role: Role.Viewer, isActive: true, createdAt: now, updatedAt: now });
          if (i % 10 === 9) throw new Error(`planned failure ${i}`);
          return i;
        }),
      ),
    );
    const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).message] : []));
    expect(rejected).toEqual([9, 19, 29, 39, 49].map((i) => `planned failure ${i}`));
    const rows = await t.db.reader.getRepository(User).createQueryBuilder('u').where("u.username LIKE 'tick-%'").getMany();
    expect(rows).toHaveLength(45);
    expect(rows.some((u) => /^tick-\d*9$/.test(u.username))).toBe(false);
  });

  it('keeps serving after a transaction that failed on a constraint (no poisoned connection)', async () => {
    const now = nowText();
    const duplicate = t.db.transaction((em) => em.insert(User, { username: 'tick-0', hashedPassword: 'x', role: Role.Viewer, isActive: true, createdAt: now, updatedAt: now }));
    const after = t.db.transaction((em) => em.insert(User, { username: 'tick-after', hashedPassword: 'x', role: Role.Viewer, isActive: true, createdAt: now, updatedAt: now }));
    await expect(duplicate).rejects.toBeDefined();
    await expect(after).resolves.toBeDefined();
    expect(await t.db.reader.countBy(User, { username: 'tick-after' })).toBe(1);
  });
});
