import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConnectorCollection, ConnectorError, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { inventoryAssetOptions } from '../framework/parsing';
import { extractCassandraNodes, splitContactPoints } from './cassandra-extract';
import { CASSANDRA_METADATA_SOURCE, CassandraDriverSource, CassandraMetadataSource } from './cassandra-metadata';
import { CassandraOptionsDto } from './cassandra-options.dto';
import { CASSANDRA_CLI } from './cassandra.cli';

/**
 * Reads the nodes of a Cassandra cluster over the native protocol (connectors.md §6): the driver's view of the
 * cluster (local node + discovered peers) and its name. Addresses only; Cassandra nodes are not ipocket hosts.
 */
@Injectable()
export class CassandraConnector implements ConnectorProvider<CassandraOptionsDto> {
  readonly name = 'cassandra';
  readonly label = 'Cassandra';
  static readonly optionsType = CassandraOptionsDto;
  readonly secretFields = ['password'] as const;
  readonly reportsIpPreview = true;
  readonly reportsPerIpDiff = false;
  readonly summaryEntities = ['ip_assets'] as const;
  static readonly cli = CASSANDRA_CLI;
  readonly form: ConnectorForm = {
    overview: { type: 'Node inventory import (Cassandra native protocol)', how: 'Contact points, port and optional credentials; every node the driver sees.' },
    fields: [
      { name: 'contact_points', label: 'Contact points', kind: 'text', placeholder: 'cassandra-1.example, 10.60.0.11', wide: true },
      { name: 'port', label: 'Port', kind: 'number', min: 1, max: 65535, initial: '9042' },
      { name: 'username', label: 'Username', kind: 'text', placeholder: 'Optional' },
      { name: 'password', label: 'Password', kind: 'secret', placeholder: 'Optional' },
      { name: 'asset_type', label: 'Asset type', kind: 'asset-type', initial: 'OTHER' },
      { name: 'project_name', label: 'Project name', kind: 'text', placeholder: 'Existing project (optional)' },
      { name: 'tags', label: 'Tags', kind: 'text', placeholder: 'cassandra, prod' },
      { name: 'note', label: 'Note', kind: 'text', placeholder: 'Optional; overwrites existing notes' },
      { name: 'use_tls', label: 'Use TLS', kind: 'checkbox' },
      { name: 'insecure', label: 'Disable TLS verification', kind: 'checkbox' },
      { name: 'include_cluster_name_tag', label: 'Add cluster name as tag', kind: 'checkbox' },
      { name: 'timeout', label: 'Timeout (s)', kind: 'number', min: 1, max: 3600, initial: '30' },
    ],
    cliExample: 'ipocket connector cassandra --contact-points cassandra-1.example,cassandra-2.example --include-cluster-name-tag --mode dry-run',
  };

  constructor(@Optional() @Inject(CASSANDRA_METADATA_SOURCE) private readonly source: CassandraMetadataSource = new CassandraDriverSource()) {}

  async collect(options: CassandraOptionsDto): Promise<ConnectorCollection> {
    const contactPoints = splitContactPoints(options.contact_points);
    if (contactPoints.length === 0) throw new ConnectorError('At least one Cassandra contact point is required.');
    const port = options.port ?? 9042;
    const metadata = await this.source.read({
      contactPoints,
      port,
      username: options.username?.trim() || undefined,
      password: options.password || undefined,
      useTls: options.use_tls === true,
      insecure: options.insecure === true,
      timeoutMs: (options.timeout ?? 30) * 1000,
    });
    const extraction = extractCassandraNodes(metadata, {
      ...inventoryAssetOptions(options),
      includeClusterNameTag: options.include_cluster_name_tag === true,
    });
    return {
      hosts: [],
      ipAssets: extraction.ipAssets,
      warnings: extraction.warnings,
      log: [
        `Connected to Cassandra contact points '${contactPoints.join(', ')}' on port ${port}.`,
        `Collected ${metadata.hosts.length} nodes from Cassandra metadata.`,
        `Prepared ${extraction.ipAssets.length} IP assets from node metadata.`,
      ],
    };
  }
}
