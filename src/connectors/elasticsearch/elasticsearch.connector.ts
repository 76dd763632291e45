import { Injectable } from '@nestjs/common';
import { ConnectorCollection, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { assetTypeField, clusterNameTagField, insecureField, noteField, projectNameField, secretField, tagsField, textField, timeoutField, urlField } from '../dto/connector-form-fields';
import { inventoryAssetOptions } from '../framework/parsing';
import { remoteBody } from '../framework/remote-http';
import { extractElasticsearchNodes, parseNodesInfo } from './elasticsearch-extract';
import { ElasticsearchOptionsDto } from './elasticsearch-options.dto';
import { ELASTICSEARCH_CLI } from './elasticsearch.cli';

/**
 * `Authorization` of §3.1: an API key wins (`id:key` is base64-encoded, anything else is sent as given);
 * otherwise Basic for username + password; otherwise none.
 */
export function elasticsearchAuthorization(o: Pick<ElasticsearchOptionsDto, 'username' | 'password' | 'api_key'>): string | undefined {
  const key = o.api_key?.trim();
  if (key) return `ApiKey ${key.includes(':') ? Buffer.from(key).toString('base64') : key}`;
  if (o.username && o.password) return `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
  return undefined;
}

export const nodesInfoUrl = (base: string): URL => new URL(`${base.trim().replace(/\/+$/, '')}/_nodes/http,transport`);

/**
 * Reads the nodes-info API of an Elasticsearch cluster and imports one IPv4 address per node. Deliberate
 * difference: TLS certificates are verified unless `insecure` is set (the original never verified them).
 */
@Injectable()
export class ElasticsearchConnector implements ConnectorProvider<ElasticsearchOptionsDto> {
  readonly name = 'elasticsearch';
  readonly label = 'Elasticsearch';
  static readonly optionsType = ElasticsearchOptionsDto;
  readonly secretFields = ['password', 'api_key'] as const;
  readonly reportsIpPreview = true;
  readonly reportsPerIpDiff = false;
  readonly summaryEntities = ['ip_assets'] as const;
  static readonly cli = ELASTICSEARCH_CLI;
  readonly form: ConnectorForm = {
    overview: { type: 'Node inventory import (one address per node)', how: 'Cluster URL and an API key or username/password.' },
    fields: [
      urlField('elasticsearch_url', 'Elasticsearch URL', 'https://elasticsearch:9200'),
      textField('username', 'Username', { placeholder: 'Basic auth user (optional)' }),
      secretField('password', 'Password'),
      secretField('api_key', 'API key', 'id:key or base64 (instead of user/password)'),
      assetTypeField(),
      projectNameField(),
      tagsField('elasticsearch, prod'),
      noteField('Elasticsearch'),
      timeoutField(),
      clusterNameTagField('Add cluster name as tag'),
      insecureField(),
    ],
    cliExample: 'ipocket connector elasticsearch --elasticsearch-url https://elasticsearch:9200 --api-key "$ES_API_KEY" --include-cluster-name-tag --mode dry-run',
  };

  async collect(options: ElasticsearchOptionsDto): Promise<ConnectorCollection> {
    const base = options.elasticsearch_url.trim().replace(/\/+$/, '');
    const headers: Record<string, string> = { Accept: 'application/json' };
    const auth = elasticsearchAuthorization(options);
    if (auth) headers.Authorization = auth;
    const body = await remoteBody(
      { url: nodesInfoUrl(base), headers, timeoutMs: (options.timeout ?? 30) * 1000, insecure: options.insecure === true },
      { callFailed: (reason) => `Failed to call Elasticsearch API: ${reason}`, httpFailed: (status, text) => `Elasticsearch node query failed with HTTP ${status}: ${text}` },
    );
    const extraction = extractElasticsearchNodes(parseNodesInfo(body), {
      ...inventoryAssetOptions(options),
      includeClusterNameTag: options.include_cluster_name_tag === true,
    });
    return {
      hosts: [],
      ipAssets: extraction.ipAssets,
      warnings: extraction.warnings,
      log: [`Connected to Elasticsearch '${base}'.`, `Collected ${extraction.nodes} nodes from Elasticsearch.`, `Prepared ${extraction.ipAssets.length} IP assets from node inventory.`],
      cliLines: [`Collected ${extraction.nodes} Elasticsearch nodes`, `Prepared ${extraction.ipAssets.length} IP assets from node inventory`],
    };
  }
}
