import type { ConnectorCliSpec } from '../framework/connector-cli';
import { assetTypeFlag, dropBlankProject, insecureFlag, PROJECT_NAME_FLAG, tagsFlag, timeoutFlag } from '../framework/connector-flags';

/** `ipocket connector prometheus` (connectors.md §2.7). */
export const PROMETHEUS_CLI: ConnectorCliSpec = {
  name: 'prometheus',
  description: 'import the IPv4 addresses found in one label of a PromQL query',
  family: 'classic',
  flags: [
    { flags: '--prometheus-url <url>', field: 'prometheus_url', required: true, description: 'Prometheus base URL (required)' },
    { flags: '--query <promql>', field: 'query', required: true, description: 'instant query (required)' },
    { flags: '--ip-label <label>', field: 'ip_label', required: true, description: 'label holding the address, host:port accepted (required)' },
    assetTypeFlag(),
    PROJECT_NAME_FLAG,
    { flags: '--project <name>', field: 'project_name', description: 'same as --project-name' },
    tagsFlag(false),
    { flags: '--token <token>', field: 'token', description: 'bearer token, or user:password for Basic auth' },
    insecureFlag(),
    timeoutFlag(),
  ],
  prepare: (_flags, body) => dropBlankProject(body),
};
