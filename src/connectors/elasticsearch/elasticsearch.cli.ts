import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';
import { isPositiveIntegerText } from '../framework/parsing';

const given = (v: unknown) => typeof v === 'string' && v !== '';

/** `ipocket connector elasticsearch` (connectors.md §3.5), plus `--insecure`. */
export const ELASTICSEARCH_CLI: ConnectorCliSpec = {
  name: 'elasticsearch',
  description: 'import one IPv4 address per Elasticsearch node (GET /_nodes/http,transport)',
  family: 'classic',
  flags: [
    { flags: '--elasticsearch-url <url>', field: 'elasticsearch_url', required: true, description: 'cluster base URL (required)' },
    { flags: '--username <name>', field: 'username', description: 'Basic auth user (with --password)' },
    { flags: '--password <password>', field: 'password', description: 'Basic auth password' },
    { flags: '--api-key <key>', field: 'api_key', description: 'API key, id:key or base64 (instead of --username/--password)' },
    { flags: '--asset-type <type>', field: 'asset_type', description: 'OS, BMC, VM, VIP or OTHER (default OTHER)' },
    { flags: '--project-name <name>', field: 'project_name', description: 'an existing project for the addresses' },
    { flags: '--tags <a,b>', field: 'tags', description: 'comma-separated tags (merged into existing tags)' },
    { flags: '--note <text>', field: 'note', description: 'note written on every address' },
    { flags: '--include-cluster-name-tag', field: 'include_cluster_name_tag', description: 'tag addresses with the normalised cluster name' },
    { flags: '--timeout <seconds>', field: 'timeout', description: 'request timeout (default 30)' },
    { flags: '--insecure', field: 'insecure', description: 'skip TLS certificate verification' },
  ],
  prepare: (_flags, body) => {
    if (body.timeout !== undefined && !isPositiveIntegerText(body.timeout)) throw new UsageError('--timeout must be a positive integer');
    if (given(body.api_key) && (given(body.username) || given(body.password))) throw new UsageError('Provide either --api-key or --username/--password, not both');
    if (given(body.username) && !given(body.password)) throw new UsageError('--password is required when --username is provided');
    if (given(body.password) && !given(body.username)) throw new UsageError('--username is required when --password is provided');
    if (typeof body.project_name === 'string' && body.project_name.trim() === '') delete body.project_name;
  },
};
