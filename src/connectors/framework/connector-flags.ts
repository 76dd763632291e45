import type { ConnectorFlag } from './connector-cli';
import { UsageError } from './connector-cli';
import { isPositiveIntegerText } from './parsing';

/*
 * The command-line flags several connectors share (connectors.md §0.7), so each spec lists only what is its own
 * and the shared ones read the same in every `--help`.
 */

export const assetTypeFlag = (fallback = 'OTHER'): ConnectorFlag => ({ flags: '--asset-type <type>', field: 'asset_type', description: `OS, BMC, VM, VIP or OTHER (default ${fallback})` });

export const PROJECT_NAME_FLAG: ConnectorFlag = { flags: '--project-name <name>', field: 'project_name', description: 'an existing project for the addresses' };

/** `merge`: the tags join those of an existing address; otherwise they replace them (Prometheus, §0.4). */
export const tagsFlag = (merge = true): ConnectorFlag => ({
  flags: '--tags <a,b>',
  field: 'tags',
  description: merge ? 'comma-separated tags (merged into existing tags)' : 'comma-separated tags (replace the tags of existing addresses)',
});

export const NOTE_FLAG: ConnectorFlag = { flags: '--note <text>', field: 'note', description: 'note written on every address (overwrites an existing note)' };

export const insecureFlag = (description = 'skip TLS certificate verification'): ConnectorFlag => ({ flags: '--insecure', field: 'insecure', description });

export const clusterNameTagFlag = (description = 'tag addresses with the normalised cluster name'): ConnectorFlag => ({
  flags: '--include-cluster-name-tag',
  field: 'include_cluster_name_tag',
  description,
});

export const timeoutFlag = (description = 'request timeout in seconds (default 30)'): ConnectorFlag => ({ flags: '--timeout <seconds>', field: 'timeout', description });

/** argparse's `type=int` check of `--timeout`, before the options DTO sees the value. */
export function checkTimeoutFlag(body: Record<string, unknown>): void {
  if (body.timeout !== undefined && !isPositiveIntegerText(body.timeout)) throw new UsageError('--timeout must be a positive integer');
}

/** `--project-name ""` means no project, as in the original (the DTO would refuse an empty name otherwise). */
export function dropBlankProject(body: Record<string, unknown>): void {
  if (typeof body.project_name === 'string' && body.project_name.trim() === '') delete body.project_name;
}
