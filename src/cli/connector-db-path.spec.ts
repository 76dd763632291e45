import * as path from 'node:path';
import { UsageError } from '../connectors/framework/connector-cli';
import { loadConfig } from '../infra/config/app-config';
import { connectorDbPath, withConnectorDbPath } from './connector-db-path';

describe('--db-path of the connector commands', () => {
  it('is read in both spellings after the connector command, the last one winning', () => {
    expect(connectorDbPath(['connector', 'ceph', '--db-path', 'a.db', '--mode', 'apply'])).toBe('a.db');
    expect(connectorDbPath(['connector', 'ceph', '--db-path=b.db'])).toBe('b.db');
    expect(connectorDbPath(['connector', 'ceph', '--db-path', 'a.db', '--db-path=c.db'])).toBe('c.db');
    expect(connectorDbPath(['connector', 'ceph', '--mode', 'dry-run'])).toBeUndefined();
  });

  it('belongs to the connector commands only', () => {
    expect(connectorDbPath(['import', 'bundle.json', '--db-path', 'a.db'])).toBeUndefined();
    expect(connectorDbPath(['user', 'list'])).toBeUndefined();
  });

  it('wants a path', () => {
    expect(() => connectorDbPath(['connector', 'ceph', '--db-path'])).toThrow(new UsageError('argument --db-path: expected one argument'));
    expect(() => connectorDbPath(['connector', 'ceph', '--db-path', '--mode', 'apply'])).toThrow(UsageError);
    expect(() => connectorDbPath(['connector', 'ceph', '--db-path='])).toThrow(new UsageError('argument --db-path: expected a file path'));
  });

  it('replaces the SQLite file of the configuration, and is refused with PostgreSQL', () => {
    const sqlite = loadConfig({ NODE_ENV: 'test', IPAM_DB_PATH: '/tmp/configured.db' });
    expect(withConnectorDbPath(sqlite, ['connector', 'ceph', '--db-path', 'rel/other.db']).dbPath).toBe(path.resolve('rel/other.db'));
    expect(withConnectorDbPath(sqlite, ['connector', 'ceph'])).toBe(sqlite);
    const postgres = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(withConnectorDbPath(postgres, ['connector', 'ceph'])).toBe(postgres);
    expect(() => withConnectorDbPath(postgres, ['connector', 'ceph', '--db-path', 'x.db'])).toThrow(/cannot be used while DATABASE_URL \(PostgreSQL\) is set/);
  });
});
