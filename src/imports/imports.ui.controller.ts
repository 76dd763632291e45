import { CallHandler, Controller, ExecutionContext, Get, Inject, Injectable, mixin, NestInterceptor, Post, Query, Req, Res, Type, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Role, roleAtLeast } from '../common/actor';
import { CookieWrite, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError, forbidden } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { ProjectsService } from '../projects/projects.service';
import { CsrfService } from '../ui/csrf';
import { Toast } from '../ui/flash';
import { ASSET_TYPES } from '../ui/ip-asset-view';
import { field, FormBody } from '../ui/ui-form';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { UiRenderer } from '../ui/ui-renderer';
import { ImportInput, ImportOutcome } from './import-pipeline';
import type { ImportSummary } from './import-planner';
import { ImportsService } from './imports.service';
import { sizeText, UploadedFiles, UploadInterceptor } from './upload.interceptor';

type Kind = 'bundle' | 'csv' | 'nmap';
type UploadRequest = Request & { uploads?: UploadedFiles; uploadError?: DomainError };

/** The diff the result page carries; the page pages through it in the browser. */
const PLAN_ROWS = 2000;
const LABELS: Record<Kind, string> = { bundle: 'Bundle', csv: 'CSV', nmap: 'Nmap' };

/**
 * The API's upload interceptor, but a refused upload (too large, malformed) reaches the handler as
 * `req.uploadError`, so the page can show it on the Import tab instead of a bare error page.
 */
function PageUpload(fields: string[]): Type<NestInterceptor> {
  const Inner = UploadInterceptor(fields);
  @Injectable()
  class Upload implements NestInterceptor {
    private readonly inner: NestInterceptor;

    constructor(@Inject(APP_CONFIG) config: AppConfig) {
      this.inner = new Inner(config);
    }

    async intercept(ctx: ExecutionContext, next: CallHandler) {
      try {
        return await this.inner.intercept(ctx, next);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        ctx.switchToHttp().getRequest<UploadRequest>().uploadError = error;
        return next.handle();
      }
    }
  }
  return mixin(Upload);
}

/** `mode` of the two submit buttons; the original's Nmap form sent `dry_run` instead (ui.md §11.2). */
function isDryRun(body: FormBody, kind: Kind): boolean {
  const mode = field(body, 'mode');
  if (mode) return mode !== 'apply';
  if (kind === 'nmap') return 'dry_run' in body ? !['', '0', 'false', 'off', 'no'].includes(field(body, 'dry_run').toLowerCase()) : false;
  return true;
}

function summaryRows(summary: ImportSummary) {
  const line = (label: string, c: ImportSummary['total']) => ({ label, create: c.would_create, update: c.would_update, skip: c.would_skip });
  return [line('Vendors', summary.vendors), line('Projects', summary.projects), line('Hosts', summary.hosts), line('IP Assets', summary.ip_assets), line('Total', summary.total)];
}

/** `field: old → new` lines of one plan record; lists (tags) are joined, empty values shown as —. */
function changeLines(changes: Record<string, [unknown, unknown]>): Array<{ field: string; before: string; after: string }> {
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : '—') : String(v));
  return Object.entries(changes).map(([name, [before, after]]) => ({ field: name, before: text(before), after: text(after) }));
}

/**
 * Data Ops (ui.md §11): the import cards (bundle, CSV, Nmap) with dry-run and apply, and the export links. Imports
 * run through ImportsService.run, the same pipeline as the API and the CLI; exports are the `/export/*` routes.
 */
@ApiExcludeController()
@Controller('ui')
@UseFilters(UiExceptionFilter)
export class DataOpsUiController {
  constructor(
    private readonly imports: ImportsService,
    private readonly csrf: CsrfService,
    private readonly renderer: UiRenderer,
    private readonly projects: ProjectsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('import')
  @Roles(Role.Viewer)
  page(@Query('tab') tab: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.render(req, res, tab === 'export' ? 'export' : 'import', {}, 200);
  }

  @Get('export')
  @Roles(Role.Viewer)
  exportPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.render(req, res, 'export', {}, 200);
  }

  @Post('import/bundle')
  @Roles(Role.Viewer)
  @CookieWrite()
  @UseInterceptors(PageUpload(['bundle_file']))
  bundle(@CurrentActor() actor: Actor, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    return this.handle('bundle', actor, req, res, () => {
      const file = req.uploads?.bundle_file;
      // An empty file still reaches the parser, which reports the JSON error (ui.md §11.2).
      return file ? { kind: 'bundle', bytes: file } : 'bundle.json file is required.';
    });
  }

