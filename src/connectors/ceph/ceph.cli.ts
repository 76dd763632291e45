import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';

/** `ipocket connector ceph` (connectors.md §5.6): summary output family, bundle line of its own. */
export const CEPH_CLI: ConnectorCliSpec = {
  name: 'ceph',
  description: 'import Ceph hosts and their addresses from the Ceph Dashboard REST API',
  family: 'summary',
  flags: [
    { flags: '--ceph-url <url>', field: 'ceph_url', required: true, description: 'Ceph Dashboard base URL (required)' },
    { flags: '--username <name>', field: 'username', required: true, description: 'Dashboard user (required)' },
    { flags: '--password <password>', field: 'password', required: true, description: 'Dashboard password (required)' },
    { flags: '--insecure', field: 'insecure', description: 'skip TLS certificate verification' },
    { flags: '--asset-type <type>', field: 'asset_type', description: 'OS, BMC, VM, VIP or OTHER (default OTHER)' },
    { flags: '--project-name <name>', field: 'project_name', description: 'an existing project for the addresses' },
    { flags: '--tags <a,b>', field: 'tags', description: 'comma-separated tags (merged into existing tags)' },
    { flags: '--note <text>', field: 'note', description: 'note for every address (overwrites an existing note)' },
    { flags: '--include-cluster-name-tag', field: 'include_cluster_name_tag', description: 'tag addresses with the cluster name, when the payload has one' },
    { flags: '--include-label-tags', field: 'include_label_tags', description: 'tag addresses with their Ceph host labels' },
    { flags: '--timeout <seconds>', field: 'timeout', description: 'seconds for each request, > 0 (default 30)' },
  ],
  prepare: (_flags, body) => {
    if (body.timeout !== undefined && !/^\s*[1-9]\d*\s*$/.test(String(body.timeout))) throw new UsageError('--timeout must be a positive integer');
  },
  fileLine: (bundle, path) => `Wrote Ceph import bundle with ${bundle.data.hosts.length} hosts and ${bundle.data.ip_assets.length} IP assets to ${path}`,
};
