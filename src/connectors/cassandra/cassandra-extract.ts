import type { BundleIpAsset } from '../framework/connector';
import { classifyIpv4, inventoryAsset, isFirstSighting, normaliseGeneratedTag, refusalReason, splitUserTags, withGeneratedTag } from '../framework/parsing';
import type { CassandraMetadata } from './cassandra-metadata';

export interface CassandraMapping {
  assetType: string;
  projectName?: string;
  tags: string[];
  note?: string;
  includeClusterNameTag: boolean;
}

export interface CassandraExtraction {
  ipAssets: BundleIpAsset[];
  warnings: string[];
}

/** `contact_points` text or list: split on commas, trimmed, empties dropped, de-duplicated in order (§6.1). */
export const splitContactPoints = (input: string | readonly string[] | undefined | null): string[] => [...new Set(splitUserTags(input))];

/**
 * Cluster metadata → addresses (connectors.md §6.2–6.3): one per IPv4 node address, no hosts. A node is named
 * in messages by its host id, else its address, else `node-<index>`. Skips are warnings.
 */
export function extractCassandraNodes(metadata: CassandraMetadata, mapping: CassandraMapping): CassandraExtraction {
  const warnings: string[] = [];
  let tags = [...mapping.tags];
  if (mapping.includeClusterNameTag) {
    const clusterTag = normaliseGeneratedTag(metadata.clusterName ?? '');
    if (clusterTag) tags = withGeneratedTag(tags, clusterTag);
    else warnings.push('Cassandra cluster name tag skipped: cluster_name is missing or empty after normalization.');
  }
  const ipAssets: BundleIpAsset[] = [];
  const seen = new Set<string>();
  metadata.hosts.forEach((node, index) => {
    const address = (node.address ?? '').trim();
    const label = node.hostId?.trim() || address || `node-${index}`;
    const candidate = classifyIpv4(address);
    if ('refusal' in candidate) warnings.push(`Node '${label}' skipped: ${refusalReason(candidate.refusal, 'address', address)}`);
    else if (isFirstSighting(seen, candidate.ip, `(node '${label}')`, warnings)) ipAssets.push(inventoryAsset(candidate.ip, { ...mapping, tags }));
  });
  return { ipAssets, warnings };
}
