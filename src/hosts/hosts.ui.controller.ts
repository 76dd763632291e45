import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Role } from '../common/actor';
import { CookieWrite, PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import { parseIp } from '../common/ip';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import type { IpAssetDto } from '../ip-assets/dto/ip-asset.dto';
import { HostWithAddressesInput, IpAssetsService } from '../ip-assets/ip-assets.service';
import { ProjectsService } from '../projects/projects.service';
import { TagsService } from '../tags/tags.service';
import { VendorsService } from '../vendors/vendors.service';
import { CsrfGuard } from '../ui/csrf';
import { FlashService } from '../ui/flash';
import { DEFAULT_PROJECT_COLOR } from '../ui/handlebars-setup';
import { CatalogueEntry, tagChips } from '../ui/ip-asset-view';
import { clampPage, pageModel, parsePage, parsePerPage, QueryPairs } from '../ui/pagination';
import { field, FormBody, optionalId, isRowIdText } from '../ui/ui-form';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { isHtmx, UiRenderer } from '../ui/ui-renderer';
import type { HostDetailDto } from './dto/host.dto';
import { HostPageFilters, HostsService } from './hosts.service';

const LIST = '/ui/hosts';
const TAG_RE = /^[a-z0-9_-]+$/;

interface HostQuery {
  q: string;
  vendorId: string;
  projectId: string;
  tags: string[];
  unassignedOnly: boolean;
  status: '' | 'linked' | 'free';
  page: number;
  perPage: number;
}

interface HostForm {
  name: string;
  vendorId: number | null;
  projectId: number | null;
  projectGiven: boolean;
  osIps: string[];
  bmcIps: string[];
  osText: string;
  bmcText: string;
  notes: string;
  errors: string[];
}

const first = (raw: Record<string, unknown>, name: string) => {
  const v = raw[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim() : '';
};

function parseHostQuery(raw: Record<string, unknown>): HostQuery {
  const tagValues = (Array.isArray(raw.tag) ? raw.tag : raw.tag === undefined ? [] : [raw.tag]).filter((v): v is string => typeof v === 'string');
  const tags = [...new Set(tagValues.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  const project = first(raw, 'project_id');
  const status = first(raw, 'status');
  return {
    q: first(raw, 'q').slice(0, 200),
    vendorId: isRowIdText(first(raw, 'vendor_id')) ? first(raw, 'vendor_id') : '',
    projectId: project === 'unassigned' || isRowIdText(project) ? project : '',
    tags: tags.every((t) => TAG_RE.test(t)) ? tags : [],
    unassignedOnly: first(raw, 'unassigned-only') === 'true',
    status: status === 'linked' || status === 'free' ? status : '',
    page: parsePage(raw.page),
    perPage: parsePerPage(raw['per-page']),
  };
}

function filterPairs(q: HostQuery): QueryPairs {
  const pairs: QueryPairs = [];
  if (q.q) pairs.push(['q', q.q]);
  if (q.vendorId) pairs.push(['vendor_id', q.vendorId]);
  if (q.projectId) pairs.push(['project_id', q.projectId]);
  for (const tag of q.tags) pairs.push(['tag', tag]);
  if (q.unassignedOnly) pairs.push(['unassigned-only', 'true']);
  if (q.status) pairs.push(['status', q.status]);
  return pairs;
}

/** Addresses of a host form field: split on commas and whitespace, de-duplicated. */
function ipList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

/** The hosts pages (ui.md §8). Hosts change through HostsService, their addresses through IpAssetsService. */
@ApiExcludeController()
@Controller('ui/hosts')
@UseFilters(UiExceptionFilter)
export class HostsUiController {
  constructor(
    private readonly hosts: HostsService,
    private readonly ipAssets: IpAssetsService,
    private readonly projects: ProjectsService,
    private readonly tags: TagsService,
    private readonly vendors: VendorsService,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
  ) {}

  @Get()
  @PublicRead()
  async list(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const query = parseHostQuery(raw);
    res.vary('HX-Request');
    if (isHtmx(req)) {
      this.renderer.partial(req, res, 'partials/hosts/table', await this.tableModel(query));
      return;
    }
    const deleteId = optionalId(first(raw, 'delete'));
    const deleteHost = typeof deleteId === 'number' ? await this.hosts.detail(deleteId) : null;
    await this.renderPage(req, res, query, { deleteHost: deleteHost ? this.deleteModel(deleteHost, '', []) : null }, 200);
  }

  @Post()
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.save(actor, null, body, req, res);
  }


  @Get(':id')
  @PublicRead()
  async detail(@Param('id', ParseIdPipe) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    const host = await this.hosts.detail(id);
    const projects = new Map((await this.projects.catalogue()).map((p) => [p.id, p]));
    const tagColors = new Map((await this.tags.catalogue()).map((t) => [t.name, t.color]));
    const row = (a: IpAssetDto & { project_name?: string | null }) => ({
      id: a.id,
      ip: a.ip_address,
      type: a.type,
      notes: a.notes ?? '',
      project: a.project_id === null ? null : (projects.get(a.project_id) ?? { id: a.project_id, name: a.project_name ?? '', color: DEFAULT_PROJECT_COLOR }),
      tags: tagChips(a.tags, tagColors),
    });
    const linked = host.linked_assets.os.length + host.linked_assets.bmc.length + host.linked_assets.other.length;
    this.renderer.page(
      req,
      res,
      'pages/hosts/detail',
      { host, linked, os: host.linked_assets.os.map(row), bmc: host.linked_assets.bmc.map(row), other: host.linked_assets.other.map(row) },
      { title: 'Host Detail', nav: 'hosts' },
    );
  }

  @Get(':id/delete')
  @Roles(Role.Editor)
  async deleteRedirect(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    await this.hosts.get(id);
    res.redirect(303, `${LIST}?delete=${id}`);
  }

  @Post(':id/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.hosts.get(id);
    await this.save(actor, id, body, req, res);
  }

  /**
   * Create (`id` null) or edit a host with its addresses in one service call; on a refusal the drawer opens
   * again with the messages. Blank vendor and notes clear them (decision UI2): the drawer shows current values.
   */
  private async save(actor: Actor, id: number | null, body: FormBody, req: Request, res: Response): Promise<void> {
    const form = await this.readForm(body);
    let status = 400;
    if (form.errors.length === 0) {
      try {
        await this.ipAssets.saveHostWithAddresses(actor, id, this.saveInput(form));
        this.flash.add(req, res, 'success', id === null ? 'Host created.' : 'Host updated.');
        res.redirect(303, LIST);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        form.errors.push(error.message === 'Host already exists.' ? 'Host name already exists.' : error.message);
        status = error.status === 409 ? 409 : 400;
      }
    }
    const hostDrawer = id === null ? { mode: 'add', form, open: true } : { mode: 'edit', form, open: true, hostId: id };
    await this.renderPage(req, res, parseHostQuery({}), { hostDrawer }, status, id === null ? undefined : form.errors);
  }


  @Post(':id/delete')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const host = await this.hosts.detail(id);
    const typed = field(body, 'confirm_name').trim();
    let error: string | null = null;
    let status = 400;
    if (typed !== host.name) error = 'Type the exact host name to confirm.';
    else {
      try {
        await this.hosts.remove(actor, id);
        this.flash.add(req, res, 'success', `Host ${host.name} deleted.`);
        res.redirect(303, LIST);
        return;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        error = e.message;
        status = e.status;
      }
    }
    await this.renderPage(req, res, parseHostQuery({}), { deleteHost: this.deleteModel(host, typed, [error]) }, status);
  }

  // ------------------------------------------------------------------ models

  private async tableModel(query: HostQuery) {
    const filters: HostPageFilters = {
      q: query.q || undefined,
      vendorId: query.vendorId ? Number(query.vendorId) : undefined,
      projectId: query.projectId === 'unassigned' ? 'unassigned' : query.projectId ? Number(query.projectId) : undefined,
      unassignedOnly: query.unassignedOnly,
      status: query.status || undefined,
      tags: query.tags,
    };
    let page = query.page;
    let result = await this.hosts.listPage(filters, { limit: query.perPage, offset: (page - 1) * query.perPage });
    const clamped = clampPage(page, result.total, query.perPage);
    if (clamped !== page) {
      page = clamped;
      result = await this.hosts.listPage(filters, { limit: query.perPage, offset: (page - 1) * query.perPage });
    }
    const [projects, tagList] = await Promise.all([this.projects.catalogue(), this.tags.catalogue()]);
    const projectMap = new Map(projects.map((p) => [p.id, p]));
    const tagColors = new Map(tagList.map((t) => [t.name, t.color]));
    const rows = result.items.map((host) => this.hostRow(host, projectMap, tagColors));
    return { rows, pager: pageModel(LIST, filterPairs(query), page, query.perPage, result.total), target: '#host-table-container' };
  }

  private hostRow(host: HostDetailDto, projects: Map<number, CatalogueEntry>, tagColors: Map<string, string>) {
    const all = [...host.linked_assets.os, ...host.linked_assets.bmc, ...host.linked_assets.other];
    const projectIds = [...new Set(all.map((a) => a.project_id))];
    const project = projectIds.length === 0 || (projectIds.length === 1 && projectIds[0] === null) ? 'unassigned' : projectIds.length > 1 ? 'multiple' : projects.get(projectIds[0]!) ?? null;
    const tags = tagChips(host.tags, tagColors);
    const byText = (a: IpAssetDto, b: IpAssetDto) => (a.ip_address < b.ip_address ? -1 : a.ip_address > b.ip_address ? 1 : 0);
    return {
      id: host.id,
      name: host.name,
      vendor: host.vendor ?? '',
      notes: host.notes ?? '',
      projectUnassigned: project === 'unassigned',
      projectMultiple: project === 'multiple',
      project: typeof project === 'object' ? project : null,
      projectId: typeof project === 'object' && project ? String(project.id) : '',
      os: [...host.linked_assets.os].sort(byText).map((a) => ({ id: a.id, ip: a.ip_address })),
      bmc: [...host.linked_assets.bmc].sort(byText).map((a) => ({ id: a.id, ip: a.ip_address })),
      osText: host.linked_assets.os.map((a) => a.ip_address).join(', '),
      bmcText: host.linked_assets.bmc.map((a) => a.ip_address).join(', '),
      inlineTags: tags.slice(0, 2),
      moreCount: Math.max(0, tags.length - 2),
      tagsJson: JSON.stringify(tags),
      linked: all.length,
    };
  }

  private deleteModel(host: HostDetailDto, typed: string, errors: Array<string | null>) {
    const linked = host.linked_assets.os.length + host.linked_assets.bmc.length + host.linked_assets.other.length;
    return { id: host.id, name: host.name, linked, typed, errors: errors.filter(Boolean) };
  }

  private async renderPage(req: Request, res: Response, query: HostQuery, drawers: Record<string, unknown>, status: number, errorToasts: string[] = []): Promise<void> {
    const [table, projects, vendors, tags] = await Promise.all([this.tableModel(query), this.projects.catalogue(), this.vendors.catalogue(), this.tags.catalogue()]);
    const filtersActive = filterPairs(query).length > 0;
    this.renderer.page(
      req,
      res,
      'pages/hosts/list',
      {
        ...table,
        query,
        filtersActive,
        projects: projects.map((p) => ({ ...p, selected: String(p.id) === query.projectId })),
        vendors: vendors.map((v) => ({ ...v, selected: String(v.id) === query.vendorId })),
        tagCatalogue: tags,
        tagCatalogueJson: JSON.stringify(tags.map((t) => ({ name: t.name, color: t.color }))),
        activeTags: tagChips(query.tags, new Map(tags.map((t) => [t.name, t.color]))),
        allProjects: projects,
        allVendors: vendors,
        ...drawers,
      },
      { title: 'Hosts', nav: 'hosts', status, toasts: errorToasts.map((message) => ({ type: 'error' as const, message })), scripts: ['/static/js/hosts.js'] },
    );
  }

  /** ui.md §8.3: every message collected. */
  private async readForm(body: FormBody): Promise<HostForm> {
    const errors: string[] = [];
    const name = field(body, 'name').trim();
    const vendorId = optionalId(field(body, 'vendor_id'));
    const projectId = optionalId(field(body, 'project_id'));
    if (vendorId === undefined) errors.push('Select a valid vendor.');
    if (projectId === undefined) errors.push('Select a valid project.');
    else if (projectId !== null && !(await this.projects.catalogue()).some((p) => p.id === projectId)) errors.push('Selected project does not exist.');
    if (typeof vendorId === 'number' && !(await this.vendors.catalogue()).some((v) => v.id === vendorId)) errors.push('Selected vendor does not exist.');
    if (!name) errors.push('Host name is required.');
    const osText = field(body, 'os_ips');
    const bmcText = field(body, 'bmc_ips');
    const osIps = ipList(osText);
    const bmcIps = ipList(bmcText);
    for (const ip of osIps.filter((ip) => bmcIps.includes(ip))) errors.push(`IP address appears in both OS and BMC fields: ${ip}.`);
    for (const ip of [...osIps, ...bmcIps]) if (!parseIp(ip)) errors.push(`Invalid IP address. (${ip})`);
    return {
      name,
      vendorId: vendorId ?? null,
      projectId: projectId ?? null,
      projectGiven: 'project_id' in body,
      osIps: osIps.map((ip) => parseIp(ip)?.canonical ?? ip),
      bmcIps: bmcIps.map((ip) => parseIp(ip)?.canonical ?? ip),
      osText,
      bmcText,
      notes: field(body, 'notes').trim(),
      errors: [...new Set(errors)],
    };
  }

  /** The form as one save of the host with its addresses; an absent project_id leaves projects alone on edit. */
  private saveInput(form: HostForm): HostWithAddressesInput {
    return {
      name: form.name,
      notes: form.notes,
      vendorId: form.vendorId,
      osIps: form.osIps,
      bmcIps: form.bmcIps,
      ...(form.projectGiven ? { projectId: form.projectId } : {}),
    };
  }
}
