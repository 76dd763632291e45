import type { ConnectorCliSpec } from '../framework/connector-cli';
import { assetTypeFlag, checkTimeoutFlag, clusterNameTagFlag, insecureFlag, NOTE_FLAG, PROJECT_NAME_FLAG, tagsFlag, timeoutFlag } from '../framework/connector-flags';

/** `ipocket connector ceph` (connectors.md §5.6): summary output family, bundle line of its own. */
export const CEPH_CLI: ConnectorCliSpec = {
  name: 'ceph',
  description: 'import Ceph hosts and their addresses from the Ceph Dashboard REST API',
  family: 'summary',
  flags: [
    { flags: '--ceph-url <url>', field: 'ceph_url', required: true, description: 'Ceph Dashboard base URL (required)' },
    { flags: '--username <name>', field: 'username', required: true, description: 'Dashboard user (required)' },
    { flags: '--password <password>', field: 'password', required: true, description: 'Dashboard password (required)' },
    insecureFlag(),
    assetTypeFlag(),
    PROJECT_NAME_FLAG,
    tagsFlag(),
    NOTE_FLAG,
    clusterNameTagFlag('tag addresses with the cluster name, when the payload has one'),
    { flags: '--include-label-tags', field: 'include_label_tags', description: 'tag addresses with their Ceph host labels' },
    timeoutFlag('seconds for each request, > 0 (default 30)'),
  ],
  prepare: (_flags, body) => checkTimeoutFlag(body),
  fileLine: (bundle, path) => `Wrote Ceph import bundle with ${bundle.data.hosts.length} hosts and ${bundle.data.ip_assets.length} IP assets to ${path}`,
};
