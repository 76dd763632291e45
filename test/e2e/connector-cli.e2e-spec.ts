import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/common/actor';
import { runConnectorCli } from '../support/connector-e2e-support';
import { LocalHttpServer } from '../support/prometheus-server';
import { bearer, TestApp } from '../support/test-app';
import { Vcsim, vcsimBinary } from '../support/vcsim';

/**
 * `ipocket connector prometheus|vcenter …` run in-process the way src/cli.ts boots it (runConnectorCli), against
 * the same database as a test app that checks the result.
 */
const TOKEN = 'cli-token-7c1e9f5a';
const VC_PASSWORD = 'cli-vc-pass-2b22';

describe('connector CLI', () => {
  let t: TestApp;
  let fake: LocalHttpServer;
  let dir: string;
  let editorName: string;

  const cli = (...args: string[]) => runConnectorCli(t, ...args);

  beforeAll(async () => {
    t = await TestApp.start();
    editorName = 'cli-editor';
    await t.tokenFor(Role.Editor, editorName);
    fake = await LocalHttpServer.start((req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.statusCode = 401;
        res.end('unauthorized');
        return;
      }
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [
        { metric: { __name__: 'up', instance: '10.30.0.1:9100' }, value: [1, '1'] },
        { metric: { __name__: 'up', instance: '10.30.0.2:9100' }, value: [1, '0'] },
        { metric: { __name__: 'up' }, value: [1, '1'] },
      ] } }));
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipocket-connector-cli-'));
  });

  afterAll(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const prom = (...extra: string[]) => ['prometheus', '--prometheus-url', fake.url, '--query', 'up', '--ip-label', 'instance', '--token', TOKEN, ...extra];

  it('file mode writes the bundle and prints the collection lines and warnings', async () => {
    const file = path.join(dir, 'bundle.json');
    const run = await cli(...prom('--output', file, '--tags', 'a, b'));
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out.split('\n')).toEqual([
      'Collected 3 metric samples from Prometheus',
      'Prepared 2 IP assets from query results',
      'Warnings:',
      "- Sample 2 skipped: label 'instance' is missing.",
      `Bundle written to ${file}`,
    ]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "app": "ipocket"');
    const bundle = JSON.parse(text);
    expect(bundle.data.ip_assets.map((a: any) => [a.ip_address, a.tags])).toEqual([['10.30.0.1', ['a', 'b']], ['10.30.0.2', ['a', 'b']]]);
    expect(text).not.toContain(TOKEN);
  });

  it('dry-run prints the per-IP diff and summary; apply writes and audits the --as user', async () => {
    const dry = await cli(...prom('--mode', 'dry-run', '--asset-type', 'VM'));
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('- [CREATE] 10.30.0.1: type=VM; project=Unassigned; host=Unassigned; tags=[none]; notes=set; archived=false.');
    expect(dry.out).toContain('ipocket import mode: dry-run\nImport summary: create=2, update=0, skip=0');
    await t.http.get('/ip-assets/10.30.0.1').set(bearer(await t.tokenFor(Role.Viewer))).expect(404);

    const apply = await cli(...prom('--mode', 'apply', '--asset-type', 'VM', '--as', editorName));
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('ipocket import mode: apply\nImport summary: create=2, update=0, skip=0');
    const viewer = await t.tokenFor(Role.Viewer);
    expect((await t.http.get('/ip-assets/10.30.0.2').set(bearer(viewer)).expect(200)).body).toMatchObject({ type: 'VM' });
    const audit = (await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(viewer)).expect(200)).body;
    expect(audit[0]).toMatchObject({ target_label: 'connector_prometheus', username: editorName });
  });

  it('usage errors exit 2; connector errors exit 1 without the secret', async () => {
    expect(await cli(...prom())).toMatchObject({ code: 2, err: 'error: --output is required when --mode=file' });
    expect(await cli('prometheus', '--query', 'up', '--ip-label', 'instance', '--mode', 'dry-run')).toMatchObject({ code: 2, err: 'error: the following arguments are required: --prometheus-url' });
    expect((await cli(...prom('--mode', 'later'))).code).toBe(2);
    expect(await cli(...prom('--mode', 'dry-run', '--asset-type', 'PC'))).toMatchObject({ code: 2, err: 'error: Asset type must be one of OS, BMC, VM, VIP, OTHER.' });
    const refused = await cli('prometheus', '--prometheus-url', fake.url, '--query', 'up', '--ip-label', 'instance', '--token', `${TOKEN}x`, '--mode', 'dry-run');
    expect(refused).toMatchObject({ code: 1, err: 'error: Prometheus query failed with HTTP 401: unauthorized' });
    expect(await cli('vcenter', '--server', '127.0.0.1', '--username', 'u', '--mode', 'dry-run')).toMatchObject({ code: 2, err: 'error: the following arguments are required: --password' });
  });

  const BINARY = vcsimBinary();
  (BINARY ? it : it.skip)(
    'vcenter: collects from the simulator and applies, with a clean failure on a wrong password',
    async () => {
      const sim = await Vcsim.start(BINARY as string, ['-standalone-host', '0', '-host', '1', '-vm', '1', '-username', 'admin', '-password', VC_PASSWORD]);
      try {
        const seed = await sim.session('admin', VC_PASSWORD);
        const [vm] = await seed.list('VirtualMachine');
        await seed.setGuestIp(vm.ref, '127.0.30.1');
        await seed.close();
        const file = path.join(dir, 'vcenter.json');
        const base = ['vcenter', '--server', '127.0.0.1', '--port', String(sim.port), '--username', 'admin', '--insecure'];
        const run = await cli(...base, '--password', VC_PASSWORD, '--mode', 'apply', '--output', file);
        expect(run.code).toBe(0);
        expect(run.out.split('\n')).toEqual([
          `Bundle written to ${file}`,
          'Collected 1 hosts and 1 VMs from vCenter',
          'ipocket import mode: apply',
          'Import summary: create=3, update=0, skip=0',
        ]);
        expect(fs.readFileSync(file, 'utf8')).not.toContain(VC_PASSWORD);
        const wrong = await cli(...base, '--password', 'nope', '--mode', 'dry-run');
        expect(wrong).toMatchObject({ code: 1, err: "error: Failed to connect to vCenter '127.0.0.1': Login failure (InvalidLogin)" });
      } finally {
        await sim.stop();
      }
    },
    60_000,
  );
});
