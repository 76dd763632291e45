import { ConnectorError } from '../framework/connector';
import { ConnectorCliSpec, UsageError } from '../framework/connector-cli';
import { assetTypeFlag, checkTimeoutFlag, clusterNameTagFlag, insecureFlag, NOTE_FLAG, PROJECT_NAME_FLAG, tagsFlag, timeoutFlag } from '../framework/connector-flags';
import { isPositiveIntegerText } from '../framework/parsing';
import { splitContactPoints } from './cassandra-extract';

/** `ipocket connector cassandra` (connectors.md §6.5): summary output family, argparse-style usage errors. */
export const CASSANDRA_CLI: ConnectorCliSpec = {
  name: 'cassandra',
  description: 'import the node addresses of a Cassandra cluster (native protocol)',
  family: 'summary',
  flags: [
    { flags: '--contact-points <hosts>', field: 'contact_points', required: true, description: 'comma-separated contact points (required)' },
    { flags: '--port <port>', field: 'port', description: 'native protocol port (default 9042)' },
    { flags: '--username <name>', field: 'username', description: 'plain-text auth user (with --password)' },
    { flags: '--password <password>', field: 'password', description: 'plain-text auth password (with --username)' },
    { flags: '--use-tls', field: 'use_tls', description: 'connect over TLS (system CAs, host name checked)' },
    insecureFlag('skip TLS verification (requires --use-tls)'),
    assetTypeFlag(),
    PROJECT_NAME_FLAG,
    tagsFlag(),
    NOTE_FLAG,
    clusterNameTagFlag(),
    timeoutFlag('connect timeout in seconds (default 30)'),
  ],
  prepare: (_flags, body) => {
    if (body.port !== undefined && !(isPositiveIntegerText(body.port) && Number(body.port) <= 65535)) throw new UsageError('--port must be a valid number between 1 and 65535');
    checkTimeoutFlag(body);
    if (body.insecure === true && body.use_tls !== true) throw new UsageError('--insecure requires --use-tls');
    if (body.username !== undefined && body.password === undefined) throw new UsageError('--password is required when --username is provided');
    if (body.password !== undefined && body.username === undefined) throw new UsageError('--username is required when --password is provided');
    // The original treats an empty list as a connector failure (exit 1), not a usage error.
    if (splitContactPoints(String(body.contact_points)).length === 0) throw new ConnectorError('At least one Cassandra contact point is required.');
  },
  fileLine: (bundle, path) => `Wrote Cassandra import bundle with ${bundle.data.ip_assets.length} IP assets to ${path}`,
};
