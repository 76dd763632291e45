import type { PlanRecord } from '../../imports/import-planner';
import type { ConnectorProvider } from './connector';
import type { ConnectorRunResult } from './connector-runner';

const PREVIEW_IPS = 20;
const DIFF_LINES = 100;

export type ToastLevel = 'success' | 'warning' | 'error';
export interface RunToast {
  level: ToastLevel;
  message: string;
}

const modeName = (mode: string) => (mode === 'dry-run' ? 'dry-run' : mode);

const textOf = (v: unknown): string => (v === null || v === undefined || v === '' ? '' : String(v));
const orUnassigned = (v: unknown) => textOf(v) || 'Unassigned';
const setOrEmpty = (v: unknown) => (textOf(v) ? 'set' : 'empty');
const tagList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** One `- [CREATE|UPDATE|SKIP] <ip>: …` line of the dry-run per-IP block (connectors.md §2.6). */
export function perIpLine(record: PlanRecord, notesGiven: boolean): string {
  const c = record.changes;
  if (record.action === 'CREATE') {
    const tags = tagList(c.tags?.[1]);
    return `- [CREATE] ${record.ip_address}: type=${textOf(c.type?.[1])}; project=${orUnassigned(c.project?.[1])}; host=${orUnassigned(c.host?.[1])}; tags=[${tags.length ? tags.join(', ') : 'none'}]; notes=${setOrEmpty(c.notes?.[1])}; archived=${c.archived ? String(c.archived[1]) : 'false'}.`;
  }
  if (record.action === 'SKIP') return `- [SKIP] ${record.ip_address}: no field changes.`;
  const parts: string[] = [];
  if (c.type) parts.push(`type ${textOf(c.type[0])} -> ${textOf(c.type[1])}`);
  if (c.project) parts.push(`project ${orUnassigned(c.project[0])} -> ${orUnassigned(c.project[1])}`);
  if (c.host) parts.push(`host ${orUnassigned(c.host[0])} -> ${orUnassigned(c.host[1])}`);
  if (c.tags) {
    const before = tagList(c.tags[0]);
    const after = tagList(c.tags[1]);
    const added = after.filter((t) => !before.includes(t));
    const removed = before.filter((t) => !after.includes(t)).sort();
    const halves = [added.length ? `+[${added.join(', ')}]` : '', removed.length ? `-[${removed.join(', ')}]` : ''].filter(Boolean);
    if (halves.length) parts.push(`tags ${halves.join(' ')}`);
  }
  if (c.notes) parts.push(`notes ${setOrEmpty(c.notes[0])} -> ${setOrEmpty(c.notes[1])}`);
  // The importer leaves a non-empty note alone when the entry asks to preserve it: say so.
  else if (notesGiven && parts.length > 0) parts.push('notes preserved (existing note kept)');
  if (c.archived) parts.push(`archived ${String(c.archived[0])} -> ${String(c.archived[1])}`);
  return `- [UPDATE] ${record.ip_address}: ${parts.join('; ')}.`;
}

function perIpBlock(result: ConnectorRunResult): string[] {
  const assets = result.bundle.data.ip_assets;
  if (assets.length === 0) return ['Dry-run per-IP change details: no valid IP assets extracted.'];
  const notesGiven = new Map(assets.map((a) => [a.ip_address, a.notes !== undefined && a.preserve_existing_notes === true]));
  const records = result.outcome?.plan.records ?? [];
  const lines = ['Dry-run per-IP change details:'];
  for (const record of records.slice(0, DIFF_LINES)) lines.push(perIpLine(record, notesGiven.get(record.ip_address) ?? false));
  const total = result.outcome?.plan.total ?? records.length;
  if (total > DIFF_LINES) lines.push(`- Dry-run detail truncated: ${total - DIFF_LINES} more IP(s).`);
  return lines;
}

/** The job log of a finished run, in the order of connectors.md §0.6 (items 1–9). */
export function runLogLines(provider: ConnectorProvider<any>, result: ConnectorRunResult): string[] {
  const lines = [...result.collection.log];
  const outcome = result.outcome;
  if (result.mode === 'file') {
    const data = result.bundle.data;
    lines.push(`Bundle prepared with ${data.hosts.length} hosts and ${data.ip_assets.length} IP assets.`);
  }
  if (result.mode === 'dry-run' && provider.reportsIpPreview) {
    const ips = result.bundle.data.ip_assets.map((a) => a.ip_address);
    if (ips.length === 0) lines.push('Dry-run IP preview: no valid IPs were extracted.');
    else {
      lines.push(`Dry-run IP preview (${ips.length}): ${ips.slice(0, PREVIEW_IPS).join(', ')}`);
      if (ips.length > PREVIEW_IPS) lines.push(`Dry-run IP preview truncated: ${ips.length - PREVIEW_IPS} more IP(s).`);
    }
  }
  if (result.mode === 'dry-run' && provider.reportsPerIpDiff && outcome && outcome.errors.length === 0) lines.push(...perIpBlock(result));
  if (outcome) {
    const t = outcome.summary.total;
    lines.push(`Import mode: ${modeName(result.mode)}. Summary create=${t.would_create}, update=${t.would_update}, skip=${t.would_skip}.`);
    if (provider.summaryEntities.includes('hosts')) {
      const h = outcome.summary.hosts;
      lines.push(`Hosts summary: create=${h.would_create}, update=${h.would_update}, skip=${h.would_skip}.`);
    }
    if (provider.summaryEntities.includes('ip_assets')) {
      const a = outcome.summary.ip_assets;
      lines.push(`IP assets summary: create=${a.would_create}, update=${a.would_update}, skip=${a.would_skip}.`);
    }
    if (outcome.warnings.length) lines.push(`Import warnings: ${outcome.warnings.length}`, ...outcome.warnings.map((w) => `- ${w.location}: ${w.message}`));
    if (outcome.errors.length) lines.push(`Import errors: ${outcome.errors.length}`, ...outcome.errors.map((e) => `- ${e.location}: ${e.message}`));
    if (!outcome.warnings.length && !outcome.errors.length) lines.push('Import completed without warnings or errors.');
  }
  if (result.connectorWarnings.length) lines.push(`Connector warnings: ${result.connectorWarnings.length}`, ...result.connectorWarnings.map((w) => `- ${w}`));
  return lines;
}

/** The one outcome message of a run (§0.6 toast), prefixed `<Label> <mode>: `. */
export function runToast(provider: ConnectorProvider<any>, result: ConnectorRunResult): RunToast {
  const prefix = `${provider.label} ${result.mode}: `;
  const errors = result.outcome?.errors.length ?? 0;
  if (errors > 0) return { level: 'error', message: `${prefix}Connector completed with ${errors} import error(s).` };
  if ((result.outcome?.warnings.length ?? 0) > 0 || result.connectorWarnings.length > 0) return { level: 'warning', message: `${prefix}Connector completed with warnings. Review execution log.` };
  return { level: 'success', message: `${prefix}Connector completed successfully.` };
}

export const failureToast = (provider: ConnectorProvider<any>): RunToast => ({ level: 'error', message: `${provider.label} connector execution failed.` });
