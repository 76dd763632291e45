/**
 * IPv4/IPv6 address parsing and canonical formatting on top of BigInt.
 *
 * Deliberately strict: addresses are identities in the IPAM, so every accepted
 * spelling must map to exactly one canonical form and one sortable key.
 */

export type IpVersion = 4 | 6;

export interface ParsedIp {
  version: IpVersion;
  value: bigint;
  /** RFC 5952 text for v6, dotted quad for v4. */
  canonical: string;
  /** See ipKey(). */
  key: string;
}

export class InvalidIpError extends Error {
  constructor() {
    super('Invalid IP address.');
    this.name = 'InvalidIpError';
  }
}

// The longest legitimate spelling (full v6 with embedded v4) is 45 chars; the
// cap lets us refuse hostile megabyte inputs before any regex runs.
export const MAX_IP_TEXT_LENGTH = 64;

export const IP_BITS: Readonly<Record<IpVersion, number>> = { 4: 32, 6: 128 };

// Leading zeros are refused because some stacks read them as octal, so
// "010.0.0.1" would mean different hosts to different tools.
const V4_RE = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;
const V6_CHARS_RE = /^[0-9a-fA-F:.]+$/;
const HEX_GROUP_RE = /^[0-9a-fA-F]{1,4}$/;
const KEY_RE = /^(?:4[0-9a-f]{8}|6[0-9a-f]{32})$/;

const V4_MAPPED_PREFIX = 0xffffn << 32n;
const LOW32_MASK = 0xffffffffn;

function parseV4(text: string): bigint | null {
  if (!V4_RE.test(text)) return null;
  let value = 0n;
  for (const part of text.split('.')) {
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** Parses a ':'-separated run of hex groups; the last may be a dotted quad. */
function parseGroups(text: string, allowV4Tail: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (allowV4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (v4 === null) return null;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (HEX_GROUP_RE.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null; // empty group (stray ':'), 5+ digits, misplaced '.'
    }
  }
  return groups;
}

function parseV6(text: string): bigint | null {
  if (!V6_CHARS_RE.test(text)) return null; // also rejects zone ids ('%')
  const halves = text.split('::');
  if (halves.length > 2) return null;

  let groups: number[];
  if (halves.length === 1) {
    const all = parseGroups(text, true);
    if (all === null || all.length !== 8) return null;
    groups = all;
  } else {
    // A dotted quad may only end the address, so never in the left half.
    const head = parseGroups(halves[0], false);
    const tail = parseGroups(halves[1], true);
    if (head === null || tail === null) return null;
    // '::' stands for at least one zero group (RFC 4291 §2.2).
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  }

  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

function assertInRange(version: IpVersion, value: bigint): void {
  if (value < 0n || value >> BigInt(IP_BITS[version]) !== 0n) {
    throw new RangeError(`Value out of range for IPv${version}.`);
  }
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
}

function formatV6(value: bigint): string {
  // RFC 5952 §5: mapped addresses read best with the IPv4 part kept dotted.
  if (value >> 32n === 0xffffn) return `::ffff:${formatV4(value & LOW32_MASK)}`;

  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));

  // RFC 5952 §4.2: compress the longest run of 2+ zero groups, leftmost on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }

  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

/** Canonical text for a numeric address. Throws RangeError if out of range. */
export function formatIp(version: IpVersion, value: bigint): string {
  assertInRange(version, value);
  return version === 4 ? formatV4(value) : formatV6(value);
}

/**
 * Fixed-width hex with a family prefix, so plain byte-order string comparison
 * (SQLite BINARY / C collation) sorts v4 before v6 and numerically within each.
 */
export function ipKey(version: IpVersion, value: bigint): string {
  assertInRange(version, value);
  return version + value.toString(16).padStart(version === 4 ? 8 : 32, '0');
}

export function ipFromKey(key: string): ParsedIp {
  if (typeof key !== 'string' || !KEY_RE.test(key)) throw new InvalidIpError();
  const version: IpVersion = key[0] === '4' ? 4 : 6;
  const value = keyValue(key);
  return { version, value, canonical: formatIp(version, value), key };
}

/**
 * The numeric value of a stored key, without validating or formatting it: for hot loops over keys read from
 * the database (free-address search), where ipFromKey's canonical text would be thrown away.
 */
export function keyValue(key: string): bigint {
  return BigInt('0x' + key.slice(1));
}

/** Returns null for anything that is not a strictly valid address. */
export function parseIp(text: string): ParsedIp | null {
  // Runtime guard: callers may hand us unvalidated JSON.
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_IP_TEXT_LENGTH) return null;
  const version: IpVersion = text.includes(':') ? 6 : 4;
  const value = version === 4 ? parseV4(text) : parseV6(text);
  if (value === null) return null;
  return { version, value, canonical: formatIp(version, value), key: ipKey(version, value) };
}

export function canonicalIp(text: string): string {
  const parsed = parseIp(text);
  if (parsed === null) throw new InvalidIpError();
  return parsed.canonical;
}
