import fc from 'fast-check';
import { freeCount, freePage, nthFree, UsedAddresses } from './free-addresses';

/** An in-memory stand-in for the SQL index that also records the round trips and keys returned. */
function memoryIndex(values: bigint[]): UsedAddresses & { queries: number; listed: number } {
  const sorted = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = {
    queries: 0,
    listed: 0,
    async count(from: bigint, to: bigint) {
      index.queries++;
      return sorted.filter((v) => v >= from && v <= to).length;
    },
    async list(from: bigint, to: bigint, limit: number) {
      index.queries++;
      const out = sorted.filter((v) => v >= from && v <= to).slice(0, limit);
      index.listed += out.length;
      return out;
    },
  };
  return index;
}

function bruteFree(first: bigint, last: bigint, used: Set<bigint>): bigint[] {
  const out: bigint[] = [];
  for (let v = first; v <= last; v++) if (!used.has(v)) out.push(v);
  return out;
}

describe('free address search', () => {
  it('matches a brute-force walk for any used set, offset and limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 6000 }),
        fc.array(fc.integer({ min: 0, max: 12000 }), { maxLength: 3000 }),
        fc.integer({ min: 0, max: 7000 }),
        fc.integer({ min: 1, max: 300 }),
        async (start, width, raw, offset, limit) => {
          const first = BigInt(start);
          const last = first + BigInt(width) - 1n;
          const inRange = raw.map(BigInt).filter((v) => v >= first && v <= last);
          const used = new Set(inRange);
          const index = memoryIndex(inRange);
          const space = { first, last, usedCount: used.size };
          const expected = bruteFree(first, last, used);
          expect(freeCount(space)).toBe(BigInt(expected.length));
          expect(await freePage(index, space, BigInt(offset), limit)).toEqual(expected.slice(offset, offset + limit));
          expect(await nthFree(index, space, BigInt(offset))).toBe(expected[offset] ?? null);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds the same addresses when only a lower bound of the used count is known', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 400 }), fc.integer({ min: 1, max: 320 }), async (raw, count) => {
        const used = new Set(raw.map(BigInt));
        const expected = bruteFree(0n, 299n, used).slice(0, count);
        expect(await freePage(memoryIndex([...used]), { first: 0n, last: 299n, usedCount: 0 }, 0n, count)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('pages deep into an IPv6 /64 without walking it', async () => {
    const first = 0x20010db8000000000000000000000000n;
    const last = first + (1n << 64n) - 1n;
    const used = Array.from({ length: 1000 }, (_, i) => first + BigInt(i) * 3n);
    const index = memoryIndex(used);
    const page = await freePage(index, { first, last, usedCount: used.length }, 10n ** 15n, 5);
    // 1000 used keys sit in the first 3000 addresses, so free address number k (large) is first + k + 1000.
    expect(page).toEqual([0n, 1n, 2n, 3n, 4n].map((i) => first + 10n ** 15n + 1000n + i));
    expect(index.queries).toBeLessThan(30);
  });

  it('jumps over a long used run instead of reading it key by key', async () => {
    const used = Array.from({ length: 60000 }, (_, i) => BigInt(i + 1));
    const index = memoryIndex(used);
    const page = await freePage(index, { first: 0n, last: 65535n, usedCount: used.length }, 0n, 3);
    expect(page).toEqual([0n, 60001n, 60002n]);
    // Reading the run would take 60000 / 512 ≈ 118 batches; bisection needs a few dozen counts.
    expect(index.queries).toBeLessThan(40);
    expect(index.listed).toBeLessThan(5000);
  });
});
