import { CASSANDRA_EXAMPLE as EXAMPLE } from '../../../test/support/cassandra-double';
import { CassandraMapping, extractCassandraNodes, splitContactPoints } from './cassandra-extract';

const plain: CassandraMapping = { assetType: 'OTHER', tags: [], includeClusterNameTag: false };

describe('Cassandra node extraction (§6.2–6.3)', () => {
  it('maps the spec example with the cluster option: three addresses tagged prod-cassandra, no hosts', () => {
    const out = extractCassandraNodes(EXAMPLE, { ...plain, includeClusterNameTag: true });
    expect(out.warnings).toEqual([]);
    expect(out.ipAssets).toHaveLength(3);
    // connectors.md §7 fixture entry
    expect(out.ipAssets[0]).toEqual({ ip_address: '10.60.0.11', type: 'OTHER', merge_tags: true, archived: false, tags: ['prod-cassandra'] });
    expect(out.ipAssets.map((a) => a.ip_address)).toEqual(['10.60.0.11', '10.60.0.12', '10.60.0.13']);
    expect(out.ipAssets.every((a) => a.host_name === undefined)).toBe(true);
  });

  it('adds project, user tags, note and type only when given; the cluster tag is not repeated', () => {
    const out = extractCassandraNodes(EXAMPLE, { assetType: 'VM', projectName: 'Data', tags: ['db', 'Prod-Cassandra'], note: 'Cassandra ring', includeClusterNameTag: true });
    expect(out.ipAssets[2]).toEqual({ ip_address: '10.60.0.13', type: 'VM', merge_tags: true, archived: false, project_name: 'Data', tags: ['db', 'Prod-Cassandra'], notes: 'Cassandra ring', notes_provided: true });
    expect(extractCassandraNodes(EXAMPLE, plain).ipAssets[0]).toEqual({ ip_address: '10.60.0.11', type: 'OTHER', merge_tags: true, archived: false });
  });

  it('names nodes by host id, else address, else index, and warns for every unusable address', () => {
    const out = extractCassandraNodes(
      {
        clusterName: null,
        hosts: [
          { address: 'fd00::60:11', hostId: 'id-v6' },
          { address: '::ffff:10.60.0.1' },
          { address: '127.0.0.1', hostId: 'id-lo' },
          { address: 'cassandra-4.example', hostId: '' },
          { address: '' },
          { address: '10.60.0.21', hostId: 'id-a' },
          { address: ' 10.60.0.21 ', hostId: 'id-b' },
        ],
      },
      { ...plain, includeClusterNameTag: true },
    );
    expect(out.ipAssets.map((a) => a.ip_address)).toEqual(['10.60.0.21']);
    expect(out.ipAssets[0].tags).toBeUndefined();
    expect(out.warnings).toEqual([
      'Cassandra cluster name tag skipped: cluster_name is missing or empty after normalization.',
      "Node 'id-v6' skipped: address 'fd00::60:11' resolved to IPv6, but only IPv4 is supported.",
      "Node '::ffff:10.60.0.1' skipped: address '::ffff:10.60.0.1' resolved to IPv6, but only IPv4 is supported.",
      "Node 'id-lo' skipped: loopback IP '127.0.0.1' is not allowed.",
      "Node 'cassandra-4.example' skipped: address 'cassandra-4.example' does not contain a valid IPv4 address.",
      "Node 'node-4' skipped: address '' does not contain a valid IPv4 address.",
      "Duplicate IP '10.60.0.21' skipped (node 'id-b').",
    ]);
  });

  it('warns when the cluster name normalises to nothing', () => {
    expect(extractCassandraNodes({ ...EXAMPLE, clusterName: ' !!! ' }, { ...plain, includeClusterNameTag: true }).warnings).toEqual([
      'Cassandra cluster name tag skipped: cluster_name is missing or empty after normalization.',
    ]);
  });
});

describe('Cassandra contact points', () => {
  it('splits, trims, drops empties and de-duplicates in order', () => {
    expect(splitContactPoints(' b.example , a.example,,b.example ')).toEqual(['b.example', 'a.example']);
    expect(splitContactPoints(['10.0.0.1', '10.0.0.2, 10.0.0.1'])).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(splitContactPoints(' , ')).toEqual([]);
    expect(splitContactPoints(undefined)).toEqual([]);
  });
});
