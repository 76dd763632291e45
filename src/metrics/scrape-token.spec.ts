import { bearerToken, sameSecret } from './scrape-token';

describe('scrape tokens', () => {
  it('reads a bearer token with a case-insensitive scheme, split at the first space', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bEaReR abc def')).toBe('abc def');
    expect(bearerToken('Bearer  abc')).toBe(' abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3cret ', 's3cret')).toBe(false);
    expect(sameSecret('S3CRET', 's3cret')).toBe(false);
    expect(sameSecret('', 's3cret')).toBe(false);
    expect(sameSecret(undefined, 's3cret')).toBe(false);
  });
});
