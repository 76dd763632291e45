import type { BundleHost, BundleIpAsset } from '../framework/connector';
import { ConnectorError } from '../framework/connector';
import { classifyIpv4, inventoryAsset, isFirstSighting, isJsonObject as isObject, normaliseGeneratedTag, parseRemoteJson, withGeneratedTag } from '../framework/parsing';

/** One page of `GET /api/v1/nodes`: its items, the continue token and the (rare) cluster name fields. */
export interface NodeListPage {
  items: unknown[];
  continueToken: string;
  clusterName?: string;
}

/** A node as the connector uses it (connectors.md §4.2). */
export interface KubernetesNode {
  name: string;
  labels: [string, string][];
  internalIps: string[];
}

export interface KubernetesMapping {
  assetType: string;
  projectName?: string;
  tags: string[];
  note?: string;
  /** The explicit `cluster_name` option; wins over anything in the payload. */
  clusterName?: string;
  includeClusterNameTag: boolean;
  includeLabelTags: boolean;
}

export interface KubernetesExtraction {
  nodes: number;
  hosts: BundleHost[];
  ipAssets: BundleIpAsset[];
  warnings: string[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** One NodeList answer, or the hard failure of §4.1. */
export function parseNodeList(body: string): NodeListPage {
  const payload = parseRemoteJson(body, 'Kubernetes API returned invalid JSON.');
  if (!isObject(payload)) throw new ConnectorError('Kubernetes node response was not a JSON object.');
  if (!Array.isArray(payload.items)) throw new ConnectorError('Kubernetes node response did not include an items list.');
  const metadata = isObject(payload.metadata) ? payload.metadata : {};
  // `metadata.clusterName` overrides a top-level `cluster_name`; a real NodeList has neither (§4.2).
  const clusterName = text(metadata.clusterName) || text(payload.cluster_name) || undefined;
  return { items: payload.items, continueToken: text(metadata.continue), clusterName };
}

/** Name, labels (trimmed, empty keys or values dropped) and InternalIP addresses in order (§4.2). */
export function readNode(item: Record<string, unknown>): KubernetesNode {
  const metadata = isObject(item.metadata) ? item.metadata : {};
  const labels = Object.entries(isObject(metadata.labels) ? metadata.labels : {})
    .map(([k, v]): [string, string] => [k.trim(), text(v)])
    .filter(([k, v]) => k !== '' && v !== '');
  const status = isObject(item.status) ? item.status : {};
  const addresses = Array.isArray(status.addresses) ? status.addresses : [];
  const internalIps = addresses.filter((a): a is Record<string, unknown> => isObject(a) && a.type === 'InternalIP' && text(a.address) !== '').map((a) => a.address as string);
  return { name: text(metadata.name), labels, internalIps };
}

/** One tag per label, labels sorted by key: `<key>-<value>`, both halves normalised and non-empty (§4.3). */
export function labelTags(labels: readonly [string, string][]): string[] {
  return [...labels]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [normaliseGeneratedTag(k), normaliseGeneratedTag(v)])
    .filter(([k, v]) => k !== '' && v !== '')
    .map(([k, v]) => `${k}-${v}`);
}

/**
 * Node items → hosts and addresses (connectors.md §4.3–4.4). Every named node is a host, even without an
 * address; each IPv4 InternalIP becomes an `OS` (default) address linked to it. Skips are warnings.
 */
export function extractKubernetesNodes(items: readonly unknown[], mapping: KubernetesMapping, payloadClusterName?: string): KubernetesExtraction {
  const warnings: string[] = [];
  const hosts: BundleHost[] = [];
  const ipAssets: BundleIpAsset[] = [];
  const seen = new Set<string>();
  let baseTags = [...mapping.tags];
  if (mapping.includeClusterNameTag) {
    const clusterTag = normaliseGeneratedTag(mapping.clusterName?.trim() || payloadClusterName || '');
    if (clusterTag) baseTags = withGeneratedTag(baseTags, clusterTag);
    else warnings.push('Kubernetes cluster name tag skipped: cluster name is missing or empty after normalization.');
  }
  items.forEach((item, index) => {
    if (!isObject(item)) return;
    const node = readNode(item);
    if (node.name === '') {
      warnings.push(`Kubernetes node ${index + 1} skipped: name is missing.`);
      return;
    }
    hosts.push({ name: node.name });
    if (node.internalIps.length === 0) {
      warnings.push(`Node '${node.name}' skipped: no InternalIP address found.`);
      return;
    }
    const tags = mapping.includeLabelTags ? labelTags(node.labels).reduce(withGeneratedTag, baseTags) : baseTags;
    for (const raw of node.internalIps) {
      const candidate = classifyIpv4(raw);
      if ('refusal' in candidate) {
        if (candidate.refusal === 'loopback') warnings.push(`Node '${node.name}' skipped InternalIP '${raw.trim()}': loopback IP is not allowed.`);
        else warnings.push(`Node '${node.name}' skipped InternalIP '${raw}': ${candidate.refusal === 'ipv6' ? 'IPv6 is not supported.' : 'not a valid IPv4 address.'}`);
        continue;
      }
      if (isFirstSighting(seen, candidate.ip, `(node '${node.name}')`, warnings)) ipAssets.push(inventoryAsset(candidate.ip, { ...mapping, tags }, node.name));
    }
  });
  return { nodes: items.length, hosts, ipAssets, warnings };
}
