import type { ImportOutcome } from './import-pipeline';

const ENTITIES = [
  ['Vendors', 'vendors'],
  ['Projects', 'projects'],
  ['Hosts', 'hosts'],
  ['IP Assets', 'ip_assets'],
  ['Total', 'total'],
] as const;

/** The human-readable import result the CLI prints (the UI renders the same lines). */
export function formatImportReport(outcome: ImportOutcome, dryRun: boolean): string {
  const lines: string[] = [];
  if (outcome.nmap) {
    const n = outcome.nmap;
    lines.push(`Discovered up hosts: ${n.discovered_up_hosts}`, `New IPs ${dryRun ? 'to create' : 'created'}: ${n.new_ips_created}`, `Existing IPs seen: ${n.existing_ips_seen}`);
    for (const e of n.errors) lines.push(`error: ${e}`);
  } else {
    for (const [label, key] of ENTITIES) {
      const c = outcome.summary[key];
      lines.push(`${label}: ${c.would_create} create, ${c.would_update} update, ${c.would_skip} skip`);
    }
  }
  for (const e of outcome.errors) lines.push(`error: ${e.location}: ${e.message}`);
  for (const w of outcome.warnings) lines.push(`warning: ${w.location}: ${w.message}`);
  const { records, total, offset } = outcome.plan;
  if (records.length > 0) {
    lines.push(`Changes (${offset + 1}-${offset + records.length} of ${total}):`);
    for (const r of records) {
      const changes = Object.entries(r.changes).map(([field, [before, after]]) => `${field}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      lines.push(`  ${r.action.padEnd(6)} ${r.ip_address}${changes.length ? `  ${changes.join('; ')}` : ''}`);
    }
  }
  lines.push(outcome.errors.length > 0 ? 'Nothing was written.' : dryRun ? 'Dry-run: nothing was written.' : 'Applied.');
  return lines.join('\n');
}
