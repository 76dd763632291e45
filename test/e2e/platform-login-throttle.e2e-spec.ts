import { Role } from '../../src/common/actor';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

/** Decision A7: repeated failed logins are slowed down or refused for a while (429), never unlimited. */
describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.users.create(null, { username: 'throttled', password: TEST_PASSWORD, role: Role.Viewer, is_active: true });
  });
  afterAll(() => t.close());

  it('refuses a burst of wrong passwords for one username with 429 and a detail', async () => {
    const statuses: number[] = [];
    let refusal: { detail?: unknown } | undefined;
    for (let attempt = 0; attempt < 50 && refusal === undefined; attempt++) {
      const res = await t.http.post('/login').send({ username: 'throttled', password: `wrong-${attempt}` });
      statuses.push(res.status);
      if (res.status === 429) refusal = res.body;
    }
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(refusal).toEqual({ detail: expect.any(String) });
  });
});
