/**
 * The deterministic benchmark dataset: the same seed always yields the same addresses, links and tags, so runs
 * on different machines or commits compare like with like.
 */
import { formatIp, parseIp } from '../src/common/ip';
import { IpAssetType } from '../src/ip-assets/ip-asset.entity';

export interface DatasetShape {
  assets: number;
  projects: number;
  hosts: number;
  vendors: number;
  tags: number;
  /** /24 ranges 10.0.0.0/24, 10.0.1.0/24, … */
  smallRanges: number;
  archivedShare: number;
}

export const DEFAULT_SHAPE: DatasetShape = { assets: 100_000, projects: 20, hosts: 2_000, vendors: 8, tags: 30, smallRanges: 50, archivedShare: 0.1 };

export const BIG_V4_RANGE = '10.100.0.0/16';
export const V6_RANGE = '2001:db8:100::/64';

// Where the assets go: most of them in the /16 so its deep pages are realistic.
const SHARE = { smallRanges: 0.1, bigV4: 0.6, v6: 0.1 };

export interface SeedAsset {
  ipAddress: string;
  ipKey: string;
  type: IpAssetType;
  projectIndex: number | null;
  hostIndex: number | null;
  tagIndexes: number[];
  notes: string | null;
  archived: boolean;
}

/** mulberry32: tiny, fast and good enough for spreading test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [IpAssetType.VM, IpAssetType.VM, IpAssetType.VM, IpAssetType.OS, IpAssetType.BMC, IpAssetType.VIP, IpAssetType.OTHER];

/** Distinct values in [0, size) taken with a seeded generator; `size` may be far larger than `count`. */
function distinctOffsets(rnd: () => number, count: number, size: number): number[] {
  if (count >= size) return Array.from({ length: size }, (_, i) => i);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(rnd() * size));
  return [...picked];
}

export function addresses(shape: DatasetShape, rnd: () => number): string[] {
  const out: string[] = [];
  const perSmall = Math.min(254, Math.floor((shape.assets * SHARE.smallRanges) / Math.max(shape.smallRanges, 1)));
  for (let r = 0; r < shape.smallRanges; r++) for (const o of distinctOffsets(rnd, perSmall, 254)) out.push(`10.${Math.floor(r / 256)}.${r % 256}.${o + 1}`);
  const big = parseIp('10.100.0.0')!.value;
  for (const o of distinctOffsets(rnd, Math.min(65534, Math.floor(shape.assets * SHARE.bigV4)), 65534)) out.push(formatIp(4, big + BigInt(o + 1)));
  const v6 = parseIp('2001:db8:100::')!.value;
  for (const o of distinctOffsets(rnd, Math.floor(shape.assets * SHARE.v6), 2 ** 40)) out.push(formatIp(6, v6 + BigInt(o) * 4099n));
  // The rest lands outside every range, in 172.16.0.0/12.
  const rest = parseIp('172.16.0.0')!.value;
  for (const o of distinctOffsets(rnd, shape.assets - out.length, 2 ** 20)) out.push(formatIp(4, rest + BigInt(o)));
  return out;
}

export function buildAssets(shape: DatasetShape, seed = 20240601): SeedAsset[] {
  const rnd = random(seed);
  return addresses(shape, rnd).map((text) => {
    const ip = parseIp(text)!;
    const tagCount = Math.floor(rnd() * 4);
    const tagIndexes = [...new Set(Array.from({ length: tagCount }, () => Math.floor(rnd() * shape.tags)))];
    return {
      ipAddress: ip.canonical,
      ipKey: ip.key,
      type: TYPES[Math.floor(rnd() * TYPES.length)],
      projectIndex: rnd() < 0.85 ? Math.floor(rnd() * shape.projects) : null,
      hostIndex: rnd() < 0.5 ? Math.floor(rnd() * shape.hosts) : null,
      tagIndexes,
      notes: rnd() < 0.3 ? `note ${Math.floor(rnd() * 1000)}` : null,
      archived: rnd() < shape.archivedShare,
    };
  });
}
