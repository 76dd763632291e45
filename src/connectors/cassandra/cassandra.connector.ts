import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConnectorCollection, ConnectorError, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { assetTypeField, checkboxField, clusterNameTagField, insecureField, noteField, portField, projectNameField, secretField, tagsField, textField, timeoutField } from '../dto/connector-form-fields';
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
      textField('contact_points', 'Contact points', { placeholder: 'cassandra-1.example, 10.60.0.11', wide: true }),
      portField(9042),
      textField('username', 'Username', { placeholder: 'Optional' }),
      secretField('password', 'Password', 'Optional'),
      assetTypeField(),
      projectNameField(),
      tagsField('cassandra, prod'),
      noteField(),
      checkboxField('use_tls', 'Use TLS'),
      insecureField('Disable TLS verification'),
      clusterNameTagField('Add cluster name as tag'),
      timeoutField(),
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
