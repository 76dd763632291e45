import { random } from '../../bench/dataset';
import { Answer, ApiClient, assetBundle, RawDatabase } from './reliability-support';

/**
 * A mixed write workload for the concurrency suite: many workers at once creating, patching, bulk-updating,
 * archiving, allocating and importing, each keeping a log of what it sent and what it got back, and the
 * invariants checked afterwards against the database and the audit log.
 */

export const PATCH_TARGETS = Array.from({ length: 12 }, (_, i) => `10.60.0.${i + 1}`);
export const ARCHIVE_TARGETS = Array.from({ length: 10 }, (_, i) => `10.60.1.${i + 1}`);
export const CONTESTED = Array.from({ length: 10 }, (_, i) => `10.62.0.${i + 1}`);
export const IMPORT_SHARED = Array.from({ length: 4 }, (_, i) => `10.64.0.${i + 1}`);
export const RANGE_CIDR = '10.77.0.0/24';
const INITIAL_NOTES = 'initial';
const TYPES = ['VM', 'OS', 'VIP', 'OTHER'];

export interface Fixture {
  rangeId: number;
  projectIds: number[];
}

/** What the workload sent and got back, per kind. */
export interface WorkloadLog {
  /** Every write aimed at a PATCH target: notes and type it would leave, and whether it succeeded. */
  writes: Map<string, Array<{ notes: string; type: string; ok: boolean }>>;
  creates: Array<{ ip: string; status: number }>;
  archives: Array<{ ip: string; status: number }>;
  allocations: Array<{ status: number; addresses: string[] }>;
  imports: Array<{ status: number; own: string[]; shared: string }>;
  /** Every answer of 500 or more, with what caused it. */
  serverErrors: string[];
}

