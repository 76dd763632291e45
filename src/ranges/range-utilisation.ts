import { bigToJson, Cidr, ipKey, parseCidr } from '../common/ip';
import type { KeyWindow } from '../ip-assets/ip-asset-range.queries';

/** The figures every range carries (data.md §5 with decision D6). */
export interface RangeUtilisation {
  totalUsable: bigint;
  used: number;
  free: bigint;
  /** used / usable × 100, two decimals; 0 for an empty range. */
  percent: number;
}

/**
 * Only usable addresses count (D6): an asset recorded on an IPv4 network or broadcast address is shown as
 * reserved, never as used, so `used` can no longer exceed `total_usable`.
 */
export function usableWindow(cidr: Cidr): KeyWindow {
  return { firstKey: ipKey(cidr.version, cidr.usableFirst), lastKey: ipKey(cidr.version, cidr.usableLast) };
}

export function fullWindow(cidr: Cidr): KeyWindow {
  return { firstKey: cidr.firstKey, lastKey: cidr.lastKey };
}

export function utilisation(cidr: Cidr, used: number): RangeUtilisation {
  const totalUsable = cidr.usableCount;
  const free = totalUsable - BigInt(used);
  const percent = totalUsable === 0n ? 0 : Math.round((used / Number(totalUsable)) * 10000) / 100;
  return { totalUsable, used, free: free < 0n ? 0n : free, percent };
}

/** JSON field names and big-number handling shared by the range DTO and the summary. */
export function utilisationJson(u: RangeUtilisation): { total_usable: number | string; used: number; free: number | string; utilisation_percent: number } {
  return { total_usable: bigToJson(u.totalUsable), used: u.used, free: bigToJson(u.free), utilisation_percent: u.percent };
}

/** Stored CIDRs were canonicalised on write, so they always parse. */
export function storedCidr(text: string): Cidr {
  return parseCidr(text);
}
