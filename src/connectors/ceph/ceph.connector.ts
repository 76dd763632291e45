import { Injectable } from '@nestjs/common';
import { ConnectorCollection, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { assetTypeField, clusterNameTagField, insecureField, labelTagsField, noteField, projectNameField, secretField, tagsField, textField, timeoutField, urlField } from '../dto/connector-form-fields';
import { inventoryAssetOptions } from '../framework/parsing';
import { remoteBody, RemoteRequest } from '../framework/remote-http';
import { extractCephInventory, parseCephHosts, parseCephToken } from './ceph-extract';
import { CephOptionsDto } from './ceph-options.dto';
import { CEPH_CLI } from './ceph.cli';

/** The Dashboard's versioned media type; without it newer Dashboards answer 415. */
const CEPH_ACCEPT = 'application/vnd.ceph.api.v1.0+json';

/** One Dashboard call; a network failure or a non-2xx answer is the hard failure of §5.1. */
const cephCall = (request: RemoteRequest): Promise<string> =>
  remoteBody(request, { callFailed: (reason) => `Failed to call Ceph API: ${reason}`, httpFailed: (status, text) => `Ceph API request failed with HTTP ${status}: ${text}` });

/**
 * Reads the host inventory of a Ceph cluster through the Dashboard REST API (connectors.md §5): a login
 * (`POST /api/auth`) for a session token, then `GET /api/host`. Hosts become ipocket hosts, their `addr` an
 * address linked to them. No logout call: the Dashboard token simply expires.
 */
@Injectable()
export class CephConnector implements ConnectorProvider<CephOptionsDto> {
  readonly name = 'ceph';
  readonly label = 'Ceph';
  static readonly optionsType = CephOptionsDto;
  readonly secretFields = ['password'] as const;
  readonly reportsIpPreview = true;
  readonly reportsPerIpDiff = false;
  readonly summaryEntities = ['hosts', 'ip_assets'] as const;
  static readonly cli = CEPH_CLI;
  readonly form: ConnectorForm = {
    overview: { type: 'Host inventory import (Ceph Dashboard REST API)', how: 'Dashboard URL, user and password; hosts with their addresses.' },
    fields: [
      urlField('ceph_url', 'Ceph Dashboard URL', 'https://ceph-mgr:8443'),
      textField('username', 'Username'),
      secretField('password', 'Password'),
      assetTypeField(),
      projectNameField(),
      tagsField('ceph, storage'),
      noteField(),
      insecureField('Disable TLS verification'),
      clusterNameTagField('Add cluster name as tag'),
      labelTagsField('Add Ceph labels as tags'),
      timeoutField(),
    ],
    cliExample: 'ipocket connector ceph --ceph-url https://ceph-mgr:8443 --username ipocket-reader --password "$CEPH_PASSWORD" --include-label-tags --mode dry-run',
  };

  async collect(options: CephOptionsDto): Promise<ConnectorCollection> {
    const base = options.ceph_url.trim().replace(/\/+$/, '');
    const common = { timeoutMs: (options.timeout ?? 30) * 1000, insecure: options.insecure === true };
    const auth = await cephCall({
      ...common,
      url: new URL(`${base}/api/auth`),
      method: 'POST',
      headers: { Accept: CEPH_ACCEPT, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: options.username, password: options.password }),
    });
    const token = parseCephToken(auth);
    const answer = await cephCall({ ...common, url: new URL(`${base}/api/host`), headers: { Accept: CEPH_ACCEPT, Authorization: `Bearer ${token}` } });
    const inventory = parseCephHosts(answer);
    const extraction = extractCephInventory(inventory, {
      ...inventoryAssetOptions(options),
      includeClusterNameTag: options.include_cluster_name_tag === true,
      includeLabelTags: options.include_label_tags === true,
    });
    return {
      hosts: extraction.hosts,
      ipAssets: extraction.ipAssets,
      warnings: extraction.warnings,
      log: [
        `Connected to Ceph Dashboard '${base}'.`,
        `Collected ${inventory.hosts.length} hosts from Ceph Dashboard.`,
        `Prepared ${extraction.hosts.length} hosts and ${extraction.ipAssets.length} IP assets from Ceph host inventory.`,
      ],
    };
  }
}
