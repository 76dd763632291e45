import fc from 'fast-check';
import { InvalidCidrError, bigToJson, cidrContains, ipKey, isReserved, parseCidr, parseIp } from './index';

const GENERIC = 'CIDR must be a valid IPv4 or IPv6 network.';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['192.168.1.0/24', '192.168.1.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.1.2.3', '10.1.2.3/32'],
    ['2001:DB8:0000::/32', '2001:db8::/32'],
    ['::/0', '::/0'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['::ffff:10.0.0.0/104', '::ffff:10.0.0.0/104'],
  ])('%s → %s', (text, canonical) => {
    expect(parseCidr(text).canonical).toBe(canonical);
  });

  it('derives range fields and SQL keys', () => {
    const c = parseCidr('10.0.0.0/8');
    expect(c).toMatchObject({ version: 4, network: 0x0a000000n, prefix: 8, first: 0x0a000000n, last: 0x0affffffn });
    expect(c.firstKey).toBe('40a000000');
    expect(c.lastKey).toBe('40affffff');
  });

  it('rejects host bits with a suggestion', () => {
    expect(() => parseCidr('10.0.0.1/8')).toThrow(
      'CIDR must be a network address: host bits are set (did you mean 10.0.0.0/8?)',
    );
    expect(() => parseCidr('2001:DB8::1/64')).toThrow(
      'CIDR must be a network address: host bits are set (did you mean 2001:db8::/64?)',
    );
    expect(() => parseCidr('1.2.3.4/0')).toThrow('(did you mean 0.0.0.0/0?)');
  });

  it.each([
    '10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/-1', '10.0.0.0/+8',
    '10.0.0.0/8/8', '10.0.0.0/ 8', ' 10.0.0.0/8', '10.0.0.0/8 ', '/8', '', '10.0.0/8',
    '010.0.0.0/8', 'fe80::%eth0/64', '10.0.0.0/1e1', '10.0.0.0/0x8', '10.0.0.0/' + '1'.repeat(300),
  ])('rejects %j with the generic message', (text) => {
    expect(() => parseCidr(text)).toThrow(InvalidCidrError);
    expect(() => parseCidr(text)).toThrow(GENERIC);
  });
});

describe('usable addresses (D6)', () => {
  it('IPv4 /24 reserves network and broadcast', () => {
    const c = parseCidr('192.168.1.0/24');
    expect(c.size).toBe(256n);
    expect(c.usableCount).toBe(254n);
    expect(c.usableFirst).toBe(parseIp('192.168.1.1')!.value);
    expect(c.usableLast).toBe(parseIp('192.168.1.254')!.value);
    expect(isReserved(c, c.first)).toBe(true);
    expect(isReserved(c, c.last)).toBe(true);
    expect(isReserved(c, c.first + 1n)).toBe(false);
  });

  it('IPv4 /31 has two usable, nothing reserved', () => {
    const c = parseCidr('10.0.0.0/31');
    expect([c.size, c.usableCount, c.usableFirst, c.usableLast]).toEqual([2n, 2n, c.first, c.last]);
    expect(isReserved(c, c.first) || isReserved(c, c.last)).toBe(false);
  });

  it('IPv4 /32 has one usable', () => {
    const c = parseCidr('10.0.0.7/32');
    expect([c.size, c.usableCount, c.usableFirst, c.usableLast]).toEqual([1n, 1n, c.first, c.first]);
    expect(isReserved(c, c.first)).toBe(false);
  });

  it('IPv6 /64: every address usable, size as JSON string', () => {
    const c = parseCidr('2001:db8::/64');
    expect(c.size).toBe(1n << 64n);
    expect(c.usableCount).toBe(c.size);
    expect([c.usableFirst, c.usableLast]).toEqual([c.first, c.last]);
    expect(isReserved(c, c.first)).toBe(false);
    expect(isReserved(c, c.last)).toBe(false);
    expect(bigToJson(c.usableCount)).toBe('18446744073709551616');
  });

  it('/0 covers the whole family', () => {
    expect(parseCidr('0.0.0.0/0').usableCount).toBe((1n << 32n) - 2n);
    expect(parseCidr('::/0').size).toBe(1n << 128n);
  });
});

describe('bigToJson', () => {
  it('keeps safe integers numeric', () => {
    expect(bigToJson(254n)).toBe(254);
    expect(bigToJson(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigToJson(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBe('9007199254740992');
  });
});

describe('cidrContains', () => {
  it('checks family and bounds', () => {
    const c = parseCidr('10.0.0.0/24');
    expect(cidrContains(c, 4, parseIp('10.0.0.255')!.value)).toBe(true);
    expect(cidrContains(c, 4, parseIp('10.0.1.0')!.value)).toBe(false);
    // Same numeric value, other family: must not match.
    expect(cidrContains(c, 6, c.first)).toBe(false);
  });

  const blockArb = fc.oneof(
    fc.tuple(fc.constant(4 as const), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })),
    fc.tuple(fc.constant(6 as const), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 })),
  );

  it('agrees with first <= v <= last and with the key range', () => {
    fc.assert(
      fc.property(blockArb, fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), ([version, addr, prefix], random) => {
        const bits = BigInt(version === 4 ? 32 : 128);
        const max = (1n << bits) - 1n;
        const host = bits - BigInt(prefix);
        const network = (addr >> host) << host;
        const c = parseCidr(`${rawText(version, network)}/${prefix}`);
        if (c.network !== network) return false;
        // Block edges are where off-by-one bugs live; the random probe covers the rest.
        const probes = [c.first - 1n, c.first, c.last, c.last + 1n, c.first + (random % c.size), random & max];
        return probes
          .filter((v) => v >= 0n && v <= max)
          .every((v) => {
            const inside = c.first <= v && v <= c.last;
            const k = ipKey(version, v);
            return cidrContains(c, version, v) === inside && (c.firstKey <= k && k <= c.lastKey) === inside;
          });
      }),
    );
  });
});

function rawText(version: 4 | 6, value: bigint): string {
  // Build input text without going through formatIp, to keep the property independent of it.
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  return value.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
}
