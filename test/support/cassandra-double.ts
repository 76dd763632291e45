import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { CassandraDriverSource, CassandraMetadata, CassandraTarget } from '../../src/connectors/cassandra/cassandra-metadata';

/** connectors.md §6.6 as the metadata source reports it (addresses without their port). */
export const CASSANDRA_EXAMPLE: CassandraMetadata = {
  clusterName: 'Prod Cassandra',
  hosts: [
    { address: '10.60.0.11', datacenter: 'dc1', rack: 'rack1', hostId: '6f9c1a52-3f0e-4c1e-9a7b-2d5e8b1c0a11' },
    { address: '10.60.0.12', datacenter: 'dc1', rack: 'rack2', hostId: '0b7d4e93-8a21-4f6c-b3d2-7c1e9f5a2b22' },
    { address: '10.60.0.13', datacenter: 'dc2', rack: 'rack1', hostId: 'c4e2f8a1-5b3d-4a9e-8f7c-1d6b2e9a3c33' },
  ],
};

export interface CassandraDriverDouble {
  /** What the next reads answer; `'real'` hands them to the actual driver (for tests against 127.0.0.1). */
  answer: CassandraMetadata | 'real';
  /** The connection targets the connector asked for, in order. */
  targets: CassandraTarget[];
  restore(): void;
}

/**
 * Replaces the driver behind every `CassandraDriverSource` (the provider's metadata source, in the HTTP app and
 * in CLI runs alike) with a double, so runs need no Cassandra; call `restore()` when done.
 */
export function installCassandraDouble(): CassandraDriverDouble {
  const realRead = CassandraDriverSource.prototype.read;
  const double: CassandraDriverDouble = { answer: CASSANDRA_EXAMPLE, targets: [], restore: () => spy.mockRestore() };
  const spy = jest.spyOn(CassandraDriverSource.prototype, 'read').mockImplementation(async function (this: CassandraDriverSource, target: CassandraTarget) {
    double.targets.push(target);
    return double.answer === 'real' ? realRead.call(this, target) : double.answer;
  });
  return double;
}

/** A port on 127.0.0.1 where nothing listens: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
