import type { BundleIpAsset } from '../framework/connector';
import { ConnectorError } from '../framework/connector';
import { classifyIpv4, hostPart, inventoryAsset, isFirstSighting, isJsonObject as isObject, normaliseGeneratedTag, parseRemoteJson, refusalReason, withGeneratedTag } from '../framework/parsing';

/** The parts of `GET /_nodes/http,transport` the connector uses. */
export interface NodesInfo {
  clusterName: string;
  nodes: [string, unknown][];
}

export interface ElasticsearchMapping {
  assetType: string;
  projectName?: string;
  tags: string[];
  note?: string;
  includeClusterNameTag: boolean;
}

export interface ElasticsearchExtraction {
  nodes: number;
  ipAssets: BundleIpAsset[];
  warnings: string[];
}

/** Candidate fields in the order they are tried (connectors.md §3.2). */
const SOURCES = ['http.publish_address', 'transport.publish_address', 'ip', 'host'] as const;

/** The nodes-info answer, or the hard failure of §3.2. */
export function parseNodesInfo(body: string): NodesInfo {
  const payload = parseRemoteJson(body, 'Elasticsearch API returned invalid JSON.');
  if (!isObject(payload)) throw new ConnectorError('Elasticsearch API returned an unexpected payload.');
  if (!isObject(payload.nodes)) throw new ConnectorError("Elasticsearch payload is missing a valid 'nodes' object.");
  return { clusterName: typeof payload.cluster_name === 'string' ? payload.cluster_name.trim() : '', nodes: Object.entries(payload.nodes) };
}

/**
 * The address inside one publish-address form: `inet[...]` and one leading `/` stripped, then `[x]:port`,
 * `[x]` and `host:port` reduced to the host. `hostname/10.1.2.3:9200` stays as it is (and is refused).
 */
export function candidateHost(raw: string): string {
  let text = raw.trim();
  const inet = /^inet\[(.*)\]$/.exec(text);
  if (inet) text = inet[1];
  if (text.startsWith('/')) text = text.slice(1);
  return hostPart(text);
}

function field(node: Record<string, unknown>, source: (typeof SOURCES)[number]): string | undefined {
  const [head, tail] = source.split('.');
  const value = tail === undefined ? node[head] : isObject(node[head]) ? (node[head] as Record<string, unknown>)[tail] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The first candidate of a node that is a non-loopback IPv4 address, or why the last one tried was not. */
export function nodeAddress(node: Record<string, unknown>): { ip: string } | { reason: string } {
  let reason = 'no IP candidate found in http.publish_address, transport.publish_address, ip, or host.';
  for (const source of SOURCES) {
    const raw = field(node, source);
    if (raw === undefined) continue;
    const candidate = classifyIpv4(candidateHost(raw));
    if ('ip' in candidate) return candidate;
    reason = refusalReason(candidate.refusal, `source '${source}' value`, raw, candidateHost(raw));
  }
  return { reason };
}

/**
 * Nodes → addresses (connectors.md §3.2–3.3): one address per node, tags merged into existing ones, the
 * normalised cluster name as an extra tag when asked. Nodes without a usable address are warnings.
 */
export function extractElasticsearchNodes(info: NodesInfo, mapping: ElasticsearchMapping): ElasticsearchExtraction {
  const warnings: string[] = [];
  const ipAssets: BundleIpAsset[] = [];
  const seen = new Set<string>();
  let tags = [...mapping.tags];
  if (mapping.includeClusterNameTag) {
    const clusterTag = normaliseGeneratedTag(info.clusterName);
    if (clusterTag) tags = withGeneratedTag(tags, clusterTag);
    else warnings.push('Elasticsearch cluster name tag skipped: cluster_name is missing or empty after normalization.');
  }
  const nodes = info.nodes.filter((entry): entry is [string, Record<string, unknown>] => isObject(entry[1]));
  for (const [id, node] of nodes) {
    const label = typeof node.name === 'string' && node.name.trim() !== '' ? node.name.trim() : id;
    const address = nodeAddress(node);
    if ('reason' in address) {
      warnings.push(`Node '${label}' skipped: ${address.reason}`);
      continue;
    }
    if (isFirstSighting(seen, address.ip, `(node '${label}')`, warnings)) ipAssets.push(inventoryAsset(address.ip, { ...mapping, tags }));
  }
  return { nodes: nodes.length, ipAssets, warnings };
}
