import type { ClientOptions } from 'cassandra-driver';
import { ConnectorError } from '../framework/connector';

/** Where and how to connect (connectors.md §6.1); the password lives only in this object, in memory. */
export interface CassandraTarget {
  contactPoints: string[];
  port: number;
  username?: string;
  password?: string;
  useTls: boolean;
  insecure: boolean;
  timeoutMs: number;
}

/** One node the driver knows, as the original keeps it: bare address (no port), datacenter, rack, host id. */
export interface CassandraNode {
  address: string;
  datacenter?: string;
  rack?: string;
  hostId?: string;
}

export interface CassandraMetadata {
  clusterName: string | null;
  hosts: CassandraNode[];
}

/**
 * Reads a cluster's name and known nodes. The provider depends on this, not on the driver, so the tests can
 * hand it a double; production uses `CassandraDriverSource`.
 */
export interface CassandraMetadataSource {
  read(target: CassandraTarget): Promise<CassandraMetadata>;
}

/** Nest token for a replacement source (tests); without a binding the provider uses the real driver. */
export const CASSANDRA_METADATA_SOURCE = Symbol('CASSANDRA_METADATA_SOURCE');

/** The part of the driver's `Client` this source uses. */
export interface CassandraClientLike {
  connect(): Promise<void>;
  execute(query: string): Promise<{ first(): Record<string, unknown> | null }>;
  hosts: { values(): Array<{ address: string; datacenter?: string; rack?: string; hostId?: { toString(): string } | null }> };
  shutdown(): Promise<void>;
}

export type CassandraClientFactory = (options: ClientOptions) => CassandraClientLike;

/** `10.60.0.11:9042` → `10.60.0.11`; the Node driver keys hosts by `ip:port` (IPv6 unbracketed), Python's by ip. */
export function withoutPort(address: string): string {
  const colon = address.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(address.slice(colon + 1)) ? address.slice(0, colon) : address;
}

const firstLine = (text: string) => text.split('\n')[0].trim();

/**
 * A driver error as one line. `NoHostAvailableError` embeds each host's error with its stack: list the hosts
 * and their first lines instead.
 */
export function driverErrorReason(error: unknown): string {
  const e = error as { message?: string; innerErrors?: Record<string, unknown> };
  const inner = e.innerErrors && typeof e.innerErrors === 'object' ? Object.entries(e.innerErrors) : [];
  if (inner.length > 0) {
    const hosts = inner.map(([host, err]) => `${host}: ${firstLine((err as Error)?.message ?? String(err))}`);
    return `no host could be reached (${hosts.join('; ')})`;
  }
  return firstLine(e.message ?? String(error)) || 'unknown error';
}

type Driver = typeof import('cassandra-driver');

async function loadDriver(): Promise<Driver> {
  try {
    return await import('cassandra-driver');
  } catch {
    throw new ConnectorError("Missing dependency 'cassandra-driver'. Install it with `npm install cassandra-driver`.");
  }
}

/** The driver options of a target (§6.1 Node notes). */
export function clientOptions(target: CassandraTarget, driver: Pick<Driver, 'auth' | 'policies'>): ClientOptions {
  const options: ClientOptions = {
    contactPoints: target.contactPoints,
    protocolOptions: { port: target.port },
    // The default DC-aware policy refuses to start without `localDataCenter`, which the original never asks for.
    policies: { loadBalancing: new driver.policies.loadBalancing.RoundRobinPolicy() },
    socketOptions: { connectTimeout: target.timeoutMs, readTimeout: target.timeoutMs },
    // Only the nodes are needed, not the schema of every keyspace.
    isMetadataSyncEnabled: false,
  };
  if (target.username && target.password) options.authProvider = new driver.auth.PlainTextAuthProvider(target.username, target.password);
  if (target.useTls) options.sslOptions = { rejectUnauthorized: !target.insecure };
  return options;
}

/**
 * The real source: connect, `SELECT cluster_name FROM system.local` (the Node driver does not expose it), every
 * host the driver discovered (local node + peers), then shut down — also after a failure.
 */
export class CassandraDriverSource implements CassandraMetadataSource {
  /** `createClient` replaces the driver's `Client` (unit tests of this adapter). */
  constructor(private readonly createClient?: CassandraClientFactory) {}

  async read(target: CassandraTarget): Promise<CassandraMetadata> {
    let client: CassandraClientLike | undefined;
    try {
      const driver = await loadDriver();
      const options = clientOptions(target, driver);
      client = this.createClient ? this.createClient(options) : (new driver.Client(options) as unknown as CassandraClientLike);
      await client.connect();
      const row = (await client.execute('SELECT cluster_name FROM system.local')).first();
      const clusterName = typeof row?.cluster_name === 'string' ? row.cluster_name : null;
      const hosts = client.hosts.values().map((host) => ({
        address: withoutPort(host.address),
        datacenter: host.datacenter,
        rack: host.rack,
        hostId: host.hostId ? host.hostId.toString() : undefined,
      }));
      return { clusterName, hosts };
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      throw new ConnectorError(`Failed to read Cassandra cluster metadata: ${driverErrorReason(error)}`);
    } finally {
      await client?.shutdown().catch(() => undefined);
    }
  }
}
