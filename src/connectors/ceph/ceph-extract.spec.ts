import { ConnectorError } from '../framework/connector';
import { CEPH_AUTH_ANSWER, CEPH_HOSTS_ANSWER } from '../../../test/support/ceph-dashboard';
import { CephMapping, extractCephInventory, parseCephHosts, parseCephToken } from './ceph-extract';

const plain: CephMapping = { assetType: 'OTHER', tags: [], includeClusterNameTag: false, includeLabelTags: false };
const hostsOf = (payload: unknown) => parseCephHosts(JSON.stringify(payload));

describe('Ceph auth answer', () => {
  it('takes the token of the spec example', () => {
    expect(parseCephToken(JSON.stringify(CEPH_AUTH_ANSWER))).toBe(CEPH_AUTH_ANSWER.token);
  });

  it.each([
    ['not json', 'Ceph API returned invalid JSON.'],
    ['["token"]', 'Ceph auth response was not a JSON object.'],
    ['"token"', 'Ceph auth response was not a JSON object.'],
    ['{"username":"admin"}', 'Ceph auth response did not include a token.'],
    ['{"token":"  "}', 'Ceph auth response did not include a token.'],
    ['{"token":42}', 'Ceph auth response did not include a token.'],
  ])('fails hard on %s', (body, message) => {
    expect(() => parseCephToken(body)).toThrow(new ConnectorError(message));
  });
});

describe('Ceph host payload shapes (§5.2)', () => {
  const one = { hostname: 'h1', addr: '10.0.0.1' };

  it('reads the real Dashboard list: no cluster name, labels kept', () => {
    const inventory = hostsOf(CEPH_HOSTS_ANSWER);
    expect(inventory.clusterName).toBeUndefined();
    expect(inventory.hosts).toEqual([
      { hostname: 'ceph-node-01', addr: '10.40.0.11', labels: ['_admin', 'mon', 'mgr'] },
      { hostname: 'ceph-node-02', addr: '10.40.0.12', labels: ['osd'] },
      { hostname: 'ceph-node-03', addr: 'ceph-node-03.storage.example', labels: ['osd'] },
    ]);
  });

  it.each(['hosts', 'data', 'items', 'results'])('reads an object with a `%s` list and its cluster name', (key) => {
    expect(hostsOf({ cluster_name: 'Prod Ceph', [key]: [one] })).toEqual({ clusterName: 'Prod Ceph', hosts: [{ hostname: 'h1', addr: '10.0.0.1', labels: [] }] });
  });

  it('takes the first key holding a list, `cluster` when `cluster_name` is absent', () => {
    const inventory = hostsOf({ cluster: 'c2', hosts: 'none', data: [{ hostname: 'from-data', addr: '10.0.0.2' }], items: [one] });
    expect(inventory).toEqual({ clusterName: 'c2', hosts: [{ hostname: 'from-data', addr: '10.0.0.2', labels: [] }] });
  });

  it('searches a nested object the same way', () => {
    expect(hostsOf({ data: { cluster_name: 'inner', items: [one] } })).toEqual({ clusterName: 'inner', hosts: [{ hostname: 'h1', addr: '10.0.0.1', labels: [] }] });
    expect(hostsOf({ cluster_name: 'outer', data: { results: [one] } }).clusterName).toBe('outer');
    // An object without records under one key does not hide a list under a later one.
    expect(hostsOf({ hosts: { nothing: true }, results: [one] }).hosts).toHaveLength(1);
  });

  it('reads a single host object', () => {
    expect(hostsOf({ hostname: 'solo', addr: '10.0.0.9', labels: ['mon'] }).hosts).toEqual([{ hostname: 'solo', addr: '10.0.0.9', labels: ['mon'] }]);
    expect(hostsOf({ addr: '10.0.0.8' }).hosts).toEqual([{ hostname: 'ceph-host-1', addr: '10.0.0.8', labels: [] }]);
  });

  it('ignores non-object items, names unnamed hosts by position and keeps only non-empty text labels', () => {
    const inventory = hostsOf([5, 'x', null, [one], { host: ' by-host ', addr: ' 10.0.0.3 ', labels: ['a', '', 7, ' b '] }, { addr: '10.0.0.4', hostname: '  ' }]);
    expect(inventory.hosts).toEqual([
      { hostname: 'by-host', addr: '10.0.0.3', labels: ['a', 'b'] },
      { hostname: 'ceph-host-2', addr: '10.0.0.4', labels: [] },
    ]);
  });

  it.each([
    ['not json', 'Ceph API returned invalid JSON.'],
    ['"hosts"', 'Ceph host response was not a JSON object or list.'],
    ['null', 'Ceph host response was not a JSON object or list.'],
    ['{}', 'Ceph host response did not include host records.'],
    ['{"cluster_name":"x","hosts":{"data":{}}}', 'Ceph host response did not include host records.'],
  ])('fails hard on %s', (body, message) => {
    expect(() => parseCephHosts(body)).toThrow(new ConnectorError(message));
  });
});

