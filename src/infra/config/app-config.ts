import * as path from 'node:path';

/** Raised at boot when an environment variable has a value we cannot use. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/**
 * The one typed view of the environment. Built once at boot by `loadConfig`;
 * no other file reads `process.env`.
 */
export interface AppConfig {
  readonly nodeEnv: string;
  readonly isProduction: boolean;
  readonly isTest: boolean;
  readonly host: string;
  readonly port: number;
  /** SQLite file used when no PostgreSQL URL is given. */
  readonly dbPath: string;
  /** `postgres://…` URL; undefined means embedded SQLite. */
  readonly databaseUrl?: string;
  readonly adminBootstrapUsername?: string;
  readonly adminBootstrapPassword?: string;
  /** Undefined outside production means "generate and keep beside the database" (decision A8). */
  readonly sessionSecret?: string;
  readonly sessionTtlHours: number;
  readonly publicRead: boolean;
  readonly autoHostForBmc: boolean;
  readonly sdToken?: string;
  readonly metricsToken?: string;
  readonly importMaxBytes: number;
  readonly logLevel: LogLevel;
  readonly build: {
    readonly version?: string;
    readonly commit?: string;
    readonly buildTime?: string;
    readonly dockerTag?: string;
    readonly dockerRuntime?: boolean;
  };
}

type Env = Record<string, string | undefined>;

const TRUE_WORDS = ['1', 'true', 't', 'yes', 'y', 'on'];
const FALSE_WORDS = ['0', 'false', 'f', 'no', 'n', 'off'];

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function parseBooleanWord(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const parsed = parseBooleanWord(value);
  if (parsed === undefined) {
    throw new ConfigError(name, `must be one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(', ')} (got "${value}")`);
  }
  return parsed;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  const ipocketEnv = (text(env, 'IPOCKET_ENV') ?? '').toLowerCase();
  const isProduction = nodeEnv === 'production';
  const isTest = nodeEnv === 'test' || ipocketEnv === 'test' || ipocketEnv === 'testing';

  const databaseUrl = text(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql:// (unset it to use the embedded SQLite file)');
  }

  const sessionSecret = text(env, 'SESSION_SECRET');
  if (isProduction && sessionSecret === undefined) {
    throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production');
  }

  const logLevel = (text(env, 'IPOCKET_LOG_LEVEL') ?? 'INFO').toUpperCase();
  const dockerRuntime = text(env, 'IPOCKET_DOCKER_RUNTIME');

  return {
    nodeEnv,
    isProduction,
    isTest,
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 8000, 0, 65535),
    dbPath: path.resolve(text(env, 'IPAM_DB_PATH') ?? './data/ipocket.db'),
    databaseUrl,
    adminBootstrapUsername: text(env, 'ADMIN_BOOTSTRAP_USERNAME'),
    adminBootstrapPassword: text(env, 'ADMIN_BOOTSTRAP_PASSWORD'),
    sessionSecret,
    sessionTtlHours: integer(env, 'IPOCKET_SESSION_TTL_HOURS', 720, 1, 24 * 365 * 10),
    publicRead: bool(env, 'IPOCKET_PUBLIC_READ', false),
    // The original disables auto-host only for these words; anything else (even "") keeps it on.
    autoHostForBmc: !['0', 'false', 'no', 'off'].includes((env.IPOCKET_AUTO_HOST_FOR_BMC ?? '').trim().toLowerCase()),
    sdToken: text(env, 'IPOCKET_SD_TOKEN'),
    metricsToken: text(env, 'IPOCKET_METRICS_TOKEN'),
    importMaxBytes: integer(env, 'IPOCKET_IMPORT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    logLevel: (['DEBUG', 'INFO', 'WARNING', 'ERROR'].includes(logLevel) ? logLevel : 'INFO') as LogLevel,
    build: {
      version: text(env, 'IPOCKET_VERSION'),
      commit: text(env, 'IPOCKET_COMMIT'),
      buildTime: text(env, 'IPOCKET_BUILD_TIME'),
      dockerTag: text(env, 'IPOCKET_DOCKER_TAG'),
      dockerRuntime: dockerRuntime === undefined ? undefined : !FALSE_WORDS.includes(dockerRuntime.trim().toLowerCase()),
    },
  };
}

/** Injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
