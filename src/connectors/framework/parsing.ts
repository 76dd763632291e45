/** Shared parsing helpers of connectors.md §0.5. */

import { isIPv6 } from 'node:net';
import { BundleIpAsset, ConnectorError } from './connector';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** The canonical dotted quad when `raw` (trimmed) is an IPv4 address without leading zeros, else null. */
export function ipv4(raw: string): string | null {
  const text = raw.trim();
  return IPV4.test(text) ? text : null;
}

export const isLoopbackV4 = (ip: string): boolean => ip.startsWith('127.');

/** `[v6]:port` → v6; `host:port` (exactly one colon, numeric port) → host; otherwise the value itself. */
export function hostPart(value: string): string {
  const text = value.trim();
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1];
  const parts = text.split(':');
  if (parts.length === 2 && /^\d+$/.test(parts[1])) return parts[0];
  return text;
}

/** User tags (UI field / `--tags`): split on commas, trimmed, empties dropped; the importer lower-cases. */
export function splitUserTags(input: string | readonly string[] | undefined | null): string[] {
  if (input === undefined || input === null) return [];
  const items = typeof input === 'string' ? input.split(',') : input.flatMap((t) => t.split(','));
  return items.map((t) => t.trim()).filter((t) => t !== '');
}

/** Tag normaliser for generated tags (cluster names, labels): `Prod.ES 01` → `prod-es-01`; '' = no tag. */
export function normaliseGeneratedTag(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Appends a generated tag unless the same tag (case-insensitive, trimmed) is already there. */
export function withGeneratedTag(tags: readonly string[], tag: string): string[] {
  const wanted = tag.trim().toLowerCase();
  return tags.some((t) => t.trim().toLowerCase() === wanted) ? [...tags] : [...tags, tag];
}

/** Why a candidate address was refused (§0.5): not an address at all, IPv6 (also IPv4-mapped), or loopback. */
export type Ipv4Refusal = 'invalid' | 'ipv6' | 'loopback';

/**
 * Sorts one candidate into an importable IPv4 address or the reason it is not one, so each connector can word
 * its own warning. `raw` is the bare address (ports and brackets already removed).
 */
export function classifyIpv4(raw: string): { ip: string } | { refusal: Ipv4Refusal } {
  const ip = ipv4(raw);
  if (ip === null) return { refusal: isIPv6(raw.trim()) ? 'ipv6' : 'invalid' };
  return isLoopbackV4(ip) ? { refusal: 'loopback' } : { ip };
}

/**
 * A refusal as Elasticsearch, Cassandra and Ceph word it after `skipped: `; `source` names where the value came
 * from (`addr`, `source 'host' value`), `loopbackValue` is what the loopback message quotes (the bare host).
 */
export function refusalReason(refusal: Ipv4Refusal, source: string, value: string, loopbackValue = value): string {
  if (refusal === 'loopback') return `loopback IP '${loopbackValue}' is not allowed.`;
  if (refusal === 'ipv6') return `${source} '${value}' resolved to IPv6, but only IPv4 is supported.`;
  return `${source} '${value}' does not contain a valid IPv4 address.`;
}

/**
 * Records `ip` as seen; a later record of it is skipped with `Duplicate IP '<ip>' skipped[ <owner>].`, `owner`
 * worded as the connector words it (`(node 'es-01')`, `for VM 'web-01'`).
 */
export function isFirstSighting(seen: Set<string>, ip: string, owner: string, warnings: string[]): boolean {
  if (seen.has(ip)) {
    warnings.push(`Duplicate IP '${ip}' skipped${owner ? ` ${owner}` : ''}.`);
    return false;
  }
  seen.add(ip);
  return true;
}

/** What the inventory connectors (Elasticsearch, Kubernetes, Ceph, Cassandra) put on every address. */
export interface InventoryAssetOptions {
  assetType: string;
  projectName?: string;
  /** User tags plus generated ones; omitted from the entry when empty. */
  tags: readonly string[];
  /** Trimmed note; '' or undefined = not given (§0.5). */
  note?: string;
}

/** The option fields every inventory connector shares, as its mapping takes them (`fallbackType`: the DTO default). */
export function inventoryAssetOptions(o: { asset_type?: string; project_name?: string; tags?: string | readonly string[]; note?: string }, fallbackType = 'OTHER'): InventoryAssetOptions & { tags: string[] } {
  return { assetType: o.asset_type ?? fallbackType, projectName: o.project_name?.trim() || undefined, tags: splitUserTags(o.tags), note: o.note?.trim() || undefined };
}

/**
 * One address entry of the §0.4 flag matrix rows for Elasticsearch, Cassandra, Ceph and Kubernetes: tags
 * merged into existing ones, archived rows restored, project/tags only when given, and a given note written
 * with `notes_provided` (so it overwrites an existing note).
 */
export function inventoryAsset(ip: string, options: InventoryAssetOptions, hostName?: string): BundleIpAsset {
  const entry: BundleIpAsset = { ip_address: ip, type: options.assetType, ...(hostName !== undefined ? { host_name: hostName } : {}), merge_tags: true, archived: false };
  if (options.projectName) entry.project_name = options.projectName;
  if (options.tags.length > 0) entry.tags = [...options.tags];
  if (options.note) {
    entry.notes = options.note;
    entry.notes_provided = true;
  }
  return entry;
}

/** A command-line value that is a whole number above zero (`--timeout`); commander hands flags over as text. */
export const isPositiveIntegerText = (value: unknown): boolean => typeof value === 'string' && /^\s*\d+\s*$/.test(value) && Number(value) > 0;

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A remote answer's JSON, or the connector's hard failure `invalidJson` (e.g. `Kubernetes API returned invalid JSON.`). */
export function parseRemoteJson(body: string, invalidJson: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ConnectorError(invalidJson);
  }
}
