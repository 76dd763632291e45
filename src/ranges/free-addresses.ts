/**
 * Finding free addresses without enumerating the range.
 *
 * The free addresses of a block are the gaps between its used addresses. With a count of used addresses
 * below any point (an index range scan in SQL), the k-th free address is found by bisection over a window
 * that is never wider than the number of used addresses; the page itself is then read from the gaps between
 * a few batches of used keys. Cost depends on how many addresses are used, never on the size of the block,
 * so an IPv6 /64 costs what a /24 with as many used addresses costs.
 */

/** Used addresses of one block, as numbers, answered by SQL. */
export interface UsedAddresses {
  /** How many used addresses lie in [from, to] (inclusive; 0 when from > to). */
  count(from: bigint, to: bigint): Promise<number>;
  /** The used addresses in [from, to], ascending, at most `limit`. */
  list(from: bigint, to: bigint, limit: number): Promise<bigint[]>;
}

/** Inclusive bounds of the addresses that may be free, and how many of them are used. */
export interface FreeSpace {
  first: bigint;
  last: bigint;
  /** Exact, or any lower bound (such as 0): the search then just finds fewer addresses when the block is full. */
  usedCount: number;
}

// Below this window width the remaining used keys are fetched and walked in memory. Narrower windows cost a few
// more (cheap, index-only) counts but read far fewer keys: an allocation used to read 2,048 keys to find one gap.
const WALK_SPAN = 256n;
// Used keys read per round trip while collecting a page: as many as the page still needs (a used address per
// free one is the common density), doubling after a batch without a gap, up to this bound.
const MAX_BATCH = 512;

export function freeCount(space: FreeSpace): bigint {
  const n = space.last - space.first + 1n - BigInt(space.usedCount);
  return n < 0n ? 0n : n;
}

/**
 * The k-th (0-based) free address, or null when there are not that many. Three steps, each counting only
 * near the answer: a fixed-point climb (the answer is at least first + k + the used addresses below any lower
 * bound), a galloping probe for an upper bound, and bisection down to a window small enough to read.
 */
export async function nthFree(used: UsedAddresses, space: FreeSpace, k: bigint): Promise<bigint | null> {
  if (k < 0n || k >= freeCount(space)) return null;
  let lo = space.first + k;
  let usedBeforeLo = lo > space.first ? await used.count(space.first, lo - 1n) : 0;
  for (;;) {
    const next = space.first + k + BigInt(usedBeforeLo);
    if (next - lo <= WALK_SPAN) break;
    usedBeforeLo += await used.count(lo, next - 1n);
    lo = next;
  }
  // Free addresses still to pass at or after `lo` before reaching the k-th.
  const toSkip = () => k - (lo - space.first - BigInt(usedBeforeLo));
  let span = maxBig(2n * toSkip(), WALK_SPAN);
  let hi: bigint;
  for (;;) {
    hi = minBig(lo + span - 1n, space.last);
    const c = await used.count(lo, hi);
    if (hi - lo + 1n - BigInt(c) > toSkip() || hi === space.last) break;
    usedBeforeLo += c;
    lo = hi + 1n;
    span *= 2n;
  }
  while (hi - lo + 1n > WALK_SPAN) {
    const mid = lo + (hi - lo) / 2n;
    const usedLoToMid = await used.count(lo, mid - 1n);
    const freeBeforeMid = mid - space.first - BigInt(usedBeforeLo + usedLoToMid);
    if (freeBeforeMid <= k) {
      lo = mid;
      usedBeforeLo += usedLoToMid;
    } else {
      hi = mid - 1n;
    }
  }
  // Skip the free addresses still between `lo` and the k-th one, jumping over used ones.
  let rest = toSkip();
  let p = lo;
  for (const u of await used.list(lo, hi, Number(hi - lo + 1n))) {
    const gap = u - p;
    if (rest < gap) return p + rest;
    rest -= gap;
    p = u + 1n;
  }
  // Past the last used key; concurrent writes can move the answer slightly, never out of the block.
  const answer = p + rest;
  return answer <= space.last ? answer : null;
}

/** Free addresses number `offset` to `offset + limit - 1`, ascending. */
export async function freePage(used: UsedAddresses, space: FreeSpace, offset: bigint, limit: number): Promise<bigint[]> {
  const page: bigint[] = [];
  let p = await nthFree(used, space, offset);
  let batch = Math.min(limit, MAX_BATCH);
  while (p !== null && p <= space.last && page.length < limit) {
    const keys = await used.list(p, space.last, batch);
    const before = page.length;
    for (const u of keys) {
      while (p < u && page.length < limit) page.push(p++);
      if (page.length >= limit) break;
      p = u + 1n;
    }
    if (keys.length < batch) {
      // No used address left after the batch: the rest is one free run.
      while (p <= space.last && page.length < limit) page.push(p++);
      break;
    }
    // A batch with no gap means a long used run: bisect to the next free address instead of reading it all.
    if (page.length === before && page.length < limit) {
      p = await nthFree(used, space, offset + BigInt(page.length));
      batch = Math.min(batch * 2, MAX_BATCH);
    }
  }
  return page;
}

/** The lowest `count` free addresses (allocation). */
export function lowestFree(used: UsedAddresses, space: FreeSpace, count: number): Promise<bigint[]> {
  return freePage(used, space, 0n, count);
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
