import { UnprocessableEntityException } from '@nestjs/common';
import { MAX_PAGE_SIZE } from '../common/dto/page-query.dto';
import { MAX_ROW_ID } from '../common/dto/row-id';
import { invalid } from '../common/errors/domain-error';
import { parseBooleanWord } from '../infra/config/app-config';
import { normaliseTagNames } from '../tags/tag-names';
import type { IpAssetFilters } from './ip-asset-filters';
import { INVALID_TYPE_MESSAGE, normaliseAssetType } from './ip-asset-type';

/** Tag lists in one filter; more would only make the query slower without being useful. */
const MAX_FILTER_TAGS = 50;
const MAX_Q_LENGTH = 200;

export interface PageRequest {
  limit: number;
  offset: number;
}

/** A parsed list query: the filters, an unresolved range id, and the page (null = the original's full list). */
export interface IpAssetListQuery {
  filters: IpAssetFilters;
  rangeId?: number;
  page: PageRequest | null;
}

type RawQuery = Record<string, unknown>;

function fail(name: string, type: string, msg: string, input: unknown): never {
  throw new UnprocessableEntityException({ detail: [{ type, loc: ['query', name], msg, input }] });
}

/** Every value of a (possibly repeated) parameter; nested objects (`a[b]=`) are refused. */
function all(raw: RawQuery, name: string): string[] {
  const value = raw[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) fail(name, 'string_type', 'Input should be a valid string', value);
  return list as string[];
}

/** The last value of a parameter, as FastAPI takes it. */
function last(raw: RawQuery, name: string): string | undefined {
  const list = all(raw, name);
  return list.length > 0 ? list[list.length - 1] : undefined;
}

function integer(raw: RawQuery, name: string, min: number, max: number): number | undefined {
  const text = last(raw, name);
  if (text === undefined) return undefined;
  const value = /^\s*[-+]?\d{1,16}\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) fail(name, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer', text);
  if (value < min) fail(name, 'greater_than_equal', `Input should be greater than or equal to ${min}`, text);
  if (value > max) fail(name, 'less_than_equal', `Input should be less than or equal to ${max}`, text);
  return value;
}

function boolean(raw: RawQuery, name: string): boolean | undefined {
  const text = last(raw, name);
  if (text === undefined) return undefined;
  const value = parseBooleanWord(text);
  if (value === undefined) fail(name, 'bool_parsing', 'Input should be a valid boolean, unable to interpret input', text);
  return value;
}

/** Tag filter values: repeatable and comma-separated, normalised like stored names. */
function tagList(raw: RawQuery, ...names: string[]): string[] | undefined {
  const values = names.flatMap((name) => all(raw, name));
  if (values.length === 0) return undefined;
  const tags = normaliseTagNames(values.join(','));
  if (tags.length > MAX_FILTER_TAGS) throw invalid(`At most ${MAX_FILTER_TAGS} tags per filter.`);
  return tags;
}

/**
 * Parses `GET /ip-assets` query parameters (also usable by the range drill-down). Unknown parameters are ignored,
 * as the original does (`unassigned_only` with an underscore does nothing).
 */
export function parseIpAssetListQuery(raw: RawQuery): IpAssetListQuery {
  const filters: IpAssetFilters = {};

  const project = last(raw, 'project_id');
  if (project !== undefined) filters.projectId = project.trim() === 'unassigned' ? 'unassigned' : integer(raw, 'project_id', 0, MAX_ROW_ID);
  filters.unassignedOnly = boolean(raw, 'unassigned-only');
  filters.archived = boolean(raw, 'archived');

  const types = all(raw, 'type');
  if (types.length > 0) {
    filters.types = types.map((t) => normaliseAssetType(t) ?? (() => { throw invalid(INVALID_TYPE_MESSAGE); })());
  }

  filters.hostId = integer(raw, 'host_id', 0, MAX_ROW_ID);
  const q = last(raw, 'q');
  if (q !== undefined) {
    if (q.length > MAX_Q_LENGTH) fail('q', 'string_too_long', `String should have at most ${MAX_Q_LENGTH} characters`, q);
    filters.q = q;
  }
  filters.tagAny = tagList(raw, 'tag', 'tag_any');
  filters.tagAll = tagList(raw, 'tag_all');
  filters.tagNot = tagList(raw, 'tag_not');

  const rangeId = integer(raw, 'range_id', 1, MAX_ROW_ID);

  const limit = integer(raw, 'limit', 1, MAX_PAGE_SIZE);
  const offset = integer(raw, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const pageNumber = integer(raw, 'page', 1, 1_000_000_000);
  const perPage = integer(raw, 'per_page', 1, MAX_PAGE_SIZE);
  let page: PageRequest | null = null;
  if (limit !== undefined || offset !== undefined) {
    page = { limit: limit ?? 100, offset: offset ?? 0 };
  } else if (pageNumber !== undefined || perPage !== undefined) {
    const size = perPage ?? 20;
    page = { limit: size, offset: ((pageNumber ?? 1) - 1) * size };
  }
  return { filters, rangeId, page };
}
