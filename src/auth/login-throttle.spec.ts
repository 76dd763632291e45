import { LoginThrottle, TooManyLoginAttempts } from './login-throttle';

describe('LoginThrottle', () => {
  it('refuses a username after ten failures within fifteen minutes and says how long to wait', () => {
    const throttle = new LoginThrottle();
    const start = 1_000_000;
    for (let i = 0; i < 10; i++) {
      throttle.check('alice', `10.0.0.${i}`, start + i);
      throttle.recordFailure('alice', `10.0.0.${i}`, start + i);
    }
    let error: unknown;
    try {
      throttle.check('alice', '10.0.0.99', start + 20);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooManyLoginAttempts);
    expect((error as TooManyLoginAttempts).retryAfterSeconds).toBe(900);
    expect(() => throttle.check('bob', '10.0.0.99', start + 20)).not.toThrow();
    expect(() => throttle.check('alice', '10.0.0.99', start + 15 * 60_000 + 1)).not.toThrow();
  });

  it('refuses a client address after thirty failures across usernames, and a success clears only the username', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 30; i++) throttle.recordFailure(`user${i}`, '192.0.2.1', 5);
    expect(() => throttle.check('someone', '192.0.2.1', 10)).toThrow(TooManyLoginAttempts);
    expect(() => throttle.check('someone', '192.0.2.2', 10)).not.toThrow();
    throttle.recordSuccess('user0');
    expect(() => throttle.check('user0', '192.0.2.3', 10)).not.toThrow();
  });
});
