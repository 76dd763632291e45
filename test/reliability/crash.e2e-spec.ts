import * as http from 'node:http';
import * as net from 'node:net';
import { buildOnce } from '../support/platform-build';
import { Answer, ApiClient, assetBundle, BuiltServer, openRawDatabase, RawDatabase, waitFor } from '../support/reliability-support';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';

// Builds the app, then imports tens of thousands of rows and restarts the server several times.
jest.setTimeout(600_000);

/**
 * SIGKILL during writes: no shutdown hook runs, so only the database's own atomicity protects the data. After
 * each kill the server restarts on the same database, which must open cleanly (integrity check), and every
 * interrupted operation must be either fully there or fully absent. Each burst is several operations that the
 * server runs one after another (SQLite's write queue) or side by side (PostgreSQL); the kill comes as soon as
 * the first one answers, so the others are still queued or mid-transaction.
 */
describe('crash recovery (SIGKILL)', () => {
  let database: TestDatabase;
  let server: BuiltServer;
  let admin: ApiClient;
  let db: RawDatabase;
  /** Outcome per crash point, printed at the end for docs/security.md. */
  const outcomes: string[] = [];

  const restart = async () => {
    await server.kill();
    server = await BuiltServer.start(database.env);
    admin = await server.admin();
    expect(await db.integrity()).toBe('ok');
  };

  /** Starts every request at once and SIGKILLs the server as soon as `enough` of them have answered. */
  async function killAfter<T>(requests: Array<() => Promise<Answer<T>>>, enough: number): Promise<Array<Answer<T> | null>> {
    const answers: Array<Answer<T> | null> = requests.map(() => null);
    let answered = 0;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (release = resolve));
    const pending = requests.map((make, i) =>
      make()
        .then((answer) => {
          answers[i] = answer;
          if (++answered >= enough) release();
        })
        // The kill breaks the connections of the requests still running: they have no answer.
        .catch(() => undefined),
    );
    await Promise.race([reached, Promise.all(pending)]);
    await server.kill();
    await Promise.all(pending);
    return answers;
  }

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase();
    server = await BuiltServer.start(database.env);
    admin = await server.admin();
    db = await openRawDatabase(database.env);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
    if (outcomes.length) console.log(`crash points (${usingPostgres() ? 'PostgreSQL' : 'SQLite'}):\n${outcomes.join('\n')}`);
  });

  it('keeps a large import apply whole or absent when killed mid-transaction', async () => {
    const ROWS = 50_000;
    const bundle = assetBundle(Array.from({ length: ROWS }, (_, i) => ({ ip_address: `11.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, notes: 'crash import' })));
    const before = await db.count('SELECT COUNT(*) AS n FROM ip_assets');
    await db.resetWal();
    let answer: Answer | null = null;
    const pending = admin
      .upload('/import/bundle', bundle, 'bundle.json')
      .then((a) => (answer = a))
      .catch(() => undefined);
    // Killed once the apply is writing (or, on a machine too fast to see it, once it answered).
    const midway = await waitFor('the apply to start writing', async () => ((await db.writeInProgress('ip_assets')) ? true : answer ? false : undefined), 300);
    await server.kill();
    await pending;
    await restart();

    const stored = await db.count(`SELECT COUNT(*) AS n FROM ip_assets WHERE ip_address LIKE '11.%'`);
    expect([0, ROWS]).toContain(stored);
    if ((answer as Answer | null)?.status === 200) expect(stored).toBe(ROWS);
    // The per-asset audit rows and the run's own row went in with the assets, or not at all.
    expect(await db.count(`SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'CREATE' AND target_label LIKE '11.%'`)).toBe(stored);
    expect(await db.count(`SELECT COUNT(*) AS n FROM audit_logs WHERE target_type = 'IMPORT_RUN' AND changes LIKE $1`, [`%create=${ROWS};%`])).toBe(stored ? 1 : 0);
    expect(await db.count('SELECT COUNT(*) AS n FROM ip_assets')).toBe(before + stored);
    outcomes.push(`import apply, ${ROWS} rows, killed ${midway ? 'mid-transaction' : 'after it answered'}: ${stored ? 'committed' : 'rolled back'}, integrity ok`);
  });

  it('keeps each large bulk update whole or absent', async () => {
    const BATCH = 2500;
    const batches = [0, 1, 2, 3].map((b) => Array.from({ length: BATCH }, (_, i) => `14.${b}.${i >> 8}.${i & 255}`));
    const seeded = await admin.upload('/import/bundle', assetBundle(batches.flat().map((ip) => ({ ip_address: ip, notes: 'before' }))), 'bundle.json');
    expect(seeded.status).toBe(200);

    const answers = await killAfter(
      batches.map((targets, b) => () => admin.send('POST', '/ip-assets/bulk', { ip_addresses: targets, notes_action: 'overwrite', notes: `crash bulk ${b}`, type: 'VIP' })),
      1,
    );
    await restart();

    let committed = 0;
    for (const [b, targets] of batches.entries()) {
      const changed = await db.count(`SELECT COUNT(*) AS n FROM ip_assets WHERE ip_address LIKE $1 AND notes = $2 AND type = 'VIP'`, [`14.${b}.%`, `crash bulk ${b}`]);
      const untouched = await db.count(`SELECT COUNT(*) AS n FROM ip_assets WHERE ip_address LIKE $1 AND notes = 'before' AND type = 'VM'`, [`14.${b}.%`]);
      expect([changed, untouched].sort((x, y) => x - y)).toEqual([0, targets.length]);
      if (answers[b]?.status === 200) expect(changed).toBe(targets.length);
      expect(await db.count(`SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'UPDATE' AND changes LIKE $1`, [`%-> crash bulk ${b}%`])).toBe(changed);
      if (changed) committed++;
    }
    expect(committed).toBeGreaterThanOrEqual(1);
    outcomes.push(`bulk update, 4 × ${BATCH} rows: ${committed} committed, ${4 - committed} rolled back, integrity ok`);
  });

  it('hands out no address twice and leaves no half allocation across a kill during an allocation burst', async () => {
    const range = await admin.send<{ id: number }>('POST', '/ranges', { name: 'crash-range', cidr: '10.88.0.0/20' });
    expect(range.status).toBe(200);
    const answers = await killAfter(
      Array.from({ length: 40 }, (_, i) => () => admin.send<Array<{ ip_address: string }>>('POST', `/ranges/${range.body.id}/allocate`, { count: 20, type: 'VM', notes: `burst ${i}` })),
      5,
    );
    await restart();

    const stored = (await db.query<{ ip_address: string }>(`SELECT ip_address FROM ip_assets WHERE ip_address LIKE '10.88.%'`)).map((r) => r.ip_address).sort();
    const audited = (await db.query<{ changes: string }>(`SELECT changes FROM audit_logs WHERE action = 'ALLOCATE' AND target_id = $1`, [range.body.id])).map((r) => r.changes.replace(/^.*: /, '').split(', '));
    // Every stored address came from exactly one whole, audited allocation of 20.
    expect(audited.every((list) => list.length === 20)).toBe(true);
    expect(audited.flat().sort()).toEqual(stored);
    expect(new Set(stored).size).toBe(stored.length);
    const answered = answers.filter((a): a is Answer<Array<{ ip_address: string }>> => a?.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(5);
    for (const answer of answered) for (const asset of answer.body) expect(stored).toContain(asset.ip_address);
    // Allocation continues after the restart without touching what was handed out.
    const next = await admin.send<Array<{ ip_address: string }>>('POST', `/ranges/${range.body.id}/allocate`, { count: 5, type: 'VM' });
    expect(next.status).toBe(200);
    for (const asset of next.body) expect(stored).not.toContain(asset.ip_address);
    outcomes.push(`allocation burst, 40 × 20 addresses: ${audited.length} committed (${answered.length} answered before the kill), ${40 - audited.length} absent, no duplicates, integrity ok`);
  });

  it('shows a connector job that was running when the server died as failed after the restart', async () => {
    // A Prometheus API that accepts the query and never answers: the job stays `running`.
    const sockets = new Set<net.Socket>();
    const hanging = http.createServer(() => undefined);
    hanging.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as net.AddressInfo).port}`;
    try {
      const started = await admin.send<{ job_id: number }>('POST', '/connectors/prometheus/runs', { prometheus_url: url, query: 'up', mode: 'apply', timeout: 3600 });
      expect(started.status).toBe(200);
      const id = started.body.job_id;
      await waitFor('the job to run', async () => ((await admin.send('GET', `/connectors/jobs/${id}`)).body.state === 'running' ? true : undefined));
      await server.kill();
      server = await BuiltServer.start(database.env);
      admin = await server.admin();
      expect(await db.integrity()).toBe('ok');
      // SQLite fails it at boot; on PostgreSQL another instance might own it, so it fails once its heartbeat is stale.
      const job = await waitFor('the interrupted job to fail', async () => {
        const answer = await admin.send('GET', `/connectors/jobs/${id}`);
        return answer.body.state === 'failed' ? answer.body : undefined;
      }, 120);
      expect(job.finished_at).not.toBeNull();
      expect(job.log[job.log.length - 1]).toMatch(/ Connector failed: interrupted by a restart\.$/);
      outcomes.push('connector job running at the kill: failed after the restart');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});