describe('Ceph extraction and mapping (§5.3–5.4)', () => {
  it('maps the spec example with label tags: three hosts, two addresses, a warning for the host name address', () => {
    const out = extractCephInventory(hostsOf(CEPH_HOSTS_ANSWER), { ...plain, tags: ['ceph'], includeLabelTags: true });
    expect(out.hosts).toEqual([{ name: 'ceph-node-01' }, { name: 'ceph-node-02' }, { name: 'ceph-node-03' }]);
    expect(out.ipAssets).toEqual([
      { ip_address: '10.40.0.11', type: 'OTHER', host_name: 'ceph-node-01', merge_tags: true, archived: false, tags: ['ceph', '_admin', 'mon', 'mgr'] },
      // connectors.md §7 fixture entry
      { ip_address: '10.40.0.12', type: 'OTHER', host_name: 'ceph-node-02', merge_tags: true, archived: false, tags: ['ceph', 'osd'] },
    ]);
    expect(out.warnings).toEqual(["Host 'ceph-node-03' skipped: addr 'ceph-node-03.storage.example' does not contain a valid IPv4 address."]);
  });

  it('without options: no tags, no notes; project, note and asset type only when given', () => {
    const bare = extractCephInventory(hostsOf(CEPH_HOSTS_ANSWER), plain);
    expect(bare.ipAssets[0]).toEqual({ ip_address: '10.40.0.11', type: 'OTHER', host_name: 'ceph-node-01', merge_tags: true, archived: false });
    const full = extractCephInventory(hostsOf(CEPH_HOSTS_ANSWER), { ...plain, assetType: 'OS', projectName: 'Storage', note: 'From Ceph' });
    expect(full.ipAssets[1]).toEqual({ ip_address: '10.40.0.12', type: 'OS', host_name: 'ceph-node-02', merge_tags: true, archived: false, project_name: 'Storage', notes: 'From Ceph', notes_provided: true });
  });

  it('warns for IPv6, loopback and duplicate addresses, still emitting every host', () => {
    const out = extractCephInventory(
      hostsOf([
        { hostname: 'v6', addr: 'fd00::11' },
        { hostname: 'mapped', addr: '::ffff:10.0.0.1' },
        { hostname: 'lo', addr: '127.0.1.1' },
        { hostname: 'a', addr: '10.0.0.5' },
        { hostname: 'b', addr: '10.0.0.5' },
        { hostname: 'none' },
        { hostname: 'zeros', addr: '10.0.0.05' },
      ]),
      plain,
    );
    expect(out.hosts.map((h) => h.name)).toEqual(['v6', 'mapped', 'lo', 'a', 'b', 'none', 'zeros']);
    expect(out.ipAssets.map((a) => a.ip_address)).toEqual(['10.0.0.5']);
    expect(out.warnings).toEqual([
      "Host 'v6' skipped: addr 'fd00::11' resolved to IPv6, but only IPv4 is supported.",
      "Host 'mapped' skipped: addr '::ffff:10.0.0.1' resolved to IPv6, but only IPv4 is supported.",
      "Host 'lo' skipped: loopback IP '127.0.1.1' is not allowed.",
      "Duplicate IP '10.0.0.5' skipped (host 'b').",
      "Host 'none' skipped: addr '' does not contain a valid IPv4 address.",
      "Host 'zeros' skipped: addr '10.0.0.05' does not contain a valid IPv4 address.",
    ]);
  });

  it('adds the normalised cluster tag once, or warns when the payload has no usable cluster name', () => {
    const tagged = extractCephInventory(hostsOf({ cluster_name: 'Prod.Ceph 01', hosts: [{ hostname: 'h', addr: '10.0.0.1', labels: ['MON'] }] }), {
      ...plain,
      tags: ['PROD-CEPH-01'],
      includeClusterNameTag: true,
      includeLabelTags: true,
    });
    expect(tagged.ipAssets[0].tags).toEqual(['PROD-CEPH-01', 'mon']);
    expect(tagged.warnings).toEqual([]);
    for (const payload of [CEPH_HOSTS_ANSWER, { cluster_name: ' ... ', hosts: [] }]) {
      expect(extractCephInventory(hostsOf(payload), { ...plain, includeClusterNameTag: true }).warnings[0]).toBe('Ceph cluster name tag skipped: cluster_name is missing or empty after normalization.');
    }
  });

  it('drops labels that normalise to nothing', () => {
    const out = extractCephInventory(hostsOf([{ hostname: 'h', addr: '10.0.0.1', labels: ['***', 'Rack A'] }]), { ...plain, includeLabelTags: true });
    expect(out.ipAssets[0].tags).toEqual(['rack-a']);
  });
});
