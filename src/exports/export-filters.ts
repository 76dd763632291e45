import { UnprocessableEntityException } from '@nestjs/common';
import { invalid } from '../common/errors/domain-error';
import { parseBooleanWord } from '../infra/config/app-config';
import { INVALID_TYPE_MESSAGE, normaliseAssetType } from '../ip-assets/ip-asset-type';
import type { IpAssetType } from '../ip-assets/ip-asset.entity';

/** The export query parameters (import-export.md A.2); unknown parameters are ignored. */
export interface ExportFilters {
  includeArchived: boolean;
  type?: IpAssetType;
  /** Exact project name; empty = no filter. */
  project?: string;
  /** Exact host name; empty = no filter. */
  host?: string;
}

const last = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof v === 'string' ? v : undefined;
};

/** `type` is read only where IP assets are exported (ip-assets.*, bundle.*); elsewhere it is ignored. */
export function parseExportFilters(query: Record<string, unknown>, options: { ipAssets: boolean } = { ipAssets: true }): ExportFilters {
  const filters: ExportFilters = { includeArchived: false };
  const archived = last(query.include_archived);
  if (query.include_archived !== undefined) {
    const parsed = archived === undefined ? undefined : parseBooleanWord(archived);
    if (parsed === undefined) {
      throw new UnprocessableEntityException({
        detail: [{ type: 'bool_parsing', loc: ['query', 'include_archived'], msg: 'Input should be a valid boolean, unable to interpret input', input: archived ?? query.include_archived }],
      });
    }
    filters.includeArchived = parsed;
  }
  if (options.ipAssets && query.type !== undefined) {
    const type = normaliseAssetType(last(query.type) ?? '');
    if (!type) throw invalid(INVALID_TYPE_MESSAGE);
    filters.type = type;
  }
  const project = last(query.project);
  if (project) filters.project = project;
  const host = last(query.host);
  if (host) filters.host = host;
  return filters;
}
