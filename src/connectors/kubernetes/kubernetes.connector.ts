import { Injectable } from '@nestjs/common';
import { IpAssetType } from '../../ip-assets/ip-asset.entity';
import { ConnectorCollection, ConnectorError, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { assetTypeField, clusterNameTagField, insecureField, labelTagsField, noteField, projectNameField, secretField, tagsField, textField, timeoutField, urlField } from '../dto/connector-form-fields';
import { inventoryAssetOptions } from '../framework/parsing';
import { remoteBody } from '../framework/remote-http';
import { extractKubernetesNodes, NodeListPage, parseNodeList } from './kubernetes-extract';
import { KubernetesOptionsDto } from './kubernetes-options.dto';
import { KUBERNETES_CLI } from './kubernetes.cli';

/** Nodes asked for per request; the API server hands out a `continue` token for the rest. */
export const NODE_PAGE_SIZE = 500;

/** `<api>/api/v1/nodes?limit=500[&continue=<token>]`, trailing slashes of the base dropped. */
export function nodesUrl(base: string, continueToken = ''): URL {
  const url = new URL(`${base.trim().replace(/\/+$/, '')}/api/v1/nodes`);
  url.searchParams.set('limit', String(NODE_PAGE_SIZE));
  if (continueToken) url.searchParams.set('continue', continueToken);
  return url;
}

/**
 * Reads the node list of a Kubernetes API server (bearer token; system CAs, a given CA, or no verification)
 * and turns every node into a host with its IPv4 InternalIP addresses. Unlike the original it follows
 * `continue` tokens, so clusters larger than one page are read whole.
 */
@Injectable()
export class KubernetesConnector implements ConnectorProvider<KubernetesOptionsDto> {
  readonly name = 'kubernetes';
  readonly label = 'Kubernetes';
  static readonly optionsType = KubernetesOptionsDto;
  readonly secretFields = ['token'] as const;
  readonly reportsIpPreview = true;
  readonly reportsPerIpDiff = false;
  readonly summaryEntities = ['hosts', 'ip_assets'] as const;
  static readonly cli = KUBERNETES_CLI;
  readonly form: ConnectorForm = {
    overview: { type: 'Node inventory import (nodes as hosts, InternalIP addresses)', how: 'API server URL and a bearer token allowed to list nodes.' },
    fields: [
      urlField('api_url', 'API server URL', 'https://k8s.example:6443'),
      secretField('token', 'Bearer token', 'Service account token'),
      assetTypeField(IpAssetType.OS),
      projectNameField(),
      tagsField('kubernetes, prod'),
      textField('cluster_name', 'Cluster name', { placeholder: 'prod-cluster' }),
      noteField('Kubernetes'),
      textField('ca_cert', 'CA certificate (PEM)', { placeholder: '-----BEGIN CERTIFICATE----- … (optional)', wide: true, mono: true }),
      timeoutField(),
      insecureField(),
      clusterNameTagField('Add cluster name as tag'),
      labelTagsField('Add Kubernetes node labels as tags'),
    ],
    cliExample: 'ipocket connector kubernetes --api-url https://k8s.example:6443 --token "$K8S_TOKEN" --cluster-name prod --include-cluster-name-tag --mode dry-run',
  };

  async collect(options: KubernetesOptionsDto): Promise<ConnectorCollection> {
    const base = options.api_url.trim().replace(/\/+$/, '');
    const items: unknown[] = [];
    const tokens = new Set<string>();
    let clusterName: string | undefined;
    let page: NodeListPage | undefined;
    do {
      page = await this.fetchPage(options, nodesUrl(base, page?.continueToken));
      items.push(...page.items);
      clusterName ??= page.clusterName;
      // A server that hands out the same token again would keep the run going forever.
      if (page.continueToken && tokens.has(page.continueToken)) throw new ConnectorError('Kubernetes API repeated a continue token; the node list cannot be read to its end.');
      tokens.add(page.continueToken);
    } while (page.continueToken);
    const extraction = extractKubernetesNodes(
      items,
      {
        ...inventoryAssetOptions(options, 'OS'),
        clusterName: options.cluster_name || undefined,
        includeClusterNameTag: options.include_cluster_name_tag === true,
        includeLabelTags: options.include_label_tags === true,
      },
      clusterName,
    );
    return {
      hosts: extraction.hosts,
      ipAssets: extraction.ipAssets,
      warnings: extraction.warnings,
      log: [
        `Connected to Kubernetes API '${base}'.`,
        `Collected ${extraction.nodes} nodes from Kubernetes.`,
        `Prepared ${extraction.hosts.length} hosts and ${extraction.ipAssets.length} IP assets from Kubernetes node inventory.`,
      ],
    };
  }

  private async fetchPage(options: KubernetesOptionsDto, url: URL): Promise<NodeListPage> {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${options.token.trim()}` };
    const body = await remoteBody(
      { url, headers, timeoutMs: (options.timeout ?? 30) * 1000, insecure: options.insecure === true, ca: options.ca_cert },
      { callFailed: (reason) => `Failed to call Kubernetes API: ${reason}`, httpFailed: (status, text) => `Kubernetes API request failed with HTTP ${status}: ${text}` },
    );
    return parseNodeList(body);
  }
}
