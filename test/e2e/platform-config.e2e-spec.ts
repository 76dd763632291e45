import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../src/infra/config/app-config';

/** The typed configuration: defaults, accepted spellings, and refusals that name the variable. */
describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      dbPath: path.resolve('./data/ipocket.db'),
      databaseUrl: undefined,
      sessionTtlHours: 720,
      publicRead: false,
      autoHostForBmc: true,
      importMaxBytes: 10 * 1024 * 1024,
      logLevel: 'INFO',
      nodeEnv: 'development',
      isProduction: false,
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      IPAM_DB_PATH: '/tmp/x/ipocket.db',
      DATABASE_URL: 'postgresql://u@db/ipocket',
      IPOCKET_SESSION_TTL_HOURS: '2',
      IPOCKET_PUBLIC_READ: 'Yes',
      IPOCKET_AUTO_HOST_FOR_BMC: ' OFF ',
      IPOCKET_SD_TOKEN: 'sd',
      IPOCKET_METRICS_TOKEN: 'm',
      IPOCKET_IMPORT_MAX_BYTES: '2048',
      IPOCKET_LOG_LEVEL: 'debug',
      ADMIN_BOOTSTRAP_USERNAME: 'root',
      ADMIN_BOOTSTRAP_PASSWORD: 'secret-password',
      SESSION_SECRET: 's3cret',
      IPOCKET_VERSION: '1.2.3',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dbPath: '/tmp/x/ipocket.db',
      databaseUrl: 'postgresql://u@db/ipocket',
      sessionTtlHours: 2,
      publicRead: true,
      autoHostForBmc: false,
      sdToken: 'sd',
      metricsToken: 'm',
      importMaxBytes: 2048,
      logLevel: 'DEBUG',
      adminBootstrapUsername: 'root',
      adminBootstrapPassword: 'secret-password',
      sessionSecret: 's3cret',
      build: expect.objectContaining({ version: '1.2.3' }),
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ', IPOCKET_PUBLIC_READ: '' })).toMatchObject({ port: 8000, databaseUrl: undefined, publicRead: false });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['IPOCKET_PUBLIC_READ', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['IPOCKET_SESSION_TTL_HOURS', '0'],
    ['IPOCKET_SESSION_TTL_HOURS', '1.5'],
    ['IPOCKET_IMPORT_MAX_BYTES', 'lots'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it('requires SESSION_SECRET in production only (decision A8)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/Invalid configuration: SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x' }).isProduction).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).sessionSecret).toBeUndefined();
  });
});
