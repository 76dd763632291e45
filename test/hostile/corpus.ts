import fc from 'fast-check';

/**
 * The hostile-input corpus: hand-written values that have broken real parsers, plus a seeded fast-check
 * sample, grouped by category so the suite can report what it tried. Values are plain data; the specs decide
 * where to put them (path, query, JSON body, form field, file).
 */
export interface HostileValue {
  category: Category;
  value: unknown;
}

export type Category =
  | 'ip'
  | 'cidr'
  | 'number'
  | 'sql'
  | 'path'
  | 'nul-control'
  | 'unicode'
  | 'script'
  | 'long'
  | 'json-type'
  | 'generated';

/** 1 MiB of text: used once per route, never in a loop. */
export const MEGABYTE_STRING = 'x'.repeat(1024 * 1024);

export const SCRIPT_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
];

const strings: Record<Exclude<Category, 'json-type' | 'generated'>, string[]> = {
  ip: [
    '',
    ' ',
    ' 10.0.0.1',
    '10.0.0.1 ',
    'fe80::1%eth0',
    'fe80::1%25eth0',
    '::ffff:10.0.0.1',
    '::ffff:0a00:0001',
    '010.0.0.1',
    '0x0a.0.0.1',
    '0177.0.0.1',
    '10.1',
    '167772161',
    '256.0.0.1',
    '1.2.3.4.5',
    '1:2:3:4:5:6:7:8:9',
    ':::',
    '1::2::3',
    '[::1]',
    '10.0.0.1/24',
    '10.0.0.1\n',
    '::ffff:255.255.255.256',
    '١٠.٠.٠.١',
    '１０.０.０.１',
    '1'.repeat(300),
    'f'.repeat(65),
    '0000:0000:0000:0000:0000:0000:0000:0000:0000',
  ],
  cidr: [
    '0.0.0.0/0',
    '::/0',
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/-1',
    '10.0.0.0/024',
    '10.0.0.1/24',
    '10.0.0.0/24/24',
    '10.0.0.0/',
    '/24',
    `10.0.0.0/${'9'.repeat(300)}`,
    'fe80::%eth0/64',
    '::ffff:10.0.0.0/120',
    '10.0.0.0/ 24',
  ],
  number: ['9'.repeat(300), '999999999999999', '-1', '0', '1.5', '1e309', 'NaN', 'Infinity', '0x10', '00001', ' 7', '9007199254740993', '-0'],
  sql: [
    "' OR 1=1 --",
    '%',
    '_',
    '\\',
    ';',
    "'; DROP TABLE ip_assets; --",
    '" OR ""="',
    '%_\\',
    "1' UNION SELECT username, password_hash FROM users --",
    "admin'--",
    '*',
    '$1',
  ],
  path: ['../../etc/passwd', '..%2f..%2fetc%2fpasswd', '..\\..\\windows\\win.ini', '/etc/passwd', '....//....//', 'file:///etc/passwd'],
  'nul-control': ['a\u0000b', '\u0000', '%00', 'x\r\nSet-Cookie: hacked=1', '\t\r\n', '\u001b[31mred', '\u0008\u007f'],
  unicode: [
    'proјect', // Cyrillic ј
    'аdmin', // Cyrillic а
    'a\u200db',
    '\u202egnp.exe',
    '\ufeffname',
    'ＡＢＣ',
    '🦄🦄',
    'e\u0301',
    'İı',
    '\ud800', // a lone surrogate: not encodable as UTF-8
  ],
  script: SCRIPT_PAYLOADS,
  long: ['x'.repeat(300), 'x'.repeat(10_000), 'é'.repeat(5_000)],
};

/** Wrong JSON types for a field: where a string, number or boolean is expected. */
const jsonTypes: unknown[] = [0, -1, 1.5, 1e308, true, false, null, [], {}, ['a'], { $gt: '' }, { __proto__: { admin: true } }, [[[]]]];

/** A reproducible sample of arbitrary text and address-shaped strings. */
function generated(count: number): string[] {
  const arb = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.fullUnicodeString({ maxLength: 20 }),
    fc.ipV4Extended(),
    fc.ipV6().map((ip) => ip.toUpperCase()),
    fc.tuple(fc.ipV4(), fc.integer({ min: -5, max: 140 })).map(([ip, p]) => `${ip}/${p}`),
    fc.stringOf(fc.constantFrom('%', '_', '\\', "'", '"', ';', '-', '<', '>', '&', ' ', 'a'), { maxLength: 12 }),
  );
  return fc.sample(arb, { seed: 20240610, numRuns: count });
}

/** Every string value, with its category. */
export function stringCorpus(generatedCount = 24): HostileValue[] {
  const out: HostileValue[] = [];
  for (const [category, values] of Object.entries(strings)) for (const value of values) out.push({ category: category as Category, value });
  for (const value of generated(generatedCount)) out.push({ category: 'generated', value });
  return out;
}

/** Strings plus wrong JSON types: for JSON bodies. */
export function jsonCorpus(generatedCount = 24): HostileValue[] {
  return [...stringCorpus(generatedCount), ...jsonTypes.map((value) => ({ category: 'json-type' as const, value }))];
}

/** A smaller cut, one or two per category, for the places where every field times every value would be too slow. */
export function sampleCorpus(): HostileValue[] {
  const picks: Record<string, number[]> = { ip: [4, 9, 24], cidr: [3], number: [0, 1], sql: [0, 1, 3], path: [0], 'nul-control': [0, 3], unicode: [1, 9], script: [0, 1], long: [1] };
  const out: HostileValue[] = [];
  for (const [category, indexes] of Object.entries(picks)) for (const i of indexes) out.push({ category: category as Category, value: strings[category as keyof typeof strings][i] });
  for (const value of generated(3)) out.push({ category: 'generated', value });
  return out;
}

/** Path segment values: ids and addresses as attackers spell them; `address` params get the IP list too. */
export function pathCorpus(param: 'id' | 'address' | 'name'): HostileValue[] {
  const ids = ['0', '-1', '1.5', '1e3', '0x1', '+1', ' 1', '1 ', '9'.repeat(300), '99999999999999999999', '999999999999999', '2147483648', '١'];
  return [
    ...(param === 'address' ? strings.ip.filter((v) => v !== '').map((value) => ({ category: 'ip' as const, value })) : ids.map((value) => ({ category: 'number' as const, value }))),
    ...strings.sql.slice(0, 6).map((value) => ({ category: 'sql' as const, value })),
    ...strings.path.map((value) => ({ category: 'path' as const, value })),
    ...['a\u0000b', '%00', '%0d%0aSet-Cookie:x=1'].map((value) => ({ category: 'nul-control' as const, value })),
    ...strings.unicode.slice(0, 4).map((value) => ({ category: 'unicode' as const, value })),
    ...SCRIPT_PAYLOADS.slice(0, 2).map((value) => ({ category: 'script' as const, value })),
    { category: 'long', value: 'x'.repeat(5_000) },
  ];
}

/** Encodes a value for a URL path segment or query; values that are already percent-escapes are sent raw. */
export function urlPart(value: string): string {
  if (/%[0-9a-fA-F]{2}/.test(value) && !/[\s/?#]/.test(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form; send the replacement bytes a sloppy client would.
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

/** `{"a":{"a":…}}` nested `depth` times, built as text so the test itself never recurses. */
export function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

export function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
