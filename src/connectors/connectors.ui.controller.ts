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

type Tab = 'overview' | 'vcenter' | 'prometheus';
const CONNECTORS = ['vcenter', 'prometheus'] as const;
type ConnectorName = (typeof CONNECTORS)[number];

/** The form fields of each connector tab (connectors.md §1.5, §2.5) and which of them are secrets. */
const FIELDS: Record<ConnectorName, { text: string[]; numbers: string[]; checkboxes: string[]; secrets: string[] }> = {
  vcenter: { text: ['server', 'username', 'password'], numbers: ['port', 'timeout'], checkboxes: ['insecure'], secrets: ['password'] },
  prometheus: { text: ['prometheus_url', 'query', 'ip_label', 'asset_type', 'project_name', 'tags', 'token'], numbers: ['timeout'], checkboxes: ['insecure'], secrets: ['token'] },
};
const DEFAULTS: Record<ConnectorName, Record<string, string>> = {
  vcenter: { port: '443', timeout: '120', mode: 'dry-run' },
  prometheus: { ip_label: 'instance', asset_type: 'OTHER', timeout: '30', mode: 'dry-run' },
};
const OVERVIEW = [
  { tab: 'vcenter', name: 'vCenter', type: 'Inventory import (VMs and ESXi hosts over the vSphere API)', how: 'Server, user and password; dry-run first, then apply.' },
  { tab: 'prometheus', name: 'Prometheus', type: 'Query-based import (one label of an instant query)', how: 'PromQL query and the label that holds the address.' },
];
const CLI_EXAMPLES: Record<ConnectorName, string> = {
  vcenter: 'ipocket connector vcenter --server vcenter.example.com --username administrator@vsphere.local --password-env VCENTER_PASSWORD --mode dry-run',
  prometheus: "ipocket connector prometheus --prometheus-url http://prometheus:9090 --query 'up{job=\"node\"}' --ip-label instance --mode dry-run",
};

type FormValues = Record<string, string>;

/** The request body for the connector: empty fields left out (defaults apply), ticked boxes as booleans. */
function optionsBody(name: ConnectorName, body: FormBody): Record<string, unknown> {
  const spec = FIELDS[name];
  const options: Record<string, unknown> = { mode: field(body, 'mode') || 'dry-run' };
  for (const key of [...spec.text, ...spec.numbers]) {
    const value = field(body, key);
    if (value.trim() !== '') options[key] = value;
  }
  for (const key of spec.checkboxes) options[key] = field(body, key) === '1';
  return options;
}

/** What the form shows again: the submitted or stored values, never a secret. */
function formValues(name: ConnectorName, source: Record<string, unknown>): FormValues {
  const values: FormValues = { ...DEFAULTS[name] };
  const spec = FIELDS[name];
  for (const key of [...spec.text, ...spec.numbers, 'mode']) {
    const value = source[key];
    if (spec.secrets.includes(key)) continue;
    if (Array.isArray(value)) values[key] = value.join(', ');
    else if (value !== undefined && value !== null && value !== '') values[key] = String(value);
  }
  for (const key of spec.checkboxes) values[key] = source[key] === true || source[key] === '1' ? '1' : '';
  return values;
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
    private readonly renderer: UiRenderer,
  ) {}

  @Get()
  @PublicRead()
  async page(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const requested = typeof query.tab === 'string' && (CONNECTORS as readonly string[]).includes(query.tab) ? (query.tab as Tab) : 'overview';
    const jobId = optionalId(typeof query.job_id === 'string' ? query.job_id : '');
    // An unknown job id is ignored: the requested tab is shown normally (ui.md §12).
    const job = typeof jobId === 'number' ? await this.jobs.get(jobId).catch((e) => (e instanceof DomainError && e.status === 404 ? null : Promise.reject(e))) : null;
    const tab = job && (CONNECTORS as readonly string[]).includes(job.connector) ? (job.connector as Tab) : requested;
    const toasts: Toast[] = [];
    if (job && (job.state === 'queued' || job.state === 'running')) toasts.push({ type: 'warning', message: `${job.connector} connector run is still in progress.` });
    else if (job) {
      const toast = job.result?.toast as { level?: string; message?: string } | undefined;
      if (toast?.message) toasts.push({ type: (toast.level as ToastType) ?? 'info', message: toast.message });
    }
    const options = (job?.result?.options ?? {}) as Record<string, unknown>;
    await this.render(req, res, tab, { job, values: tab === 'overview' ? {} : formValues(tab, job ? { ...options, mode: job.mode } : {}), errors: [] }, 200, toasts);
  }

  @Post(':name/run')
  @Roles(Role.Viewer)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async run(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(CONNECTORS as readonly string[]).includes(name)) throw notFound(`Unknown connector '${name}'.`);
    const connector = name as ConnectorName;
    const values = formValues(connector, { ...body, insecure: field(body, 'insecure') });
    try {
      const { job_id } = await this.jobs.start(connector, optionsBody(connector, body), actor);
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

  private async render(req: Request, res: Response, tab: Tab, state: { job: ConnectorJobDto | null; values: FormValues; errors: string[] }, status: number, toasts: Toast[] = []): Promise<void> {
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
        tabs: { [tab]: true },
        overview: OVERVIEW,
        values: state.values,
        errors: state.errors,
        typeOptions: ASSET_TYPES.map((t) => ({ value: t, selected: t === state.values.asset_type })),
        modeOptions: ['dry-run', 'apply'].map((m) => ({ value: m, selected: m === (state.values.mode ?? 'dry-run') })),
        cli: tab === 'overview' ? '' : CLI_EXAMPLES[tab],
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
