import type { BundleHost, BundleIpAsset, ConnectorBundle, ConnectorCollection } from './connector';

/** `2025-01-31T12:00:00+00:00`: UTC, whole seconds (connectors.md §0.2). */
export const exportedAt = (date: Date = new Date()): string => date.toISOString().slice(0, 19) + '+00:00';

/**
 * Step 3 of the pipeline (connectors.md §0.1): de-duplicate once more while building the bundle. These
 * warnings only fire when a provider's extraction let something through.
 */
export function buildBundle(collection: Pick<ConnectorCollection, 'hosts' | 'ipAssets'>, now: Date = new Date()): { bundle: ConnectorBundle; warnings: string[] } {
  const warnings: string[] = [];
  const hosts: BundleHost[] = [];
  const hostNames = new Set<string>();
  for (const host of collection.hosts) {
    const name = host.name.trim();
    if (name === '') {
      warnings.push('Skipped host with empty name.');
      continue;
    }
    if (hostNames.has(name)) {
      warnings.push(`Duplicate host '${name}' skipped in bundle build.`);
      continue;
    }
    hostNames.add(name);
    hosts.push({ ...host, name });
  }
  const ipAssets: BundleIpAsset[] = [];
  const addresses = new Set<string>();
  for (const asset of collection.ipAssets) {
    const ip = asset.ip_address.trim();
    if (ip === '') {
      warnings.push('Skipped asset with empty ip_address.');
      continue;
    }
    if (addresses.has(ip)) {
      warnings.push(`Duplicate IP '${ip}' skipped in bundle build.`);
      continue;
    }
    addresses.add(ip);
    ipAssets.push({ ...asset, ip_address: ip });
  }
  return { bundle: { app: 'ipocket', schema_version: '1', exported_at: exportedAt(now), data: { vendors: [], projects: [], hosts, ip_assets: ipAssets } }, warnings };
}

/** Bundle file text: 2-space indent, trailing newline (§0.2). */
export const bundleText = (bundle: ConnectorBundle): string => `${JSON.stringify(bundle, null, 2)}\n`;
