import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Role } from '../common/actor';
import { CookieWrite, PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError, notFound } from '../common/errors/domain-error';
import { CsrfGuard } from '../ui/csrf';
import { Toast, ToastType } from '../ui/flash';
import { ASSET_TYPES } from '../ui/ip-asset-view';
import { field, FormBody, optionalId } from '../ui/ui-form';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { UiRenderer } from '../ui/ui-renderer';
import { ConnectorJobsService } from './connector-jobs.service';
import type { ConnectorJobDto } from './dto/connector-job.dto';
import type { ConnectorProvider } from './framework/connector';
import { ConnectorRegistry } from './framework/connector-registry';

type FormValues = Record<string, string>;

/** The request body for the connector: empty fields left out (defaults apply), ticked boxes as booleans. */
function optionsBody(provider: ConnectorProvider, body: FormBody): Record<string, unknown> {
  const options: Record<string, unknown> = { mode: field(body, 'mode') || 'dry-run' };
  for (const input of provider.form.fields) {
    const value = field(body, input.name);
    if (input.kind === 'checkbox') options[input.name] = value === '1';
    else if (value.trim() !== '') options[input.name] = value;
  }
  return options;
}

/** What the form shows again: the submitted or stored values, never a secret. */
function formValues(provider: ConnectorProvider, source: Record<string, unknown>): FormValues {
  const values: FormValues = { mode: 'dry-run' };
  for (const input of provider.form.fields) if (input.initial !== undefined) values[input.name] = input.initial;
  const mode = source.mode;
  if (typeof mode === 'string' && mode !== '') values.mode = mode;
  for (const input of provider.form.fields) {
    const value = source[input.name];
    if (input.kind === 'secret') continue;
    if (input.kind === 'checkbox') values[input.name] = value === true || value === '1' ? '1' : '';
    else if (Array.isArray(value)) values[input.name] = value.join(', ');
    else if (value !== undefined && value !== null && value !== '') values[input.name] = String(value);
  }
  return values;
}

/** The form's inputs, ready for the template. */
function formInputs(provider: ConnectorProvider, values: FormValues) {
  return provider.form.fields.map((input) => ({
    ...input,
    value: values[input.name] ?? '',
    checked: values[input.name] === '1',
    isCheckbox: input.kind === 'checkbox',
    isAssetType: input.kind === 'asset-type',
    inputType: input.kind === 'secret' ? 'password' : input.kind === 'number' ? 'number' : 'text',
    isSecret: input.kind === 'secret',
    options: input.kind === 'asset-type' ? ASSET_TYPES.map((t) => ({ value: t, selected: t === values[input.name] })) : [],
  }));
}

/** Messages of the 422 array form the options validation answers with. */
function validationMessages(error: HttpException): string[] {
  const response = error.getResponse() as { detail?: Array<{ msg?: string }> | string };
  if (Array.isArray(response.detail)) return [...new Set(response.detail.map((d) => d.msg ?? 'Invalid value.'))];
  return [typeof response.detail === 'string' ? response.detail : error.message];
}

const stateClass = (state: string) => (state === 'succeeded' ? 'success' : state === 'failed' ? 'danger' : 'warning');

/**
 * The Connectors page (ui.md §12 with decision UI5): a tab per connector with its form; a run becomes a persisted
 * job (ConnectorJobsService, the same as `POST /connectors/{name}/runs`) and the page follows it until it ends.
 */
@ApiExcludeController()
@Controller('ui/connectors')
@UseFilters(UiExceptionFilter)
export class ConnectorsUiController {
  constructor(
    private readonly jobs: ConnectorJobsService,
    private readonly registry: ConnectorRegistry,
    private readonly renderer: UiRenderer,
  ) {}

  @Get()
  @PublicRead()
  async page(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const requested = typeof query.tab === 'string' && this.registry.names.includes(query.tab) ? query.tab : 'overview';
    const jobId = optionalId(typeof query.job_id === 'string' ? query.job_id : '');
    // An unknown job id is ignored: the requested tab is shown normally (ui.md §12).
    const job = typeof jobId === 'number' ? await this.jobs.get(jobId).catch((e) => (e instanceof DomainError && e.status === 404 ? null : Promise.reject(e))) : null;
    const tab = job && this.registry.names.includes(job.connector) ? job.connector : requested;
    const toasts: Toast[] = [];
    if (job && (job.state === 'queued' || job.state === 'running')) toasts.push({ type: 'warning', message: `${job.connector} connector run is still in progress.` });
    else if (job) {
      const toast = job.result?.toast as { level?: string; message?: string } | undefined;
      if (toast?.message) toasts.push({ type: (toast.level as ToastType) ?? 'info', message: toast.message });
    }
    const options = (job?.result?.options ?? {}) as Record<string, unknown>;
    await this.render(req, res, tab, { job, values: tab === 'overview' ? {} : formValues(this.registry.get(tab), job ? { ...options, mode: job.mode } : {}), errors: [] }, 200, toasts);
  }

