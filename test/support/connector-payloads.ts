/** The example remote answers of connectors.md, shared by the unit specs and the end-to-end fake servers. */

/** connectors.md §4.7. */
export const K8S_NODE_LIST = {
  kind: 'NodeList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '4815162' },
  items: [
    {
      metadata: { name: 'worker-01', labels: { 'kubernetes.io/hostname': 'worker-01', 'node-role.kubernetes.io/worker': '', 'topology.kubernetes.io/zone': 'az-a' } },
      status: { addresses: [{ type: 'InternalIP', address: '10.50.0.21' }, { type: 'ExternalIP', address: '203.0.113.21' }, { type: 'Hostname', address: 'worker-01' }] },
    },
    {
      metadata: { name: 'worker-02', labels: { 'topology.kubernetes.io/zone': 'az-b' } },
      status: { addresses: [{ type: 'InternalIP', address: '10.50.0.22' }, { type: 'InternalIP', address: 'fd00:50::22' }, { type: 'Hostname', address: 'worker-02' }] },
    },
    { metadata: { name: 'edge-01' }, status: { addresses: [{ type: 'Hostname', address: 'edge-01' }] } },
  ],
};

/** connectors.md §3.6. */
export const ES_NODES_INFO = {
  _nodes: { total: 3, successful: 3, failed: 0 },
  cluster_name: 'Prod.Logs 01',
  nodes: {
    Vq1sWc2zR0yXk3b9aQ7pLg: {
      name: 'es-data-01',
      transport_address: '10.30.0.21:9300',
      host: '10.30.0.21',
      ip: '10.30.0.21',
      version: '8.13.4',
      roles: ['data_hot', 'ingest'],
      http: { bound_address: ['[::]:9200'], publish_address: '10.30.0.21:9200', max_content_length_in_bytes: 104857600 },
      transport: { bound_address: ['[::]:9300'], publish_address: '10.30.0.21:9300', profiles: {} },
    },
    bX7mT0qN4sK2eH8vW1dF6Q: {
      name: 'es-data-02',
      host: 'es-data-02.example.internal',
      ip: '10.30.0.22',
      version: '8.13.4',
      http: { publish_address: 'es-data-02.example.internal/10.30.0.22:9200' },
      transport: { publish_address: 'es-data-02.example.internal/10.30.0.22:9300' },
    },
    k9ZpQ2rS5tU8vX1yA4bC7d: {
      name: 'es-master-01',
      host: 'fd00::31',
      ip: 'fd00::31',
      version: '8.13.4',
      http: { publish_address: '[fd00::31]:9200' },
      transport: { publish_address: '[fd00::31]:9300' },
    },
  },
};
