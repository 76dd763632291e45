import * as path from 'node:path';
import type { AppConfig } from '../infra/config/app-config';
import { UsageError } from '../connectors/framework/connector-cli';

const FLAG = '--db-path';

/**
 * The `--db-path <file>` of `ipocket connector <name> …` (connectors.md §0.7), or undefined when not given.
 * The last one wins, as with argparse. Only the connector commands take it.
 */
export function connectorDbPath(args: readonly string[]): string | undefined {
  if (args[0] !== 'connector') return undefined;
  let value: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === FLAG) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`argument ${FLAG}: expected one argument`);
      value = next;
      i++;
    } else if (arg.startsWith(`${FLAG}=`)) value = arg.slice(FLAG.length + 1);
  }
  if (value !== undefined && value.trim() === '') throw new UsageError(`argument ${FLAG}: expected a file path`);
  return value;
}

/**
 * The CLI's configuration with `--db-path` applied. The database is opened (and migrated) while the CLI module
 * boots, before commander reads the flags, so the flag has to be seen here. It names a SQLite file, so it is
 * refused when PostgreSQL (`DATABASE_URL`) is configured rather than silently ignored.
 */
export function withConnectorDbPath(config: AppConfig, args: readonly string[]): AppConfig {
  const dbPath = connectorDbPath(args);
  if (dbPath === undefined) return config;
  if (config.databaseUrl) throw new UsageError(`${FLAG} names a SQLite file and cannot be used while DATABASE_URL (PostgreSQL) is set`);
  return { ...config, dbPath: path.resolve(dbPath) };
}