  @Post(':name/run')
  @Roles(Role.Viewer)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async run(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.registry.names.includes(name)) throw notFound(`Unknown connector '${name}'.`);
    const provider = this.registry.get(name);
    const connector = provider.name;
    const values = formValues(provider, body);
    try {
      const { job_id } = await this.jobs.start(connector, optionsBody(provider, body), actor);
      res.redirect(303, `/ui/connectors?tab=${connector}&job_id=${job_id}`);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'FORBIDDEN') {
        await this.render(req, res, connector, { job: null, values, errors: [] }, 403, [{ type: 'error', message: 'Apply mode is restricted to editor accounts.' }]);
        return;
      }
      if (error instanceof HttpException && error.getStatus() === 422) {
        await this.render(req, res, connector, { job: null, values, errors: validationMessages(error) }, 400);
        return;
      }
      throw error;
    }
  }

  private async render(req: Request, res: Response, tab: string, state: { job: ConnectorJobDto | null; values: FormValues; errors: string[] }, status: number, toasts: Toast[] = []): Promise<void> {
    const provider = tab === 'overview' ? null : this.registry.get(tab);
    const recent = await this.jobs.list({ connector: tab === 'overview' ? undefined : tab, limit: 10, offset: 0 });
    const job = state.job;
    const result = (job?.result ?? {}) as Record<string, any>;
    const running = job !== null && (job.state === 'queued' || job.state === 'running');
    const plan = Array.isArray(result.plan?.records) ? (result.plan.records as Array<{ ip_address: string; action: string; changes: Record<string, [unknown, unknown]> }>) : [];
    const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : '—') : String(v));
    this.renderer.page(
      req,
      res,
      'pages/connectors',
      {
        tab,
        overviewTab: tab === 'overview',
        connectorTabs: this.registry.names.map((name) => ({ name, label: this.registry.get(name).label, active: name === tab })),
        label: provider?.label ?? '',
        overview: this.registry.names.map((name) => ({ tab: name, name: this.registry.get(name).label, ...this.registry.get(name).form.overview })),
        inputs: provider ? formInputs(provider, state.values) : [],
        errors: state.errors,
        modeOptions: ['dry-run', 'apply'].map((m) => ({ value: m, selected: m === (state.values.mode ?? 'dry-run') })),
        cli: provider?.form.cliExample ?? '',
        docsPage: provider ? `docs/${provider.name}-connector.md` : '',
        job: job
          ? {
              ...job,
              running,
              stateClass: stateClass(job.state),
              refreshUrl: running ? `/ui/connectors?tab=${tab}&job_id=${job.id}` : '',
              error: typeof result.error === 'string' ? result.error : '',
              counts: result.counts ?? null,
              summary: result.summary
                ? ['vendors', 'projects', 'hosts', 'ip_assets', 'total'].map((k) => ({ label: k === 'ip_assets' ? 'IP Assets' : k[0].toUpperCase() + k.slice(1), ...result.summary[k] }))
                : null,
              errors: Array.isArray(result.errors) ? result.errors : [],
              warnings: [...(Array.isArray(result.connector_warnings) ? result.connector_warnings.map((w: unknown) => ({ location: 'connector', message: String(w) })) : []), ...(Array.isArray(result.warnings) ? result.warnings : [])],
              plan: plan.map((r) => ({ ip: r.ip_address, action: r.action, actionClass: r.action === 'CREATE' ? 'success' : r.action === 'UPDATE' ? 'info' : 'muted', changes: Object.entries(r.changes ?? {}).map(([f, [a, b]]) => ({ field: f, before: text(a), after: text(b) })) })),
              planTotal: result.plan?.total ?? 0,
            }
          : null,
        recent: recent.items.map((j) => ({ ...j, stateClass: stateClass(j.state), href: `/ui/connectors?tab=${j.connector}&job_id=${j.id}` })),
      },
      { title: 'Connectors', nav: 'connectors', status, toasts, scripts: ['/static/js/connectors.js', '/static/js/data-ops.js'] },
    );
  }
}