export async function prepare(client: ApiClient): Promise<Fixture> {
  const must = <T>(what: string, answer: Answer<T>) => {
    if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const projectIds: number[] = [];
  for (const name of ['conc-a', 'conc-b']) projectIds.push(must('project', await client.send<{ id: number }>('POST', '/projects', { name })).id);
  for (const ip of [...PATCH_TARGETS, ...ARCHIVE_TARGETS]) must(ip, await client.send('POST', '/ip-assets', { ip_address: ip, type: 'VM', notes: INITIAL_NOTES }));
  const range = must('range', await client.send<{ id: number }>('POST', '/ranges', { name: 'conc-range', cidr: RANGE_CIDR }));
  return { rangeId: range.id, projectIds };
}

export function emptyLog(): WorkloadLog {
  return { writes: new Map(PATCH_TARGETS.map((ip) => [ip, []])), creates: [], archives: [], allocations: [], imports: [], serverErrors: [] };
}

/**
 * `workers` clients × `operations` each, all started at once; worker w talks to clients[w % clients.length]
 * (two app instances share the work when two clients are given). Deterministic per (worker, operation).
 */
export async function runWorkload(clients: ApiClient[], fixture: Fixture, workers: number, operations: number): Promise<WorkloadLog> {
  const log = emptyLog();
  const note = (what: string, answer: Answer) => {
    if (answer.status >= 500) log.serverErrors.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const worker = async (w: number) => {
    const client = clients[w % clients.length];
    const rnd = random(1000 + w);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
    for (let i = 0; i < operations; i++) {
      const tag = `w${w}-o${i}`;
      const kind = pick(['create', 'contested', 'patch', 'patch', 'bulk', 'archive', 'allocate', 'import']);
      if (kind === 'create' || kind === 'contested') {
        const ip = kind === 'create' ? `10.61.${w}.${i + 1}` : pick(CONTESTED);
        const answer = note(`create ${ip}`, await client.send('POST', '/ip-assets', { ip_address: ip, type: 'VM', notes: tag }));
        log.creates.push({ ip, status: answer.status });
      } else if (kind === 'patch') {
        const ip = pick(PATCH_TARGETS);
        const write = { notes: `patch-${tag}`, type: pick(TYPES) };
        const answer = note(`patch ${ip}`, await client.send('PATCH', `/ip-assets/${ip}`, { ...write, project_id: pick(fixture.projectIds) }));
        log.writes.get(ip)!.push({ ...write, ok: answer.status === 200 });
      } else if (kind === 'bulk') {
        const targets = [...new Set([pick(PATCH_TARGETS), pick(PATCH_TARGETS), pick(PATCH_TARGETS)])];
        const write = { notes: `bulk-${tag}`, type: pick(TYPES) };
        const answer = note(`bulk ${targets}`, await client.send('POST', '/ip-assets/bulk', { ip_addresses: targets, type: write.type, notes_action: 'overwrite', notes: write.notes, add_tags: [`t${w % 3}`] }));
        for (const ip of targets) log.writes.get(ip)!.push({ ...write, ok: answer.status === 200 });
      } else if (kind === 'archive') {
        const ip = pick(ARCHIVE_TARGETS);
        log.archives.push({ ip, status: note(`archive ${ip}`, await client.send('POST', `/ip-assets/${ip}/archive`)).status });
      } else if (kind === 'allocate') {
        const answer = note('allocate', await client.send<Array<{ ip_address: string }>>('POST', `/ranges/${fixture.rangeId}/allocate`, { count: 1 + (i % 2), type: 'VM', notes: tag }));
        log.allocations.push({ status: answer.status, addresses: answer.status === 200 ? answer.body.map((a: { ip_address: string }) => a.ip_address) : [] });
      } else {
        const own = [`10.63.${w}.${2 * i + 1}`, `10.63.${w}.${2 * i + 2}`];
        const shared = pick(IMPORT_SHARED);
        const bundle = assetBundle([...own.map((ip) => ({ ip_address: ip, notes: tag })), { ip_address: shared, notes: `import-${tag}` }]);
        const answer = note(`import ${own}`, await client.upload('/import/bundle', bundle, 'bundle.json'));
        log.imports.push({ status: answer.status, own, shared });
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return log;
}

/** What the invariant checks found; every list empty means the run was clean. */
export interface InvariantReport {
  checks: Record<string, string[]>;
  counts: { requests: number; succeeded: number; allocatedAddresses: number };
}

const notesChange = /(?:^|; )notes: (.*?) -> (.*?)(?:; (?:tags|type|project|host):|$)/;

export async function checkInvariants(db: RawDatabase, log: WorkloadLog): Promise<InvariantReport> {
  const checks: Record<string, string[]> = {};
  const fail = (name: string, problem?: string) => {
    checks[name] ??= [];
    if (problem) checks[name].push(problem);
  };
  ['no 5xx', 'no duplicate address', 'no lost update', 'audit matches writes', 'allocation unique', 'creates', 'archives', 'imports all or nothing'].forEach((name) => fail(name));
  log.serverErrors.forEach((e) => fail('no 5xx', e));

  const assetRows = await db.query<{ id: number; ip_address: string; type: string; notes: string | null; archived: unknown }>('SELECT id, ip_address, type, notes, archived FROM ip_assets');
  const assets = new Map(assetRows.map((a) => [a.ip_address, { ...a, id: Number(a.id), archived: a.archived === true || Number(a.archived) === 1 }]));
  for (const dup of await db.query<{ ip_key: string; n: unknown }>('SELECT ip_key, COUNT(*) AS n FROM ip_assets GROUP BY ip_key HAVING COUNT(*) > 1')) fail('no duplicate address', `${dup.ip_key} × ${dup.n}`);
  for (const dup of await db.query<{ ip_address: string; n: unknown }>('SELECT ip_address, COUNT(*) AS n FROM ip_assets GROUP BY ip_address HAVING COUNT(*) > 1')) fail('no duplicate address', `${dup.ip_address} × ${dup.n}`);

  const audit = await db.query<{ id: number; target_id: number; target_label: string; action: string; changes: string }>(
    `SELECT id, target_id, target_label, action, changes FROM audit_logs WHERE target_type IN ('IP_ASSET', 'RANGE') ORDER BY id`,
  );
  const auditFor = (ip: string, action: string) => audit.filter((a) => a.target_label === ip && a.action === action);

  // Lost updates: every PATCH target ends in the state of one successful write, and its audit trail is one
  // unbroken chain initial → … → final with one UPDATE row per successful write (none for refused ones).
  for (const [ip, writes] of log.writes) {
    const row = assets.get(ip);
    if (!row) {
      fail('no lost update', `${ip} is gone`);
      continue;
    }
    const ok = writes.filter((w) => w.ok);
    if (ok.length !== writes.length) fail('no lost update', `${ip}: ${writes.length - ok.length} write(s) refused`);
    const final = { notes: row.notes ?? '', type: row.type };
    if (ok.length === 0 ? final.notes !== INITIAL_NOTES : !ok.some((w) => w.notes === final.notes && w.type === final.type)) {
      fail('no lost update', `${ip} ended as ${JSON.stringify(final)}, which no write sent`);
    }
    const chain = auditFor(ip, 'UPDATE').map((a) => notesChange.exec(a.changes));
    if (chain.length !== ok.length) fail('audit matches writes', `${ip}: ${chain.length} UPDATE audit rows for ${ok.length} successful writes`);
    let current = INITIAL_NOTES;
    for (const step of chain) {
      if (!step) {
        fail('audit matches writes', `${ip}: an UPDATE audit row without a notes change`);
        break;
      }
      if (step[1] !== current) fail('audit matches writes', `${ip}: audit says notes went from "${step[1]}" but they were "${current}"`);
      if (!ok.some((w) => w.notes === step[2])) fail('audit matches writes', `${ip}: audit records notes "${step[2]}" that no successful write sent`);
      current = step[2];
    }
    if (current !== final.notes) fail('audit matches writes', `${ip}: audit trail ends at "${current}", the row holds "${final.notes}"`);
  }

  // Creates: a unique address always succeeds; a contested one has exactly one winner; one CREATE audit row each.
  const byIp = new Map<string, number[]>();
  for (const c of log.creates) byIp.set(c.ip, [...(byIp.get(c.ip) ?? []), c.status]);
  for (const [ip, statuses] of byIp) {
    const won = statuses.filter((s) => s === 200).length;
    if (won !== 1) fail('creates', `${ip}: ${won} successful creates (${statuses})`);
    if (statuses.some((s) => s !== 200 && s !== 409)) fail('creates', `${ip}: unexpected statuses ${statuses}`);
    if (!assets.has(ip)) fail('creates', `${ip}: created but not stored`);
    const created = auditFor(ip, 'CREATE').length;
    if (created !== 1) fail('audit matches writes', `${ip}: ${created} CREATE audit rows`);
  }

  // Archives: idempotent (204 every time), archived once, one ARCHIVE audit row per archived asset.
  for (const ip of new Set(log.archives.map((a) => a.ip))) {
    const statuses = log.archives.filter((a) => a.ip === ip).map((a) => a.status);
    if (statuses.some((s) => s !== 204)) fail('archives', `${ip}: statuses ${statuses}`);
    if (!assets.get(ip)?.archived) fail('archives', `${ip} is not archived`);
    const rows = auditFor(ip, 'ARCHIVE').length;
    if (rows !== 1) fail('audit matches writes', `${ip}: ${rows} ARCHIVE audit rows for ${statuses.length} archive requests`);
  }

  // Allocation: no address handed out twice, every one stored, one RANGE ALLOCATE audit row per success.
  const handedOut = log.allocations.flatMap((a) => a.addresses);
  const seen = new Set<string>();
  for (const ip of handedOut) {
    if (seen.has(ip)) fail('allocation unique', `${ip} handed out twice`);
    seen.add(ip);
    if (!ip.startsWith('10.77.0.')) fail('allocation unique', `${ip} is outside ${RANGE_CIDR}`);
    if (!assets.has(ip)) fail('allocation unique', `${ip} handed out but not stored`);
  }
  for (const a of log.allocations) if (a.status !== 200) fail('allocation unique', `allocation answered ${a.status}`);
  const allocationAudit = audit.filter((a) => a.action === 'ALLOCATE');
  if (allocationAudit.length !== log.allocations.filter((a) => a.status === 200).length) fail('audit matches writes', `${allocationAudit.length} ALLOCATE audit rows for ${log.allocations.length} allocations`);
  const audited = allocationAudit.flatMap((a) => a.changes.replace(/^.*: /, '').split(', ')).sort();
  if (JSON.stringify(audited) !== JSON.stringify([...handedOut].sort())) fail('audit matches writes', 'ALLOCATE audit rows list other addresses than the responses');
  const stored = assetRows.filter((a) => a.ip_address.startsWith('10.77.0.')).length;
  if (stored !== handedOut.length) fail('allocation unique', `${stored} assets in the range, ${handedOut.length} handed out`);

  // Imports: an applied bundle is there in full, a refused one not at all; never a 5xx.
  for (const imp of log.imports) {
    const present = imp.own.filter((ip) => assets.has(ip)).length;
    if (imp.status === 200 ? present !== imp.own.length : present !== 0) fail('imports all or nothing', `import of ${imp.own} answered ${imp.status} and left ${present} of its assets`);
    if (imp.status !== 200 && imp.status !== 409) fail('imports all or nothing', `import answered ${imp.status}`);
  }
  for (const ip of new Set(log.imports.filter((i) => i.status === 200).map((i) => i.shared))) if (!assets.has(ip)) fail('imports all or nothing', `${ip} missing`);

  const requests = log.creates.length + [...log.writes.values()].flat().length + log.archives.length + log.allocations.length + log.imports.length;
  const succeeded = log.creates.filter((c) => c.status === 200).length + log.archives.length + log.allocations.filter((a) => a.status === 200).length + log.imports.filter((i) => i.status === 200).length;
  return { checks, counts: { requests, succeeded, allocatedAddresses: handedOut.length } };
}