  @Post('import/csv')
  @Roles(Role.Viewer)
  @CookieWrite()
  @UseInterceptors(PageUpload(['hosts_file', 'ip_assets_file']))
  csv(@CurrentActor() actor: Actor, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    return this.handle('csv', actor, req, res, () => {
      const hosts = req.uploads?.hosts_file;
      const ipAssets = req.uploads?.ip_assets_file;
      if (!hosts && !ipAssets) return 'Upload at least one CSV file (hosts.csv or ip-assets.csv).';
      if (!hosts?.length && !ipAssets?.length) return 'Upload at least one non-empty CSV file (hosts.csv or ip-assets.csv).';
      return { kind: 'csv', hosts: hosts?.length ? hosts : undefined, ipAssets: ipAssets?.length ? ipAssets : undefined };
    });
  }

  @Post('import/nmap')
  @Roles(Role.Viewer)
  @CookieWrite()
  @UseInterceptors(PageUpload(['nmap_file']))
  nmap(@CurrentActor() actor: Actor, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    return this.handle('nmap', actor, req, res, () => {
      const file = req.uploads?.nmap_file;
      if (!file) return 'Nmap XML file is required.';
      if (file.length === 0) return 'Nmap XML file is empty.';
      return { kind: 'nmap', bytes: file };
    });
  }

  /** Upload refused → 413/400 on the page; then CSRF (the token is a multipart field), files, role, run. */
  private async handle(kind: Kind, actor: Actor, req: UploadRequest, res: Response, input: () => ImportInput | string): Promise<void> {
    const body = (req.body ?? {}) as FormBody;
    if (!this.csrf.isValid(req)) throw forbidden();
    const dryRun = isDryRun(body, kind);
    if (req.uploadError) {
      await this.render(req, res, 'import', { [kind]: { error: req.uploadError.message } }, req.uploadError.status);
      return;
    }
    const parsed = input();
    if (typeof parsed === 'string') {
      await this.render(req, res, 'import', { [kind]: { error: parsed } }, 400);
      return;
    }
    if (!dryRun && !roleAtLeast(actor.role, Role.Editor)) {
      await this.render(req, res, 'import', { [kind]: { error: 'Apply needs the Editor role; Viewers can only dry-run.' } }, 403);
      return;
    }
    const source = kind === 'bundle' ? { label: 'ui_import_bundle', input: 'bundle.json' } : kind === 'csv' ? { label: 'ui_import_csv', input: 'csv' } : undefined;
    const outcome = await this.imports.run({ input: parsed, dryRun, actor, source, planWindow: { offset: 0, limit: PLAN_ROWS } });
    const toasts: Toast[] = [];
    if (!dryRun) {
      const failed = outcome.errors.length > 0 || outcome.rejected !== undefined;
      toasts.push(failed ? { type: 'error', message: `${LABELS[kind]} import completed with errors.` } : { type: 'success', message: `${LABELS[kind]} import applied successfully.` });
    }
    await this.render(req, res, 'import', { [kind]: { result: this.resultModel(kind, outcome, dryRun) } }, outcome.rejected?.status ?? 200, toasts);
  }

  private resultModel(kind: Kind, outcome: ImportOutcome, dryRun: boolean) {
    const records = outcome.plan.records.map((r, i) => ({ index: i + 1, ip: r.ip_address, action: r.action, actionClass: r.action === 'CREATE' ? 'success' : r.action === 'UPDATE' ? 'info' : 'muted', changes: changeLines(r.changes) }));
    return {
      kind,
      label: LABELS[kind],
      dryRun,
      applied: outcome.applied,
      summary: summaryRows(outcome.summary),
      errors: outcome.errors,
      warnings: outcome.warnings,
      rejected: outcome.rejected?.detail ?? null,
      plan: { records, total: outcome.plan.total, truncated: outcome.plan.truncated, shown: records.length },
      nmap: outcome.nmap ? { ...outcome.nmap, newAssets: dryRun ? [] : outcome.nmap.new_assets } : null,
    };
  }

  private async render(req: Request, res: Response, tab: 'import' | 'export', cards: Partial<Record<Kind, { error?: string; result?: ReturnType<DataOpsUiController['resultModel']> }>>, status: number, toasts: Toast[] = []): Promise<void> {
    const result = cards.bundle?.result ?? cards.csv?.result ?? cards.nmap?.result ?? null;
    this.renderer.page(
      req,
      res,
      'pages/data-ops',
      { tab, tabs: { [tab]: true }, cards, result, maxSize: sizeText(this.config.importMaxBytes), projects: await this.projects.catalogue(), types: ASSET_TYPES },
      { title: tab === 'export' ? 'Export' : 'Import', nav: 'import', status, toasts, scripts: ['/static/js/data-ops.js'] },
    );
  }
}
