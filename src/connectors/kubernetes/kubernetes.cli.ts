import { promises as fs } from 'node:fs';
import type { ConnectorBundle } from '../framework/connector';
import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';
import { assetTypeFlag, checkTimeoutFlag, clusterNameTagFlag, dropBlankProject, insecureFlag, NOTE_FLAG, PROJECT_NAME_FLAG, tagsFlag, timeoutFlag } from '../framework/connector-flags';

/** `ipocket connector kubernetes` (connectors.md §4.6), plus `--ca-file` for a private cluster CA. */
export const KUBERNETES_CLI: ConnectorCliSpec = {
  name: 'kubernetes',
  description: 'import Kubernetes nodes as hosts with their InternalIP addresses',
  family: 'summary',
  flags: [
    { flags: '--api-url <url>', field: 'api_url', required: true, description: 'API server base URL (required)' },
    { flags: '--token <token>', field: 'token', required: true, description: 'bearer token allowed to list nodes (required)' },
    insecureFlag('skip TLS certificate and host name verification'),
    { flags: '--ca-file <path>', description: 'PEM file of the CA that signed the API server certificate' },
    assetTypeFlag('OS'),
    PROJECT_NAME_FLAG,
    tagsFlag(),
    NOTE_FLAG,
    { flags: '--cluster-name <name>', field: 'cluster_name', description: 'cluster name for --include-cluster-name-tag' },
    clusterNameTagFlag(),
    { flags: '--include-label-tags', field: 'include_label_tags', description: 'tag addresses with <label key>-<label value> of their node' },
    timeoutFlag(),
  ],
  prepare: async (flags, body) => {
    checkTimeoutFlag(body);
    dropBlankProject(body);
    if (typeof flags.caFile === 'string') {
      try {
        body.ca_cert = await fs.readFile(flags.caFile, 'utf8');
      } catch (error) {
        throw new UsageError(`--ca-file: cannot read '${flags.caFile}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
  },
  fileLine: (bundle: ConnectorBundle, path: string) => `Wrote Kubernetes import bundle with ${bundle.data.hosts.length} hosts and ${bundle.data.ip_assets.length} IP assets to ${path}`,
};
