import fc from 'fast-check';
import { InvalidIpError, canonicalIp, formatIp, ipFromKey, ipKey, keyValue, parseIp } from './index';

const MAX_V4 = (1n << 32n) - 1n;
const MAX_V6 = (1n << 128n) - 1n;
const v4Arb = fc.bigInt({ min: 0n, max: MAX_V4 });
const v6Arb = fc.bigInt({ min: 0n, max: MAX_V6 });

describe('parseIp – IPv4', () => {
  it.each([
    ['0.0.0.0', 0n],
    ['255.255.255.255', MAX_V4],
    ['10.0.0.1', 0x0a000001n],
    ['192.168.1.100', 0xc0a80164n],
  ])('accepts %s', (text, value) => {
    expect(parseIp(text)).toEqual({
      version: 4,
      value,
      canonical: text,
      key: '4' + value.toString(16).padStart(8, '0'),
    });
  });

  it.each([
    '010.0.0.1', '10.0.0.01', '00.0.0.0', '256.0.0.0', '1.2.3.256', '1.2.3.999',
    '1..2.3', '.1.2.3', '1.2.3.', '1.2.3', '1.2.3.4.5', '1', '',
    ' 1.2.3.4', '1.2.3.4 ', '1.2. 3.4', '1.2.3.4\n',
    '0x1.2.3.4', '0x7f000001', '2130706433', '+1.2.3.4', '-1.2.3.4', '1.2.3.4/32',
    '1'.repeat(300) + '.0.0.0', '1.2.3.' + '9'.repeat(300), 'a.b.c.d', '1e2.0.0.0',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('rejects non-string input at runtime', () => {
    expect(parseIp(undefined as unknown as string)).toBeNull();
    expect(parseIp(123 as unknown as string)).toBeNull();
  });
});

describe('parseIp – IPv6', () => {
  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:DB8::0001', '2001:db8::1'],
    ['FE80::ABCD', 'fe80::abcd'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::FFFF:10.0.0.1', '::ffff:10.0.0.1'],
    ['0:0:0:0:0:ffff:0102:0304', '::ffff:1.2.3.4'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['::1.2.3.4', '::102:304'],
  ])('accepts %s as %s', (text, canonical) => {
    const parsed = parseIp(text);
    expect(parsed?.version).toBe(6);
    expect(parsed?.canonical).toBe(canonical);
  });

  it('treats IPv4-mapped addresses as version 6', () => {
    expect(parseIp('::ffff:1.2.3.4')).toMatchObject({ version: 6, value: 0xffff01020304n });
  });

  it.each([
    '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', '::1::', ':::', '1:::2',
    '12345::', '::12345', 'g::1', ':1::2', '1::2:', ':1', '1:', ':',
    'fe80::1%eth0', 'fe80::1%1', ' ::1', '::1 ', '[::1]', '::1/128',
    '1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7:8', '1.2.3.4::', '1.2.3.4::1', '::1.2.3.4:1',
    '::ffff:1.2.3', '::ffff:01.2.3.4', '::ffff:256.2.3.4', '1:2:3:4:5:6:7:1.2.3.4',
    '0'.repeat(65) + '::', '::' + 'f'.repeat(300),
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('RFC 5952 canonical form', () => {
  it.each([
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // single zero group stays
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // longest run wins
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // tie → first run
    ['2001:db8::0:1', '2001:db8::1'],
    ['0:0:1:0:0:0:0:0', '0:0:1::'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:ffff:0:0', '::ffff:0.0.0.0'],
    ['::fffe:1.2.3.4', '::fffe:102:304'], // only ::ffff:0:0/96 stays dotted
    ['1::ffff:1.2.3.4', '1::ffff:102:304'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical);
  });

  it('throws InvalidIpError with a fixed message', () => {
    expect(() => canonicalIp('nope')).toThrow(InvalidIpError);
    expect(() => canonicalIp('010.0.0.1')).toThrow('Invalid IP address.');
  });
});

describe('formatIp', () => {
  it('refuses out-of-range values', () => {
    expect(() => formatIp(4, -1n)).toThrow(RangeError);
    expect(() => formatIp(4, MAX_V4 + 1n)).toThrow(RangeError);
    expect(() => formatIp(6, MAX_V6 + 1n)).toThrow(RangeError);
  });
});

describe('ipKey / ipFromKey', () => {
  const key = (t: string) => parseIp(t)!.key;

  it('has the documented fixed-width layout', () => {
    expect(ipKey(4, 0x0a000001n)).toBe('40a000001');
    expect(ipKey(6, 1n)).toBe('6' + '0'.repeat(31) + '1');
    expect(key('::ffff:1.2.3.4')).toBe('6' + '0'.repeat(20) + 'ffff01020304');
  });

  it('orders 10.0.0.2 < 10.0.0.10 < 2001:db8::1', () => {
    const keys = ['2001:db8::1', '10.0.0.10', '10.0.0.2'].map(key).sort();
    expect(keys).toEqual(['10.0.0.2', '10.0.0.10', '2001:db8::1'].map(key));
    expect(key('10.0.0.2') < key('10.0.0.10')).toBe(true);
    expect(key('255.255.255.255') < key('::')).toBe(true);
  });

  it('inverts via ipFromKey', () => {
    expect(ipFromKey('40a000001')).toEqual(parseIp('10.0.0.1'));
    expect(ipFromKey(key('2001:db8::1'))).toEqual(parseIp('2001:db8::1'));
  });

  it('keyValue reads the number of a stored key', () => {
    expect(keyValue('40a000001')).toBe(0x0a000001n);
    expect(keyValue(key('2001:db8::1'))).toBe(parseIp('2001:db8::1')!.value);
  });

  it.each(['', '4', '40a00000', '40a0000011', '40A000001', '5' + '0'.repeat(8), '6' + '0'.repeat(31)])(
    'ipFromKey rejects %j',
    (bad) => {
      expect(() => ipFromKey(bad)).toThrow(InvalidIpError);
    },
  );
});

describe('properties', () => {
  it('v4: parse(format(v)) round-trips', () => {
    fc.assert(
      fc.property(v4Arb, (v) => {
        const p = parseIp(formatIp(4, v));
        return p !== null && p.version === 4 && p.value === v;
      }),
    );
  });

  it('v6: parse(format(v)) round-trips', () => {
    // Bias towards zero groups so '::' compression paths are exercised.
    const groupArb = fc.oneof(fc.constant(0n), fc.constant(0xffffn), fc.bigInt({ min: 0n, max: 0xffffn }));
    const sparseV6 = fc
      .array(groupArb, { minLength: 8, maxLength: 8 })
      .map((gs) => gs.reduce((acc, g) => (acc << 16n) | g, 0n));
    fc.assert(
      fc.property(fc.oneof(v6Arb, sparseV6), (v) => {
        const p = parseIp(formatIp(6, v));
        return p !== null && p.version === 6 && p.value === v;
      }),
    );
  });

  const anyIp = fc.oneof(
    v4Arb.map((value) => ({ version: 4 as const, value })),
    v6Arb.map((value) => ({ version: 6 as const, value })),
  );

  it('key order equals numeric order (v4 always before v6)', () => {
    fc.assert(
      fc.property(anyIp, anyIp, (a, b) => {
        const ka = ipKey(a.version, a.value);
        const kb = ipKey(b.version, b.value);
        const expected = a.version !== b.version ? a.version - b.version : Number(a.value - b.value);
        return Math.sign(ka < kb ? -1 : ka > kb ? 1 : 0) === Math.sign(expected);
      }),
    );
  });

  it('ipFromKey inverts ipKey', () => {
    fc.assert(
      fc.property(anyIp, ({ version, value }) => {
        const p = ipFromKey(ipKey(version, value));
        return p.version === version && p.value === value;
      }),
    );
  });

  it('canonicalIp is idempotent, also for non-canonical spellings', () => {
    // Upper-case and zero-padded full form of the same value.
    const fullUpper = (v: bigint) =>
      v.toString(16).padStart(32, '0').toUpperCase().match(/.{4}/g)!.join(':');
    fc.assert(
      fc.property(anyIp, ({ version, value }) => {
        const text = version === 4 ? formatIp(4, value) : fullUpper(value);
        const once = canonicalIp(text);
        return canonicalIp(once) === once && parseIp(once)!.value === value;
      }),
    );
  });
});
