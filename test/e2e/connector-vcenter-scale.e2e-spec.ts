import { Role } from '../../src/common/actor';
import { ConnectorJobsService } from '../../src/connectors/connector-jobs.service';
import { bearer, TestApp } from '../support/test-app';
import { Vcsim, vcsimBinary } from '../support/vcsim';

/**
 * 5,000 simulated VMs, each with its own guest address, through a dry-run and an apply job. The duration is
 * printed (docs/performance.md records it; bench/scenarios/connectors.ts measures it), never asserted.
 */
const BINARY = vcsimBinary();
const describeWithVcsim = BINARY ? describe : describe.skip;
const VMS = 5000;

describeWithVcsim('vCenter connector with 5,000 VMs', () => {
  let t: TestApp;
  let sim: Vcsim;
  let editor: string;

  beforeAll(async () => {
    sim = await Vcsim.start(BINARY as string, ['-standalone-host', '0', '-host', '1', '-vm', String(VMS)]);
    const seed = await sim.session();
    const vms = await seed.list('VirtualMachine');
    await seed.setGuestIps(vms.map((vm, i) => ({ vm: vm.ref, ip: `127.1.${i >> 8}.${i & 255}` })));
    await seed.close();
    t = await TestApp.start();
    editor = await t.tokenFor(Role.Editor);
  }, 10 * 60_000);

  afterAll(async () => {
    await sim?.stop();
    await t?.close();
  }, 60_000);

  async function run(mode: string): Promise<{ job: any; seconds: number }> {
    const started = Date.now();
    const { job_id } = (await t.http.post('/connectors/vcenter/runs').set(bearer(editor)).send({ server: '127.0.0.1', port: sim.port, username: 'u', password: 'p', insecure: true, mode }).expect(200)).body;
    await t.app.get(ConnectorJobsService).drain();
    const seconds = (Date.now() - started) / 1000;
    return { job: (await t.http.get(`/connectors/jobs/${job_id}`).set(bearer(editor)).expect(200)).body, seconds };
  }

  it('dry-runs and applies every VM address', async () => {
    const dry = await run('dry-run');
    expect(dry.job.state).toBe('succeeded');
    expect(dry.job.result.summary.ip_assets).toEqual({ would_create: VMS + 1, would_update: 0, would_skip: 0 });
    const apply = await run('apply');
    expect(apply.job.state).toBe('succeeded');
    expect(apply.job.result.summary.ip_assets).toEqual({ would_create: VMS + 1, would_update: 0, would_skip: 0 });
    const again = await run('dry-run');
    expect(again.job.result.summary.ip_assets).toEqual({ would_create: 0, would_update: 0, would_skip: VMS + 1 });
    const list = await t.http.get('/ip-assets?type=VM&limit=1').set(bearer(editor)).expect(200);
    expect(list.headers['x-total-count']).toBe(String(VMS));
    console.log(`vCenter ${VMS} VMs: dry-run ${dry.seconds.toFixed(1)} s, apply ${apply.seconds.toFixed(1)} s, re-run dry-run ${again.seconds.toFixed(1)} s`);
  }, 5 * 60_000);
});
