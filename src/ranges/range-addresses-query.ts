import { UnprocessableEntityException } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { parseIpAssetListQuery } from '../ip-assets/ip-asset-list-query';
import type { AddressPageRequest } from './range-addresses.service';

export const ADDRESS_STATUSES = ['all', 'used', 'free'] as const;
export type AddressStatusFilter = (typeof ADDRESS_STATUSES)[number];
const DEFAULT_PAGE = { limit: 100, offset: 0 };

/**
 * `GET /ranges/{id}/addresses` parameters: `status`, the IP asset list filters and paging (`limit`/`offset` or
 * `page`/`per_page`), parsed exactly as `GET /ip-assets` parses them. `archived` and `range_id` are ignored:
 * the drill-down always shows the active assets of its own range.
 */
export function parseAddressQuery(raw: Record<string, unknown>): AddressPageRequest {
  const status = raw.status === undefined ? 'all' : raw.status;
  if (typeof status !== 'string' || !(ADDRESS_STATUSES as readonly string[]).includes(status)) {
    throw new UnprocessableEntityException({
      detail: [{ type: 'enum', loc: ['query', 'status'], msg: "Input should be 'all', 'used' or 'free'", input: status, ctx: { expected: "'all', 'used' or 'free'" } }],
    });
  }
  const { filters, page } = parseIpAssetListQuery(raw);
  const { archived: _archived, keyRange: _keyRange, ...assetFilters } = filters;
  return { status: status as AddressStatusFilter, ...(page ?? DEFAULT_PAGE), filters: assetFilters };
}

const ADDRESS_QUERIES: [string, string][] = [
  ['status', "all (default: every address, with used, free and reserved rows) | used | free"],
  ['limit', 'Page size, 1..1000 (default 100)'],
  ['offset', 'Rows to skip (default 0)'],
  ['q', 'Used addresses whose address, notes or host name contain this text'],
  ['project_id', 'Project id, or "unassigned"'],
  ['type', 'Asset type (repeatable)'],
  ['host_id', 'Host id'],
  ['tag', 'Any of these tags (repeatable or comma-separated); same as tag_any'],
  ['tag_any', 'Any of these tags'],
  ['tag_all', 'All of these tags'],
  ['tag_not', 'None of these tags'],
];

/** OpenAPI description of the raw query (it is parsed by hand, like GET /ip-assets). */
export function AddressQueries(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const [name, description] of ADDRESS_QUERIES) ApiQuery({ name, required: false, description })(target, key, descriptor);
  };
}
