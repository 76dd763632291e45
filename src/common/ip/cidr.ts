/**
 * CIDR blocks: strict parsing plus the derived ranges the IPAM needs
 * (SQL range keys, usable-address bounds per decision D6).
 */
import { IP_BITS, IpVersion, MAX_IP_TEXT_LENGTH, formatIp, ipKey, parseIp } from './ip-address';

export interface Cidr {
  version: IpVersion;
  network: bigint;
  prefix: number;
  canonical: string;
  /** 2^(bits - prefix). */
  size: bigint;
  first: bigint;
  last: bigint;
  usableFirst: bigint;
  usableLast: bigint;
  usableCount: bigint;
  /** ipKey(first) / ipKey(last): lets SQL select members with BETWEEN. */
  firstKey: string;
  lastKey: string;
}

export class InvalidCidrError extends Error {
  constructor(message = 'CIDR must be a valid IPv4 or IPv6 network.') {
    super(message);
    this.name = 'InvalidCidrError';
  }
}

// Same reasoning as leading-zero octets: "/024" is ambiguous across tools.
const PREFIX_RE = /^(?:0|[1-9]\d{0,2})$/;

/** Accepts "addr/prefix" or a bare address (treated as a host route). */
export function parseCidr(text: string): Cidr {
  if (typeof text !== 'string' || text.length > MAX_IP_TEXT_LENGTH + 4) throw new InvalidCidrError();
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);

  const ip = parseIp(addrText);
  if (ip === null) throw new InvalidCidrError();
  const bits = IP_BITS[ip.version];

  let prefix = bits;
  if (prefixText !== null) {
    if (!PREFIX_RE.test(prefixText)) throw new InvalidCidrError(); // also catches a second '/'
    prefix = Number(prefixText);
    if (prefix > bits) throw new InvalidCidrError();
  }

  const hostBits = BigInt(bits - prefix);
  const size = 1n << hostBits;
  const network = (ip.value >> hostBits) << hostBits;
  if (network !== ip.value) {
    // Silently truncating would hide typos like 10.0.0.1/8, so we refuse but
    // tell the user what they probably meant.
    const suggestion = `${formatIp(ip.version, network)}/${prefix}`;
    throw new InvalidCidrError(
      `CIDR must be a network address: host bits are set (did you mean ${suggestion}?)`,
    );
  }
  return buildCidr(ip.version, network, prefix, size);
}

function buildCidr(version: IpVersion, network: bigint, prefix: number, size: bigint): Cidr {
  const first = network;
  const last = network + size - 1n;
  // D6: classic IPv4 subnets lose network + broadcast; /31 (RFC 3021) and /32
  // have none, and IPv6 has no broadcast at all.
  const reserves = version === 4 && prefix < 31;
  return {
    version,
    network,
    prefix,
    canonical: `${formatIp(version, network)}/${prefix}`,
    size,
    first,
    last,
    usableFirst: reserves ? first + 1n : first,
    usableLast: reserves ? last - 1n : last,
    usableCount: reserves ? size - 2n : size,
    firstKey: ipKey(version, first),
    lastKey: ipKey(version, last),
  };
}

export function cidrContains(c: Cidr, version: IpVersion, value: bigint): boolean {
  return c.version === version && value >= c.first && value <= c.last;
}

/** True only for the IPv4 network/broadcast addresses that D6 reserves. */
export function isReserved(c: Cidr, value: bigint): boolean {
  return c.version === 4 && c.prefix < 31 && (value === c.first || value === c.last);
}

/** JSON has no bigint: keep small values numeric, spill big ones to strings. */
export function bigToJson(n: bigint): number | string {
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  return n <= safe && n >= -safe ? Number(n) : n.toString();
}
