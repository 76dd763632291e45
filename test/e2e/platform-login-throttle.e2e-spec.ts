import { Role } from '../../src/common/actor';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

// Fifty bcrypt comparisons in pure JavaScript before the expected refusal.
jest.setTimeout(120_000);

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
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 50 && refusal === undefined; attempt++) {
      const res = await t.http.post('/login').send({ username: 'throttled', password: `wrong-${attempt}` });
      statuses.push(res.status);
      if (res.status === 429) {
        refusal = res.body;
        retryAfter = res.headers['retry-after'];
      }
    }
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(refusal).toEqual({ detail: expect.stringMatching(/Too many failed logins/) });
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The right password is refused too while the username is throttled.
    await t.http.post('/login').send({ username: 'throttled', password: TEST_PASSWORD }).expect(429);
  });
});
