import type { ConnectorCliSpec } from '../framework/connector-cli';

/** `ipocket connector prometheus` (connectors.md §2.7). */
export const PROMETHEUS_CLI: ConnectorCliSpec = {
  name: 'prometheus',
  description: 'import the IPv4 addresses found in one label of a PromQL query',
  family: 'classic',
  flags: [
    { flags: '--prometheus-url <url>', field: 'prometheus_url', required: true, description: 'Prometheus base URL (required)' },
    { flags: '--query <promql>', field: 'query', required: true, description: 'instant query (required)' },
    { flags: '--ip-label <label>', field: 'ip_label', required: true, description: 'label holding the address, host:port accepted (required)' },
    { flags: '--asset-type <type>', field: 'asset_type', description: 'OS, BMC, VM, VIP or OTHER (default OTHER)' },
    { flags: '--project-name <name>', field: 'project_name', description: 'an existing project for the addresses' },
    { flags: '--project <name>', field: 'project_name', description: 'same as --project-name' },
    { flags: '--tags <a,b>', field: 'tags', description: 'comma-separated tags (replace the tags of existing addresses)' },
    { flags: '--token <token>', field: 'token', description: 'bearer token, or user:password for Basic auth' },
    { flags: '--insecure', field: 'insecure', description: 'skip TLS certificate verification' },
    { flags: '--timeout <seconds>', field: 'timeout', description: 'request timeout (default 30)' },
  ],
  prepare: (_flags, body) => {
    if (typeof body.project_name === 'string' && body.project_name.trim() === '') delete body.project_name;
  },
};
