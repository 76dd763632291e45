import { ConfigError, loadConfig } from './app-config';

/** The two HTTPS-related settings of the security baseline (the rest is covered by test/e2e/platform-config). */
describe('loadConfig: IPOCKET_COOKIE_SECURE and IPOCKET_TRUST_PROXY', () => {
  it('defaults to no forced Secure flag and no trusted proxy', () => {
    expect(loadConfig({})).toMatchObject({ cookieSecure: false, trustProxy: false });
  });

  it.each([
    ['true', true],
    ['YES', true],
    ['off', false],
  ])('reads IPOCKET_COOKIE_SECURE=%s as %s', (value, expected) => {
    expect(loadConfig({ IPOCKET_COOKIE_SECURE: value }).cookieSecure).toBe(expected);
  });

  it.each([
    ['true', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    [' LoopBack , 10.0.0.0/8, 192.0.2.1 ,fd00::/8, ::1', ['loopback', '10.0.0.0/8', '192.0.2.1', 'fd00::/8', '::1']],
    ['uniquelocal,linklocal', ['uniquelocal', 'linklocal']],
  ])('reads IPOCKET_TRUST_PROXY=%j as %j', (value, expected) => {
    expect(loadConfig({ IPOCKET_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ['IPOCKET_COOKIE_SECURE', 'sometimes'],
    ['IPOCKET_TRUST_PROXY', 'maybe'],
    ['IPOCKET_TRUST_PROXY', '10.0.0.1/8'],
    ['IPOCKET_TRUST_PROXY', 'loopback, proxy.example'],
    ['IPOCKET_TRUST_PROXY', '300.1.1.1'],
    ['IPOCKET_TRUST_PROXY', '101'],
    ['IPOCKET_TRUST_PROXY', '-1'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });
});
