import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Role } from '../common/actor';
import { Roles } from '../common/decorators/access.decorator';
import { clampPage, pageModel, parsePage, parsePerPage, QueryPairs } from '../ui/pagination';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { UiRenderer } from '../ui/ui-renderer';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

const ROUTE = '/ui/audit-log';
export const AUDIT_TARGET_TYPES = ['IP_ASSET', 'HOST', 'PROJECT', 'TAG', 'VENDOR', 'RANGE', 'USER', 'IMPORT_RUN'] as const;
export const AUDIT_ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'ARCHIVE', 'ALLOCATE', 'APPLY'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TARGET_LINKS: Record<string, (id: number) => string> = {
  HOST: (id) => `/ui/hosts/${id}`,
  RANGE: (id) => `/ui/ranges/${id}/addresses`,
};

interface AuditFilters {
  targetType: string;
  action: string;
  user: string;
  q: string;
  since: string;
  until: string;
}

const first = (raw: Record<string, unknown>, name: string) => {
  const v = raw[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim() : '';
};

/** Unknown values are ignored rather than refused: the page is a browsing tool, the API validates strictly. */
function parseFilters(raw: Record<string, unknown>): AuditFilters {
  const targetType = first(raw, 'target_type');
  const action = first(raw, 'action');
  const since = first(raw, 'since');
  const until = first(raw, 'until');
  return {
    targetType: (AUDIT_TARGET_TYPES as readonly string[]).includes(targetType) ? targetType : '',
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? action : '',
    user: first(raw, 'user').slice(0, 200),
    q: first(raw, 'q').slice(0, 200),
    since: DATE.test(since) ? since : '',
    until: DATE.test(until) ? until : '',
  };
}

function filterPairs(f: AuditFilters): QueryPairs {
  const pairs: QueryPairs = [];
  if (f.targetType) pairs.push(['target_type', f.targetType]);
  if (f.action) pairs.push(['action', f.action]);
  if (f.user) pairs.push(['user', f.user]);
  if (f.q) pairs.push(['q', f.q]);
  if (f.since) pairs.push(['since', f.since]);
  if (f.until) pairs.push(['until', f.until]);
  return pairs;
}

/**
 * The audit log page (ui.md §13, with the filters issue 8 asks for): every audited write, newest first, filtered
 * and paginated in SQL by AuditService.list — the same query the REST endpoint runs.
 */
@ApiExcludeController()
@Controller('ui/audit-log')
@UseFilters(UiExceptionFilter)
export class AuditUiController {
  constructor(
    private readonly audit: AuditService,
    private readonly renderer: UiRenderer,
  ) {}

  @Get()
  @Roles(Role.Viewer)
  async page(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const filters = parseFilters(raw);
    const perPage = parsePerPage(raw['per-page']);
    let page = parsePage(raw.page);
    let result = await this.audit.list(this.query(filters, perPage, page));
    const clamped = clampPage(page, result.total, perPage);
    if (clamped !== page) {
      page = clamped;
      result = await this.audit.list(this.query(filters, perPage, page));
    }
    const rows = result.items.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      targetType: row.targetType,
      targetLabel: row.targetLabel,
      targetHref: row.action === 'DELETE' ? null : (TARGET_LINKS[row.targetType]?.(row.targetId) ?? null),
      user: row.username ?? 'System',
      system: row.username === null,
      action: row.action,
      actionClass: row.action === 'DELETE' ? 'danger' : row.action === 'CREATE' || row.action === 'ALLOCATE' ? 'success' : row.action === 'APPLY' ? 'info' : 'muted',
      changes: row.changes ?? '',
      // Long change texts (imports, bulk edits) fold away; short ones read inline.
      long: (row.changes ?? '').length > 90 || (row.changes ?? '').includes('; '),
    }));
    const pairs = filterPairs(filters);
    this.renderer.page(
      req,
      res,
      'pages/audit-log',
      {
        rows,
        filters,
        filtersActive: pairs.length > 0,
        targetTypes: AUDIT_TARGET_TYPES.map((value) => ({ value, label: value.replace('_', ' '), selected: value === filters.targetType })),
        actions: AUDIT_ACTIONS.map((value) => ({ value, selected: value === filters.action })),
        pager: pageModel(ROUTE, pairs, page, perPage, result.total),
      },
      { title: 'Audit Log', nav: 'audit-log' },
    );
  }

  private query(f: AuditFilters, perPage: number, page: number): AuditQueryDto {
    return Object.assign(new AuditQueryDto(), {
      target_type: f.targetType || undefined,
      action: f.action || undefined,
      username: f.user || undefined,
      target_label: f.q || undefined,
      since: f.since || undefined,
      // A date means the whole day.
      until: f.until ? `${f.until} 23:59:59` : undefined,
      limit: perPage,
      offset: (page - 1) * perPage,
    });
  }
}
