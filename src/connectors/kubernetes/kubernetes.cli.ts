import { promises as fs } from 'node:fs';
import type { ConnectorBundle } from '../framework/connector';
import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';
import { isPositiveIntegerText } from '../framework/parsing';

/** `ipocket connector kubernetes` (connectors.md §4.6), plus `--ca-file` for a private cluster CA. */
export const KUBERNETES_CLI: ConnectorCliSpec = {
  name: 'kubernetes',
  description: 'import Kubernetes nodes as hosts with their InternalIP addresses',
  family: 'summary',
  flags: [
    { flags: '--api-url <url>', field: 'api_url', required: true, description: 'API server base URL (required)' },
    { flags: '--token <token>', field: 'token', required: true, description: 'bearer token allowed to list nodes (required)' },
    { flags: '--insecure', field: 'insecure', description: 'skip TLS certificate and host name verification' },
    { flags: '--ca-file <path>', description: 'PEM file of the CA that signed the API server certificate' },
    { flags: '--asset-type <type>', field: 'asset_type', description: 'OS, BMC, VM, VIP or OTHER (default OS)' },
    { flags: '--project-name <name>', field: 'project_name', description: 'an existing project for the addresses' },
    { flags: '--tags <a,b>', field: 'tags', description: 'comma-separated tags (merged into existing tags)' },
    { flags: '--note <text>', field: 'note', description: 'note written on every address' },
    { flags: '--cluster-name <name>', field: 'cluster_name', description: 'cluster name for --include-cluster-name-tag' },
    { flags: '--include-cluster-name-tag', field: 'include_cluster_name_tag', description: 'tag addresses with the normalised cluster name' },
    { flags: '--include-label-tags', field: 'include_label_tags', description: 'tag addresses with <label key>-<label value> of their node' },
    { flags: '--timeout <seconds>', field: 'timeout', description: 'request timeout (default 30)' },
  ],
  prepare: async (flags, body) => {
    if (body.timeout !== undefined && !isPositiveIntegerText(body.timeout)) throw new UsageError('--timeout must be a positive integer');
    if (typeof body.project_name === 'string' && body.project_name.trim() === '') delete body.project_name;
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
