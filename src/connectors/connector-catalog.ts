import type { Type } from '@nestjs/common';
import type { ConnectorProvider } from './framework/connector';
import type { ConnectorCliSpec } from './framework/connector-cli';
import { CassandraConnector } from './cassandra/cassandra.connector';
import { CephConnector } from './ceph/ceph.connector';
import { ElasticsearchConnector } from './elasticsearch/elasticsearch.connector';
import { KubernetesConnector } from './kubernetes/kubernetes.connector';
import { PrometheusConnector } from './prometheus/prometheus.connector';
import { VcenterConnector } from './vcenter/vcenter.connector';

/** A connector class: the provider (an injectable) with its options DTO and its command line as statics. */
export type ConnectorClass = Type<ConnectorProvider<any>> & { optionsType: Type<object>; cli: ConnectorCliSpec };

/**
 * The connectors in service, in the order the UI shows them. Adding one is a provider class (options DTO,
 * form, mapping, `static cli`) appended here: module, registry, API, UI tab and CLI all derive from this list.
 */
export const CONNECTORS: readonly ConnectorClass[] = [VcenterConnector, PrometheusConnector, ElasticsearchConnector, CassandraConnector, CephConnector, KubernetesConnector];
