import { ConnectorRegistry } from '../../src/connectors/framework/connector-registry';
import { ConnectorRunner } from '../../src/connectors/framework/connector-runner';
import { Vcsim, vcsimBinary } from '../../test/support/vcsim';
import type { BenchContext, Scenario } from '../scenarios';

/**
 * The vCenter connector at 5,000 VMs (issue 7: dry-run and apply within 60 s each). govmomi's simulator is
 * started with `-vm 5000` and every VM gets its own guest address (127.2.x.y: loopback, distinct from the
 * seeded dataset); the first scenario does that setup and is reported for reference. The runs go through the
 * same runner the jobs and the CLI use: SOAP collection, bundle, import pipeline. Listed by bench/scenarios.ts
 * as `...CONNECTOR_SCENARIOS`.
 */
const VMS = 5000;
let sim: Vcsim | undefined;

async function vcenterRun(ctx: BenchContext, mode: 'dry-run' | 'apply'): Promise<void> {
  if (!sim) throw new Error('the vcsim setup scenario did not run');
  const app = ctx.app!;
  const provider = app.get(ConnectorRegistry).get('vcenter');
  const options = await app.get(ConnectorRegistry).parseOptions(provider, { server: '127.0.0.1', port: sim.port, username: 'bench', password: 'bench-pass', insecure: true, mode });
  const result = await app.get(ConnectorRunner).run(provider, options, mode, null, 100);
  const created = result.outcome?.summary.ip_assets.would_create ?? 0;
  if (result.outcome?.errors.length) throw new Error(`import refused: ${result.outcome.errors[0].message}`);
  if (mode === 'dry-run' && created < VMS) throw new Error(`expected ${VMS} new addresses, got ${created}`);
}

export const CONNECTOR_SCENARIOS: Scenario[] = [
  {
    name: 'vcsim 5,000 VMs: start and seed guest IPs (setup)',
    target: 'reference',
    iterations: 1,
    inProcess: true,
    run: async () => {
      const binary = vcsimBinary();
      if (!binary) throw new Error('no vcsim: run ../shared/tools/vcsim-setup.sh .cache/vcsim');
      sim = await Vcsim.start(binary, ['-standalone-host', '0', '-host', '1', '-vm', String(VMS)]);
      const seed = await sim.session();
      const vms = await seed.list('VirtualMachine');
      await seed.setGuestIps(vms.map((vm, i) => ({ vm: vm.ref, ip: `127.2.${i >> 8}.${i & 255}` })));
      await seed.close();
    },
  },
  {
    name: 'vCenter connector, 5,000 VMs, dry-run',
    target: '≤ 60 s',
    targetP95Ms: 60_000,
    iterations: 1,
    inProcess: true,
    run: (ctx) => vcenterRun(ctx, 'dry-run'),
  },
  {
    name: 'vCenter connector, 5,000 VMs, apply (one transaction)',
    target: '≤ 60 s',
    targetP95Ms: 60_000,
    iterations: 1,
    inProcess: true,
    run: async (ctx) => {
      try {
        await vcenterRun(ctx, 'apply');
      } finally {
        await sim?.stop();
        sim = undefined;
      }
    },
  },
];
