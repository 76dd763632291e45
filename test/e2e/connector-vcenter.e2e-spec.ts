import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { freePort } from '../support/prometheus-server';
import { bearer, TestApp } from '../support/test-app';
import { Vcsim, vcsimBinary } from '../support/vcsim';

/**
 * The vCenter connector against govmomi's simulator over the real SOAP API: one model host (vmk0 =
 * 127.0.0.1), two hosts added by IP literal, four VMs of which three get guest IPs. All addresses are loopback.
 */
const BINARY = vcsimBinary();
if (!BINARY) console.warn('SKIPPED connector-vcenter.e2e-spec: ../shared/tools/vcsim-setup.sh not found and no vcsim binary ($VCSIM_BIN, .cache/vcsim).');
const describeWithVcsim = BINARY ? describe : describe.skip;

const USER = 'administrator@vsphere.local';
const PASSWORD = 'vc-Secret-9d1f0e';

describeWithVcsim('vCenter connector against vcsim', () => {
  let t: TestApp;
  let sim: Vcsim;
  let editor: string;
  let viewer: string;
  let vmNames: string[];

  const options = (mode: string, extra: object = {}) => ({ server: sim.server, port: sim.port, username: USER, password: PASSWORD, insecure: true, mode, ...extra });
  async function runJob(token: string, body: object): Promise<any> {
    const started = await t.http.post('/connectors/vcenter/runs').set(bearer(token)).send(body).expect(200);
    await t.app.get(ConnectorJobsService).drain();
    return (await t.http.get(`/connectors/jobs/${started.body.job_id}`).set(bearer(token)).expect(200)).body;
  }
  const lines = (job: { log: string[] }) => job.log.map((line) => line.slice(20));
  const asset = async (ip: string) => (await t.http.get(`/ip-assets/${ip}`).set(bearer(editor)).expect(200)).body;

  beforeAll(async () => {
    sim = await Vcsim.start(BINARY as string, ['-standalone-host', '0', '-host', '1', '-vm', '4', '-username', USER, '-password', PASSWORD]);
    const seed = await sim.session(USER, PASSWORD);
    const [cluster] = await seed.list('ClusterComputeResource');
    await seed.addHost(cluster.ref, '127.0.10.11');
    await seed.addHost(cluster.ref, '127.0.10.12');
    const vms = await seed.list('VirtualMachine');
    vmNames = vms.map((vm) => vm.name);
    await seed.setGuestIps(vms.slice(0, 3).map((vm, i) => ({ vm: vm.ref, ip: `127.0.20.${i + 1}` })));
    await seed.close();
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
    viewer = await t.tokenFor(Role.Viewer);
  }, 15 * 60_000);

  afterAll(async () => {
    await sim?.stop();
    await t?.close();
  }, 30_000);

  it('dry-runs: counts hosts and addresses, warns about the VM without an IPv4, writes nothing', async () => {
    const job = await runJob(viewer, options('dry-run'));
    expect(job.state).toBe('succeeded');
    expect(vmNames).toHaveLength(4);
    expect(lines(job)).toEqual([
      'Job queued (mode dry-run).',
      'Job started: vCenter dry-run.',
      "Connected to vCenter '127.0.0.1'.",
      'Collected 3 hosts and 4 VMs.',
      'Prepared bundle with 6 IP assets.',
      'Import mode: dry-run. Summary create=9, update=0, skip=0.',
      'Import completed without warnings or errors.',
      'Connector warnings: 1',
      `- Skipped VM '${vmNames[3]}' because no IPv4 guest IP was found.`,
      'Job succeeded.',
    ]);
    expect(job.result.summary.hosts).toEqual({ would_create: 3, would_update: 0, would_skip: 0 });
    expect(job.result.plan.records.map((r: any) => `${r.action} ${r.ip_address}`)).toEqual([
      'CREATE 127.0.0.1',
      'CREATE 127.0.10.11',
      'CREATE 127.0.10.12',
      'CREATE 127.0.20.1',
      'CREATE 127.0.20.2',
      'CREATE 127.0.20.3',
    ]);
    expect(job.result.options.password).toBe('');
    await t.http.get('/ip-assets/127.0.10.11').set(bearer(editor)).expect(404);
  }, 60_000);

  it('applies: ESXi hosts with OS addresses tagged esxi, VMs as VM addresses with their host in the note', async () => {
    const job = await runJob(editor, options('apply'));
    expect(job.state).toBe('succeeded');
    expect(job.result.summary.total).toEqual({ would_create: 9, would_update: 0, would_skip: 0 });

    const hosts = (await t.http.get('/hosts').set(bearer(editor)).expect(200)).body as any[];
    expect(hosts.map((h) => h.name).sort()).toEqual(['127.0.10.11', '127.0.10.12', 'DC0_C0_H0']);
    expect(hosts.every((h) => h.notes === 'Imported from vCenter host inventory.')).toBe(true);
    const esxi = await asset('127.0.10.11');
    expect(esxi).toMatchObject({ type: 'OS', tags: ['esxi'], notes: 'vCenter host: 127.0.10.11', host_id: hosts.find((h) => h.name === '127.0.10.11').id, archived: false });
    expect(await asset('127.0.0.1')).toMatchObject({ type: 'OS', notes: 'vCenter host: DC0_C0_H0', host_id: hosts.find((h) => h.name === 'DC0_C0_H0').id });
    const vm = await asset('127.0.20.1');
    expect(vm).toMatchObject({ type: 'VM', tags: [], host_id: null, notes: `vCenter VM: ${vmNames[0]} (host: DC0_C0_H0)` });

    const audit = await t.http.get('/audit-log?target_type=IMPORT_RUN').set(bearer(editor)).expect(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ target_label: 'connector_vcenter', changes: 'Import apply source=connector_vcenter; input=connector:vcenter; create=9; update=0; skip=0; warnings=0; errors=0.' });
    expect(JSON.stringify(audit.body)).not.toContain(PASSWORD);
  }, 60_000);

  it('a second run reports everything as skip', async () => {
    const job = await runJob(editor, options('apply'));
    expect(job.result.summary.total).toEqual({ would_create: 0, would_update: 0, would_skip: 9 });
    expect(job.result.plan.records.every((r: any) => r.action === 'SKIP')).toBe(true);
    expect(lines(job)).toContain('Import mode: apply. Summary create=0, update=0, skip=9.');
  }, 60_000);

  it('keeps manual notes, merges tags, overwrites the type and restores archived addresses', async () => {
    await t.http.patch('/ip-assets/127.0.20.2').set(bearer(editor)).send({ notes: 'owned by db team', tags: ['db'], type: 'OTHER' }).expect(200);
    await t.http.patch('/ip-assets/127.0.10.12').set(bearer(editor)).send({ tags: ['rack-1'] }).expect(200);
    await t.http.post('/ip-assets/127.0.20.3/archive').set(bearer(editor)).expect(204);
    const job = await runJob(editor, options('apply'));
    expect(job.result.summary.ip_assets).toEqual({ would_create: 0, would_update: 3, would_skip: 3 });
    expect(await asset('127.0.20.2')).toMatchObject({ type: 'VM', notes: 'owned by db team', tags: ['db'] });
    expect((await asset('127.0.10.12')).tags).toEqual(['esxi', 'rack-1']);
    expect(await asset('127.0.20.3')).toMatchObject({ archived: false });
  }, 60_000);

  it('fails cleanly on a wrong password, without echoing it', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const job = await runJob(viewer, options('dry-run', { password: wrong }));
    expect(job.state).toBe('failed');
    expect(job.result.error).toBe("Failed to connect to vCenter '127.0.0.1': Login failure (InvalidLogin)");
    expect(JSON.stringify(job)).not.toContain(wrong);
  }, 60_000);

  it('fails cleanly on an unreachable server and on an unverified certificate', async () => {
    const closed = await freePort();
    const refused = await runJob(viewer, options('dry-run', { port: closed }));
    expect(refused.state).toBe('failed');
    expect(refused.result.error).toBe(`Failed to connect to vCenter '127.0.0.1': connection refused (127.0.0.1:${closed})`);
    const verified = await runJob(viewer, options('dry-run', { insecure: false }));
    expect(verified.state).toBe('failed');
    expect(verified.result.error).toMatch(/^Failed to connect to vCenter '127\.0\.0\.1': TLS error: .*certificate/);
  }, 60_000);
});
