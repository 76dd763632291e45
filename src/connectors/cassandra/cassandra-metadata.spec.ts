import { Test } from '@nestjs/testing';
import { auth, policies } from 'cassandra-driver';
import type { ClientOptions } from 'cassandra-driver';
import { ConnectorError } from '../framework/connector';
import { CASSANDRA_METADATA_SOURCE, CassandraClientLike, CassandraDriverSource, CassandraMetadataSource, CassandraTarget, driverErrorReason, withoutPort } from './cassandra-metadata';
import { CassandraConnector } from './cassandra.connector';
import { CassandraOptionsDto } from './cassandra-options.dto';

const target: CassandraTarget = { contactPoints: ['10.60.0.11', 'cassandra-2.example'], port: 9142, useTls: false, insecure: false, timeoutMs: 5000 };

/** A stand-in for the driver's Client: records what it was given and done to it. */
function fakeClient(behaviour: { connect?: () => Promise<void>; clusterName?: unknown } = {}) {
  const calls: string[] = [];
  let options: ClientOptions | undefined;
  const client: CassandraClientLike = {
    connect: async () => {
      calls.push('connect');
      await behaviour.connect?.();
    },
    execute: async (query) => {
      calls.push(query);
      return { first: () => ('clusterName' in behaviour ? { cluster_name: behaviour.clusterName } : { cluster_name: 'Prod Cassandra' }) };
    },
    hosts: {
      values: () => [
        { address: '10.60.0.11:9042', datacenter: 'dc1', rack: 'rack1', hostId: { toString: () => '6f9c1a52-3f0e-4c1e-9a7b-2d5e8b1c0a11' } },
        { address: 'fd00::12:9042', datacenter: 'dc2', rack: 'rack1', hostId: null },
      ],
    },
    shutdown: async () => void calls.push('shutdown'),
  };
  const source = new CassandraDriverSource((given) => {
    options = given;
    return client;
  });
  return { source, calls, options: () => options! };
}

describe('Cassandra driver source (§6.1 Node notes)', () => {
  it('reads the cluster name from system.local and every known host without its port, then shuts down', async () => {
    const fake = fakeClient();
    await expect(fake.source.read(target)).resolves.toEqual({
      clusterName: 'Prod Cassandra',
      hosts: [
        { address: '10.60.0.11', datacenter: 'dc1', rack: 'rack1', hostId: '6f9c1a52-3f0e-4c1e-9a7b-2d5e8b1c0a11' },
        { address: 'fd00::12', datacenter: 'dc2', rack: 'rack1', hostId: undefined },
      ],
    });
    expect(fake.calls).toEqual(['connect', 'SELECT cluster_name FROM system.local', 'shutdown']);
  });

  it('configures round-robin balancing, the port and the timeouts; no auth and no TLS unless asked', async () => {
    const fake = fakeClient();
    await fake.source.read(target);
    const options = fake.options();
    expect(options).toMatchObject({ contactPoints: target.contactPoints, protocolOptions: { port: 9142 }, socketOptions: { connectTimeout: 5000, readTimeout: 5000 } });
    expect(options.policies?.loadBalancing).toBeInstanceOf(policies.loadBalancing.RoundRobinPolicy);
    expect(options.authProvider).toBeUndefined();
    expect(options.sslOptions).toBeUndefined();
  });

  it('uses plain-text auth with both credentials and TLS (verified unless insecure)', async () => {
    const fake = fakeClient();
    await fake.source.read({ ...target, username: 'reader', password: 'pw', useTls: true });
    expect(fake.options().authProvider).toBeInstanceOf(auth.PlainTextAuthProvider);
    expect(fake.options().sslOptions).toEqual({ rejectUnauthorized: true });
    const insecure = fakeClient();
    await insecure.source.read({ ...target, username: 'reader', useTls: true, insecure: true });
    expect(insecure.options().authProvider).toBeUndefined();
    expect(insecure.options().sslOptions).toEqual({ rejectUnauthorized: false });
  });

  it('turns a driver failure into the connector error and still shuts down', async () => {
    const fake = fakeClient({ connect: () => Promise.reject(Object.assign(new Error('All host(s) tried for query failed.\n stack'), { innerErrors: { '10.60.0.11:9142': new Error('connect ECONNREFUSED 10.60.0.11:9142\n    at x') } })) });
    await expect(fake.source.read(target)).rejects.toThrow(new ConnectorError('Failed to read Cassandra cluster metadata: no host could be reached (10.60.0.11:9142: connect ECONNREFUSED 10.60.0.11:9142)'));
    expect(fake.calls).toEqual(['connect', 'shutdown']);
  });

  it('reports a missing cluster name as null', async () => {
    await expect(fakeClient({ clusterName: undefined }).source.read(target)).resolves.toMatchObject({ clusterName: null });
  });
});

describe('Cassandra driver helpers', () => {
  it('strips the port of the driver host keys', () => {
    expect(withoutPort('10.60.0.11:9042')).toBe('10.60.0.11');
    expect(withoutPort('fd00::1:9042')).toBe('fd00::1');
    expect(withoutPort('10.60.0.11')).toBe('10.60.0.11');
  });

  it('describes plain errors by their first line', () => {
    expect(driverErrorReason(new Error('Bad credentials\nmore'))).toBe('Bad credentials');
    expect(driverErrorReason('boom')).toBe('boom');
  });
});

describe('Cassandra connector', () => {
  it('reads through an injected metadata source and logs the spec lines', async () => {
    const reads: CassandraTarget[] = [];
    const double: CassandraMetadataSource = { read: async (t) => (reads.push(t), { clusterName: 'Prod Cassandra', hosts: [{ address: '10.60.0.11' }, { address: '127.0.0.1' }] }) };
    const module = await Test.createTestingModule({ providers: [CassandraConnector, { provide: CASSANDRA_METADATA_SOURCE, useValue: double }] }).compile();
    const options = Object.assign(new CassandraOptionsDto(), { mode: 'dry-run', contact_points: ['a.example', 'b.example'], username: 'u', password: 'p', timeout: 7 });
    const collection = await module.get(CassandraConnector).collect(options);
    expect(reads).toEqual([{ contactPoints: ['a.example', 'b.example'], port: 9042, username: 'u', password: 'p', useTls: false, insecure: false, timeoutMs: 7000 }]);
    expect(collection.log).toEqual(["Connected to Cassandra contact points 'a.example, b.example' on port 9042.", 'Collected 2 nodes from Cassandra metadata.', 'Prepared 1 IP assets from node metadata.']);
    expect(collection.warnings).toEqual(["Node '127.0.0.1' skipped: loopback IP '127.0.0.1' is not allowed."]);
    expect(collection.hosts).toEqual([]);
  });

  it('refuses an empty contact list before connecting', async () => {
    const connector = new CassandraConnector({ read: () => Promise.reject(new Error('must not connect')) });
    await expect(connector.collect(Object.assign(new CassandraOptionsDto(), { mode: 'file', contact_points: [] }))).rejects.toThrow(new ConnectorError('At least one Cassandra contact point is required.'));
  });
});
