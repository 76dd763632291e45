import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Cidr, formatIp, ipKey, keyValue } from '../common/ip';
import type { IpAssetFilters } from '../ip-assets/ip-asset-filters';
import { IpAssetRangeQueries, RangeAssetRow } from '../ip-assets/ip-asset-range.queries';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import type { AddressStatusFilter } from './range-addresses-query';
import { RangeAddressDto } from './dto/range-address.dto';
import { freePage, UsedAddresses } from './free-addresses';
import { fullWindow, storedCidr, usableWindow } from './range-utilisation';
import { RangesService } from './ranges.service';

export interface AddressPageRequest {
  status: AddressStatusFilter;
  limit: number;
  offset: number;
  /** IP asset list filters (archived and key bounds are the range's own); any asset filter lists used addresses only. */
  filters: IpAssetFilters;
}

export interface AddressPage {
  items: RangeAddressDto[];
  /** Decimal string: an IPv6 block can hold more than 2^53 addresses. */
  total: string;
}

/** The active assets of one block as numbers, for the free-address search. */
export function usedAddressesIn(queries: IpAssetRangeQueries, cidr: Cidr, em?: EntityManager): UsedAddresses {
  const key = (value: bigint) => ipKey(cidr.version, value);
  return {
    count: (from, to) => (from > to ? Promise.resolve(0) : queries.countActive({ firstKey: key(from), lastKey: key(to) }, em)),
    list: async (from, to, limit) => (from > to ? [] : (await queries.activeKeys({ firstKey: key(from), lastKey: key(to) }, limit, em)).map(keyValue)),
  };
}

/**
 * The drill-down of one range: every address in order (`all`), its assets (`used`) or its gaps (`free`).
 * Nothing walks the block: `all` maps an offset straight to an address and reads the assets of that one
 * window; `free` finds its page by counting used addresses (see free-addresses.ts).
 */
@Injectable()
export class RangeAddressesService {
  constructor(
    private readonly ranges: RangesService,
    private readonly queries: IpAssetRangeQueries,
  ) {}

  async page(rangeId: number, request: AddressPageRequest): Promise<AddressPage> {
    const cidr = storedCidr((await this.ranges.get(rangeId)).cidr);
    // Asset filters describe assets; free addresses have none, so filtering lists used addresses only.
    const filtered = hasAssetFilter(request.filters);
    if (filtered && request.status === 'free') return { items: [], total: '0' };
    if (filtered || request.status === 'used') return this.usedPage(cidr, request);
    if (request.status === 'free') return this.freePage(cidr, request);
    return this.allPage(cidr, request);
  }

  private async usedPage(cidr: Cidr, request: AddressPageRequest): Promise<AddressPage> {
    const { rows, total } = await this.queries.activePage(usableWindow(cidr), request.filters, request.limit, request.offset);
    return { items: await this.withPairs(rows, () => 'used'), total: String(total) };
  }

  private async freePage(cidr: Cidr, request: AddressPageRequest): Promise<AddressPage> {
    const used = usedAddressesIn(this.queries, cidr);
    const space = { first: cidr.usableFirst, last: cidr.usableLast, usedCount: await used.count(cidr.usableFirst, cidr.usableLast) };
    const free = space.last - space.first + 1n - BigInt(space.usedCount);
    const values = await freePage(used, space, BigInt(request.offset), request.limit);
    return { items: values.map((v) => ({ ip_address: formatIp(cidr.version, v), status: 'free' as const })), total: String(free < 0n ? 0n : free) };
  }

  /** Position n of the list is address first + n: every address appears exactly once. */
  private async allPage(cidr: Cidr, request: AddressPageRequest): Promise<AddressPage> {
    const start = cidr.first + BigInt(request.offset);
    const total = String(cidr.size);
    if (start > cidr.last) return { items: [], total };
    const endCandidate = start + BigInt(request.limit) - 1n;
    const end = endCandidate < cidr.last ? endCandidate : cidr.last;
    const rows = await this.queries.activeRows({ firstKey: ipKey(cidr.version, start), lastKey: ipKey(cidr.version, end) }, request.limit);
    const reserved = (key: string) => key === fullWindow(cidr).firstKey || key === fullWindow(cidr).lastKey;
    const hasReserved = cidr.usableFirst !== cidr.first;
    const assets = await this.withPairs(rows, (row) => (hasReserved && reserved(row.ipKey) ? 'reserved' : 'used'));
    const byAddress = new Map(assets.map((a) => [a.ip_address, a]));
    const items: RangeAddressDto[] = [];
    for (let v = start; v <= end; v++) {
      const address = formatIp(cidr.version, v);
      const reservedHere = hasReserved && (v === cidr.first || v === cidr.last);
      items.push(byAddress.get(address) ?? { ip_address: address, status: reservedHere ? 'reserved' : 'free' });
    }
    return { items, total };
  }

  /** Asset rows plus each OS/BMC asset's counterpart addresses on the same host. */
  private async withPairs(rows: RangeAssetRow[], statusOf: (row: RangeAssetRow) => 'used' | 'reserved'): Promise<RangeAddressDto[]> {
    const hostIds = [...new Set(rows.filter((r) => r.host && (r.type === IpAssetType.OS || r.type === IpAssetType.BMC)).map((r) => r.host!.id))];
    const byHost = await this.queries.osBmcAddressesByHost(hostIds);
    return rows.map((r) => {
      const counterpart = r.type === IpAssetType.OS ? IpAssetType.BMC : r.type === IpAssetType.BMC ? IpAssetType.OS : null;
      const pair = counterpart && r.host ? (byHost.get(r.host.id) ?? []).filter((a) => a.type === counterpart).map((a) => a.ipAddress) : [];
      return { ip_address: r.ipAddress, status: statusOf(r), id: r.id, type: r.type, project: r.project, host: r.host, host_pair: pair, tags: r.tags, notes: r.notes };
    });
  }
}

/** True when a filter narrows assets (archived and key bounds are set by the range itself). */
export function hasAssetFilter(f: IpAssetFilters): boolean {
  return (
    (f.q !== undefined && f.q.trim() !== '') ||
    f.projectId !== undefined ||
    f.unassignedOnly === true ||
    (f.types?.length ?? 0) > 0 ||
    f.hostId !== undefined ||
    (f.tagAny?.length ?? 0) > 0 ||
    (f.tagAll?.length ?? 0) > 0 ||
    (f.tagNot?.length ?? 0) > 0
  );
}
