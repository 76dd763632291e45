import type { BundleHost, BundleIpAsset } from '../framework/connector';
import { ConnectorError } from '../framework/connector';
import { classifyIpv4, inventoryAsset, isFirstSighting, isJsonObject as isObject, normaliseGeneratedTag, parseRemoteJson, refusalReason, withGeneratedTag } from '../framework/parsing';

/** A host record of `/api/host` as the connector uses it (connectors.md §5.2). */
export interface CephHost {
  hostname: string;
  addr: string;
  labels: string[];
}

/** The host list and, when the payload names it, the cluster (a real Dashboard never does). */
export interface CephInventory {
  clusterName?: string;
  hosts: CephHost[];
}

export interface CephMapping {
  assetType: string;
  projectName?: string;
  tags: string[];
  note?: string;
  includeClusterNameTag: boolean;
  includeLabelTags: boolean;
}

export interface CephExtraction {
  hosts: BundleHost[];
  ipAssets: BundleIpAsset[];
  warnings: string[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const HOST_LIST_KEYS = ['hosts', 'data', 'items', 'results'] as const;

const parseJson = (body: string): unknown => parseRemoteJson(body, 'Ceph API returned invalid JSON.');

/** The session token of a `POST /api/auth` answer, or the hard failure of §5.1. */
export function parseCephToken(body: string): string {
  const payload = parseJson(body);
  if (!isObject(payload)) throw new ConnectorError('Ceph auth response was not a JSON object.');
  const token = typeof payload.token === 'string' ? payload.token.trim() : '';
  if (token === '') throw new ConnectorError('Ceph auth response did not include a token.');
  return token;
}

/**
 * The host records of an object payload: the first of `hosts`, `data`, `items`, `results` holding a list (an
 * object there is searched the same way), else the object itself when it looks like a host. `null` = none.
 */
function hostRecords(payload: Record<string, unknown>): { records: unknown[]; clusterName: string } | null {
  const clusterName = text(payload.cluster_name) || text(payload.cluster);
  for (const key of HOST_LIST_KEYS) {
    const value = payload[key];
    if (Array.isArray(value)) return { records: value, clusterName };
    if (isObject(value)) {
      const nested = hostRecords(value);
      if (nested) return { records: nested.records, clusterName: clusterName || nested.clusterName };
    }
  }
  if ('hostname' in payload || 'addr' in payload) return { records: [payload], clusterName };
  return null;
}

/** One host record: hostname (else `host`, else `ceph-host-<position>`), trimmed addr, non-empty string labels. */
function readHost(record: Record<string, unknown>, position: number): CephHost {
  const labels = Array.isArray(record.labels) ? record.labels.map(text).filter((l) => l !== '') : [];
  return { hostname: text(record.hostname) || text(record.host) || `ceph-host-${position}`, addr: text(record.addr), labels };
}

/** A `GET /api/host` answer in any of the payload shapes of §5.2, or its hard failure. Non-object items are ignored. */
export function parseCephHosts(body: string): CephInventory {
  const payload = parseJson(body);
  let found: { records: unknown[]; clusterName: string } | null;
  if (Array.isArray(payload)) found = { records: payload, clusterName: '' };
  else if (isObject(payload)) found = hostRecords(payload);
  else throw new ConnectorError('Ceph host response was not a JSON object or list.');
  if (!found) throw new ConnectorError('Ceph host response did not include host records.');
  const hosts = found.records.filter(isObject).map((record, i) => readHost(record, i + 1));
  return { hosts, ...(found.clusterName ? { clusterName: found.clusterName } : {}) };
}

/**
 * Host records → hosts and addresses (connectors.md §5.3–5.4). Every host becomes a bundle host, even when its
 * address is unusable; each IPv4 `addr` becomes an address linked to it. Skips are warnings.
 */
export function extractCephInventory(inventory: CephInventory, mapping: CephMapping): CephExtraction {
  const warnings: string[] = [];
  let baseTags = [...mapping.tags];
  if (mapping.includeClusterNameTag) {
    const clusterTag = normaliseGeneratedTag(inventory.clusterName ?? '');
    if (clusterTag) baseTags = withGeneratedTag(baseTags, clusterTag);
    else warnings.push('Ceph cluster name tag skipped: cluster_name is missing or empty after normalization.');
  }
  const hosts: BundleHost[] = [];
  const ipAssets: BundleIpAsset[] = [];
  const seen = new Set<string>();
  for (const host of inventory.hosts) {
    const name = host.hostname;
    hosts.push({ name });
    const candidate = classifyIpv4(host.addr);
    if ('refusal' in candidate) {
      warnings.push(`Host '${name}' skipped: ${refusalReason(candidate.refusal, 'addr', host.addr)}`);
      continue;
    }
    if (!isFirstSighting(seen, candidate.ip, `(host '${name}')`, warnings)) continue;
    let tags = baseTags;
    if (mapping.includeLabelTags) for (const label of host.labels.map(normaliseGeneratedTag).filter((t) => t !== '')) tags = withGeneratedTag(tags, label);
    ipAssets.push(inventoryAsset(candidate.ip, { ...mapping, tags }, name));
  }
  return { hosts, ipAssets, warnings };
}
