import * as path from 'node:path';
import { InvalidCidrError, parseCidr } from '../../common/ip';

/** Raised at boot when an environment variable has a value we cannot use. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/**
 * Express's `trust proxy` setting: `false` (no proxy, the default), `true` (trust every hop), a hop count, or the
 * addresses/networks of the proxies (with Express's names `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = boolean | number | string[];

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
  /** Mark every cookie `Secure`, even when the app cannot see that the browser used HTTPS. */
  readonly cookieSecure: boolean;
  /** Which reverse proxies may tell the client address and scheme (`X-Forwarded-For`, `X-Forwarded-Proto`). */
  readonly trustProxy: TrustProxy;
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

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * IPOCKET_TRUST_PROXY: true/false words, a hop count, or a comma list of proxy names, addresses and CIDRs.
 * Validated here because Express would only fail on the first request, or silently trust the wrong peers.
 */
function trustProxy(env: Env): TrustProxy {
  const name = 'IPOCKET_TRUST_PROXY';
  const value = text(env, name);
  if (value === undefined) return false;
  const word = value.trim().toLowerCase();
  // Digits are a hop count ("1" = the one proxy in front), not the boolean word "1".
  if (/^\d+$/.test(word)) {
    const hops = Number(word);
    if (hops > 100) throw new ConfigError(name, `hop count must be at most 100 (got "${value}")`);
    return hops === 0 ? false : hops;
  }
  const flag = parseBooleanWord(word);
  if (flag !== undefined) return flag;
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry.toLowerCase())) continue;
    try {
      parseCidr(entry);
    } catch (error) {
      if (!(error instanceof InvalidCidrError)) throw error;
      throw new ConfigError(name, `must be true, false, a hop count, or a comma list of ${PROXY_NAMES.join('/')}, IP addresses and network CIDRs (bad entry "${entry}": ${error.message})`);
    }
  }
  return entries.map((entry) => (PROXY_NAMES.includes(entry.toLowerCase()) ? entry.toLowerCase() : entry));
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
    cookieSecure: bool(env, 'IPOCKET_COOKIE_SECURE', false),
    trustProxy: trustProxy(env),
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
