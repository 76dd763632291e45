import fc from 'fast-check';
import { cidrContains, formatIp, InvalidCidrError, ipKey, parseCidr, parseIp } from '../../src/common/ip';
import { csvRow, IP_ASSET_COLUMNS } from '../../src/exports/csv-format';
import { ImportParseError } from '../../src/imports/import-model';
import { parseBundleBytes } from '../../src/imports/parsers/bundle-parser';
import { parseCsvFiles } from '../../src/imports/parsers/csv-import-parser';

/**
 * Properties of the parsers that hostile input reaches first. The round trips and key order of
 * src/common/ip/*.spec.ts are not repeated here; these add spellings, arbitrary text, CIDR arithmetic and
 * the import parsers.
 */
const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;
const v4 = fc.bigInt({ min: 0n, max: V4_MAX });
const v6 = fc.oneof(fc.bigInt({ min: 0n, max: V6_MAX }), fc.array(fc.constantFrom(0n, 1n, 0xffffn), { minLength: 8, maxLength: 8 }).map((g) => g.reduce((a, b) => (a << 16n) | b, 0n)));
const anyAddress = fc.oneof(v4.map((value) => ({ version: 4 as const, value })), v6.map((value) => ({ version: 6 as const, value })));
const hostileText = fc.oneof(fc.string(), fc.fullUnicodeString(), fc.ipV4Extended(), fc.ipV6(), fc.stringOf(fc.constantFrom('0', '1', 'f', ':', '.', '/', '%', ' ', 'x'), { maxLength: 50 }));

const groupsOf = (value: bigint) => Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));

/** Other legal spellings of an IPv6 address: uncompressed, zero-padded, upper case, dotted tail, another zero run compressed. */
function spellingsOf(value: bigint): string[] {
  const groups = groupsOf(value);
  const hex = groups.map((g) => g.toString(16));
  const out = [hex.join(':'), groups.map((g) => g.toString(16).padStart(4, '0')).join(':'), hex.join(':').toUpperCase()];
  const low = Number(value & 0xffffffffn);
  out.push(`${hex.slice(0, 6).join(':')}:${[24, 16, 8, 0].map((s) => (low >>> s) & 255).join('.')}`);
  for (let i = 0; i < 8; i++) {
    if (groups[i] !== 0) continue;
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    out.push(`${hex.slice(0, i).join(':')}::${hex.slice(j).join(':')}`);
    i = j;
  }
  return out;
}

