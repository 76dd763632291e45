import { K8S_NODE_LIST } from '../../../test/support/connector-payloads';
import { ConnectorError } from '../framework/connector';
import { extractKubernetesNodes, KubernetesMapping, labelTags, parseNodeList } from './kubernetes-extract';
import { isPemCertificates, normalisePem } from './kubernetes-options.dto';
import { nodesUrl } from './kubernetes.connector';

const plain: KubernetesMapping = { assetType: 'OS', tags: [], includeClusterNameTag: false, includeLabelTags: false };
const node = (name: unknown, addresses: unknown[], labels?: unknown) => ({ metadata: { name, labels }, status: { addresses } });
const internal = (address: string) => ({ type: 'InternalIP', address });

describe('Kubernetes node extraction', () => {
  it('maps the spec example with label tags: three hosts, two addresses, two warnings', () => {
    const page = parseNodeList(JSON.stringify(K8S_NODE_LIST));
    expect(page.continueToken).toBe('');
    const out = extractKubernetesNodes(page.items, { ...plain, includeLabelTags: true });
    expect(out.nodes).toBe(3);
    expect(out.hosts).toEqual([{ name: 'worker-01' }, { name: 'worker-02' }, { name: 'edge-01' }]);
    expect(out.ipAssets).toEqual([
      { ip_address: '10.50.0.21', type: 'OS', host_name: 'worker-01', merge_tags: true, archived: false, tags: ['kubernetes-io-hostname-worker-01', 'topology-kubernetes-io-zone-az-a'] },
      { ip_address: '10.50.0.22', type: 'OS', host_name: 'worker-02', merge_tags: true, archived: false, tags: ['topology-kubernetes-io-zone-az-b'] },
    ]);
    expect(out.warnings).toEqual(["Node 'worker-02' skipped InternalIP 'fd00:50::22': IPv6 is not supported.", "Node 'edge-01' skipped: no InternalIP address found."]);
  });

  it('produces the §7 fixture entry for worker-01 with a note', () => {
    const out = extractKubernetesNodes(K8S_NODE_LIST.items, { ...plain, note: 'Imported from Kubernetes' });
    expect(JSON.stringify(out.ipAssets[0])).toBe('{"ip_address":"10.50.0.21","type":"OS","host_name":"worker-01","merge_tags":true,"archived":false,"notes":"Imported from Kubernetes","notes_provided":true}');
  });

  it('warns for a missing name, a bad, a loopback and a duplicate InternalIP; a node may give several addresses', () => {
    const out = extractKubernetesNodes(
      [
        node('  ', [internal('10.0.0.1')]),
        'not an object',
        node('a', [internal('10.0.0.2'), internal(' 10.0.0.3 '), internal('10.0.0.01'), internal('127.0.0.5')]),
        node('b', [internal('10.0.0.2'), { type: 'InternalIP', address: '' }]),
        { metadata: 'x', status: null },
      ],
      { ...plain, assetType: 'VM', projectName: 'Core', tags: ['k8s'] },
    );
    expect(out.hosts).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(out.ipAssets.map((a) => [a.ip_address, a.host_name, a.type, a.project_name, a.tags])).toEqual([
      ['10.0.0.2', 'a', 'VM', 'Core', ['k8s']],
      ['10.0.0.3', 'a', 'VM', 'Core', ['k8s']],
    ]);
    expect(out.warnings).toEqual([
      'Kubernetes node 1 skipped: name is missing.',
      "Node 'a' skipped InternalIP '10.0.0.01': not a valid IPv4 address.",
      "Node 'a' skipped InternalIP '127.0.0.5': loopback IP is not allowed.",
      "Duplicate IP '10.0.0.2' skipped (node 'b').",
      'Kubernetes node 5 skipped: name is missing.',
    ]);
  });

  it('adds the cluster tag from the option before label tags, without duplicates', () => {
    const items = [node('n1', [internal('10.1.0.1')], { ' zone ': ' Prod ', '': 'x', 'app.io/../': '!!' })];
    const out = extractKubernetesNodes(items, { ...plain, tags: ['Prod-Cluster', 'zone-prod'], clusterName: 'prod cluster', includeClusterNameTag: true, includeLabelTags: true }, 'ignored');
    expect(out.ipAssets[0].tags).toEqual(['Prod-Cluster', 'zone-prod']);
    expect(out.warnings).toEqual([]);
  });

  it('takes the cluster name from the payload when no option is given, and warns when there is none', () => {
    const page = parseNodeList(JSON.stringify({ cluster_name: 'Ignored', metadata: { clusterName: 'Blue.East' }, items: [node('n1', [internal('10.1.0.1')])] }));
    expect(extractKubernetesNodes(page.items, { ...plain, includeClusterNameTag: true }, page.clusterName).ipAssets[0].tags).toEqual(['blue-east']);
    const none = extractKubernetesNodes(page.items, { ...plain, includeClusterNameTag: true, clusterName: ' ... ' });
    expect(none.ipAssets[0]).not.toHaveProperty('tags');
    expect(none.warnings).toEqual(['Kubernetes cluster name tag skipped: cluster name is missing or empty after normalization.']);
  });

  it('sorts label tags by key and drops halves that normalise to nothing', () => {
    expect(
      labelTags([
        ['zone', 'A'],
        ['app', '***'],
        ['Beta', 'x y'],
      ]),
    ).toEqual(['beta-x-y', 'zone-a']);
  });

  it.each([
    ['{', 'Kubernetes API returned invalid JSON.'],
    ['[]', 'Kubernetes node response was not a JSON object.'],
    ['{"items":{}}', 'Kubernetes node response did not include an items list.'],
  ])('fails hard on %s', (body, message) => {
    expect(() => parseNodeList(body)).toThrow(new ConnectorError(message));
  });

  it('reads the continue token of a page and builds the next page URL', () => {
    expect(parseNodeList('{"metadata":{"continue":"abc=="},"items":[]}').continueToken).toBe('abc==');
    expect(nodesUrl('https://k8s:6443/prefix//').toString()).toBe('https://k8s:6443/prefix/api/v1/nodes?limit=500');
    expect(nodesUrl('https://k8s:6443', 'a+b/c=').toString()).toBe('https://k8s:6443/api/v1/nodes?limit=500&continue=a%2Bb%2Fc%3D');
  });
});

describe('Kubernetes CA option', () => {
  it('refuses text without a parsable certificate block', () => {
    expect(isPemCertificates('hello')).toBe(false);
    expect(isPemCertificates('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe(false);
  });

  it('re-flows a PEM whose line breaks were lost in a one-line input', () => {
    const body = 'A'.repeat(100);
    expect(normalisePem(`junk -----BEGIN CERTIFICATE----- ${body.slice(0, 30)} ${body.slice(30)} -----END CERTIFICATE-----`)).toBe(
      `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END CERTIFICATE-----\n`,
    );
  });
});
