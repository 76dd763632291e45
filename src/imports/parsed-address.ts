import { ParsedIp, parseIp } from '../common/ip';
import type { ImportIpAsset } from './import-model';

/**
 * Each item's address is parsed once per import, however many stages (loader, validator, planner) ask:
 * BigInt parsing dominates the CPU time of a 100k-row plan otherwise.
 */
const parsed = new WeakMap<ImportIpAsset, ParsedIp | null>();

export function addressOf(item: ImportIpAsset): ParsedIp | null {
  let value = parsed.get(item);
  if (value === undefined) {
    value = parseIp(item.ipAddress);
    parsed.set(item, value);
  }
  return value;
}
