import { TestApp } from '../support/test-app';

describe('GET /health', () => {
  it('answers 200 with build info and a database check, without a login', async () => {
    const t = await TestApp.start({ IPOCKET_VERSION: '9.9.9', IPOCKET_COMMIT: 'abc1234def', IPOCKET_BUILD_TIME: '2024-01-01T00:00:00Z', IPOCKET_DOCKER_RUNTIME: 'false' });
    try {
      const res = await t.http.get('/health').set('Authorization', 'Bearer not-a-token').expect(200);
      expect(res.body).toEqual({ status: 'ok', version: '9.9.9', commit: 'abc1234def', build_time: '2024-01-01T00:00:00Z', database: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('uses the Docker tag as version only inside Docker (api.md §5.1)', async () => {
    const t = await TestApp.start({ IPOCKET_COMMIT: 'abcdef1234', IPOCKET_DOCKER_RUNTIME: 'true' });
    try {
      expect((await t.http.get('/health').expect(200)).body).toMatchObject({ version: 'sha-abcdef1', commit: 'abcdef1234', build_time: 'unknown' });
    } finally {
      await t.close();
    }
  });

  it('answers 503 with status "error" when the database cannot answer', async () => {
    const t = await TestApp.start();
    try {
      await t.http.get('/health').expect(200);
      await t.db.dataSource.destroy();
      const res = await t.http.get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'error', version: expect.any(String), commit: expect.any(String) });
      expect(res.body.database).not.toBe('ok');
    } finally {
      await t.close();
    }
  });
});
