import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';
import { assetTypeFlag, checkTimeoutFlag, clusterNameTagFlag, dropBlankProject, insecureFlag, NOTE_FLAG, PROJECT_NAME_FLAG, tagsFlag, timeoutFlag } from '../framework/connector-flags';

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
    assetTypeFlag(),
    PROJECT_NAME_FLAG,
    tagsFlag(),
    NOTE_FLAG,
    clusterNameTagFlag(),
    timeoutFlag(),
    insecureFlag(),
  ],
  prepare: (_flags, body) => {
    checkTimeoutFlag(body);
    if (given(body.api_key) && (given(body.username) || given(body.password))) throw new UsageError('Provide either --api-key or --username/--password, not both');
    if (given(body.username) && !given(body.password)) throw new UsageError('--password is required when --username is provided');
    if (given(body.password) && !given(body.username)) throw new UsageError('--username is required when --password is provided');
    dropBlankProject(body);
  },
};