describe('address parser and canonicaliser', () => {
  it('never throws on arbitrary text, and whatever it accepts re-parses to the same key', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const parsed = parseIp(text);
        if (parsed === null) return;
        const again = parseIp(parsed.canonical);
        expect(again?.key).toBe(parsed.key);
        expect(parsed.canonical).toBe(formatIp(parsed.version, parsed.value));
      }),
      { numRuns: 3000 },
    );
  });

  it('maps every spelling of an IPv6 address to one canonical form', () => {
    fc.assert(
      fc.property(v6, (value) => {
        const canonical = formatIp(6, value);
        for (const spelling of spellingsOf(value)) expect([spelling, parseIp(spelling)?.canonical]).toEqual([spelling, canonical]);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses spellings other tools read differently: leading zeros, zone ids, brackets, padding', () => {
    fc.assert(
      fc.property(v4, fc.constantFrom('lead0', 'zone', 'bracket', 'space', 'hexoctet'), (value, twist) => {
        const dotted = formatIp(4, value);
        const octets = dotted.split('.');
        const variants: Record<string, string> = {
          lead0: [`0${octets[0]}`, ...octets.slice(1)].join('.'),
          zone: `::ffff:${dotted}%eth0`,
          bracket: `[${dotted}]`,
          space: ` ${dotted}`,
          hexoctet: [`0x${Number(octets[0]).toString(16)}`, ...octets.slice(1)].join('.'),
        };
        expect(parseIp(variants[twist])).toBeNull();
      }),
    );
  });

  it('orders keys as bytes exactly as the addresses order numerically, v4 before v6', () => {
    fc.assert(
      fc.property(fc.array(anyAddress, { minLength: 2, maxLength: 40 }), (addresses) => {
        const byKey = [...addresses].sort((a, b) => Buffer.compare(Buffer.from(ipKey(a.version, a.value)), Buffer.from(ipKey(b.version, b.value))));
        const byNumber = [...addresses].sort((a, b) => a.version - b.version || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
        expect(byKey.map((a) => `${a.version}/${a.value}`)).toEqual(byNumber.map((a) => `${a.version}/${a.value}`));
      }),
    );
  });
});

describe('CIDR maths', () => {
  const block = fc.oneof(
    fc.tuple(fc.constant(4 as const), v4, fc.integer({ min: 0, max: 32 })),
    fc.tuple(fc.constant(6 as const), v6, fc.integer({ min: 0, max: 128 })),
  );

  it('agrees with BigInt arithmetic for first, last, size, usable count and membership', () => {
    fc.assert(
      fc.property(block, fc.bigInt({ min: 0n, max: V6_MAX }), ([version, address, prefix], probe) => {
        const bits = version === 4 ? 32n : 128n;
        const size = 2n ** (bits - BigInt(prefix));
        const network = address - (address % size);
        const c = parseCidr(`${formatIp(version, network)}/${prefix}`);
        expect([c.first, c.last, c.size]).toEqual([network, network + size - 1n, size]);
        const reserves = version === 4 && prefix < 31;
        expect(c.usableCount).toBe(reserves ? size - 2n : size);
        expect(c.usableLast - c.usableFirst + 1n).toBe(c.usableCount);
        const value = probe % (version === 4 ? V4_MAX + 1n : V6_MAX + 1n);
        expect(cidrContains(c, version, value)).toBe(value >= network && value <= network + size - 1n);
        expect(c.firstKey <= ipKey(version, value) && ipKey(version, value) <= c.lastKey).toBe(cidrContains(c, version, value));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any prefix beyond the family and any host bits, and throws nothing but InvalidCidrError', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, anyAddress.chain(({ version, value }) => fc.integer({ min: -2, max: 300 }).map((p) => `${formatIp(version, value)}/${p}`))), (text) => {
        try {
          const c = parseCidr(text);
          expect(c.prefix).toBeLessThanOrEqual(c.version === 4 ? 32 : 128);
          expect(c.network % c.size).toBe(0n);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidCidrError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** Parser calls may fail only with the parser's own error, never with a TypeError or a RangeError. */
function onlyParseErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ImportParseError)) throw error;
  }
}

describe('CSV import parser', () => {
  it('throws nothing but ImportParseError for arbitrary bytes and text', () => {
    const csvish = fc.stringOf(fc.constantFrom('a', '1', '.', ',', '"', '\n', '\r', ' ', '\u0000', 'é', '\ufeff'), { maxLength: 200 });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), csvish.map((s) => Buffer.from(s)), csvish.map((s) => Buffer.from(`ip_address,type,project_name,host_name,notes,archived\n${s}`))), (bytes) => {
        onlyParseErrors(() => parseCsvFiles({ ipAssets: bytes }));
        onlyParseErrors(() => parseCsvFiles({ hosts: bytes }));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back what the exporter writes, commas, quotes and line breaks included', () => {
    const cellText = fc.stringOf(fc.constantFrom('a', 'Z', '0', ',', '"', '\n', '\r\n', ' ', '<', '%', 'é', '🦄'), { minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '');
    const row = fc.record({ ip: anyAddress.map(({ version, value }) => formatIp(version, value)), type: fc.constantFrom('OS', 'BMC', 'VM', 'VIP', 'OTHER'), project: cellText, host: cellText, notes: cellText, archived: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        const csv =
          csvRow([...IP_ASSET_COLUMNS]) +
          rows.map((r) => csvRow([r.ip, r.type, r.project, r.host, '', r.notes, r.archived ? 'True' : 'False', '2024-01-01 00:00:00', '2024-01-01 00:00:00'])).join('');
        const bundle = parseCsvFiles({ ipAssets: Buffer.from(csv) });
        expect(bundle.ipAssets.map((a) => [a.ipAddress, a.type, a.projectName, a.hostName, a.notes, a.archived])).toEqual(rows.map((r) => [r.ip, r.type, r.project.trim(), r.host.trim(), r.notes.trim(), r.archived]));
      }),
    );
  });
});

describe('bundle import parser', () => {
  it('throws nothing but ImportParseError for arbitrary bytes and JSON values', () => {
    const envelope = fc.jsonValue({ maxDepth: 4 }).map((data) => ({ schema_version: '1', data }));
    const sections = fc.dictionary(fc.constantFrom('vendors', 'projects', 'hosts', 'ip_assets'), fc.jsonValue({ maxDepth: 3 })).map((data) => ({ schema_version: '1', data }));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '')), fc.oneof(envelope, sections).map((v) => Buffer.from(JSON.stringify(v)))), (bytes) => {
        onlyParseErrors(() => parseBundleBytes(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every field of a generated bundle', () => {
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '');
    const asset = fc.record({ ip_address: anyAddress.map(({ version, value }) => formatIp(version, value)), type: fc.constantFrom('OS', 'BMC', 'VM', 'VIP', 'OTHER'), project_name: name, host_name: name, notes: name, tags: fc.array(fc.stringMatching(/^[a-z0-9_-]{1,10}$/), { maxLength: 3 }), archived: fc.boolean() });
    fc.assert(
      fc.property(fc.array(asset, { maxLength: 8 }), fc.array(name, { maxLength: 5 }), (assets, vendors) => {
        const bytes = Buffer.from(JSON.stringify({ app: 'ipocket', schema_version: '1', data: { vendors: vendors.map((n) => ({ name: n })), ip_assets: assets } }));
        const bundle = parseBundleBytes(bytes);
        expect(bundle.vendors.map((v) => v.name)).toEqual(vendors);
        expect(bundle.ipAssets.map((a) => [a.ipAddress, a.type, a.projectName, a.hostName, a.notes, a.tags, a.archived])).toEqual(assets.map((a) => [a.ip_address, a.type, a.project_name, a.host_name, a.notes, a.tags, a.archived]));
      }),
    );
  });

  it('refuses unpaired surrogates and NUL characters, which no database would store as written', () => {
    expect(() => parseBundleBytes(Buffer.from('{"schema_version":"1","data":{"projects":[{"name":"\\ud800"}]}}'))).toThrow(ImportParseError);
    expect(parseBundleBytes(Buffer.from('{"schema_version":"1","data":{"projects":[{"name":"\\ud83e\\udd84"}]}}')).projects[0].name).toBe('🦄');
    expect(() => parseBundleBytes(Buffer.from('{"schema_version":"1","data":{"vendors":[{"name":"a\\u0000"}]}}'))).toThrow(ImportParseError);
  });
});
