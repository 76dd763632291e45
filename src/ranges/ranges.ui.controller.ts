import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Role } from '../common/actor';
import { CookieWrite, PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import { parseIp } from '../common/ip';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import type { IpAssetFilters } from '../ip-assets/ip-asset-filters';
import { normaliseAssetType } from '../ip-assets/ip-asset-type';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { IpAssetsService } from '../ip-assets/ip-assets.service';
import { ProjectsService } from '../projects/projects.service';
import { normaliseTagNames } from '../tags/tag-names';
import { TagsService } from '../tags/tags.service';
import { CsrfGuard } from '../ui/csrf';
import { FlashService } from '../ui/flash';
import { ASSET_TYPES, tagChips } from '../ui/ip-asset-view';
import { pageModel, parsePage, parsePerPage, QueryPairs } from '../ui/pagination';
import { field, fieldList, FormBody, optionalId, isRowIdText } from '../ui/ui-form';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { isHtmx, UiRenderer } from '../ui/ui-renderer';
import { MAX_ALLOCATION } from './dto/allocate.dto';
import type { RangeAddressDto } from './dto/range-address.dto';
import { IpRange } from './ip-range.entity';
import { RangeAddressesService } from './range-addresses.service';
import { RangeAllocationService } from './range-allocation.service';
import { storedCidr } from './range-utilisation';
import { cidrFromInput, RangesService } from './ranges.service';

const LIST = '/ui/ranges';
const TAG_RE = /^[a-z0-9_-]+$/;
const SCRIPTS = ['/static/js/tag-picker.js', '/static/js/crud-drawers.js', '/static/js/ranges.js'];

interface RangeForm {
  name: string;
  cidr: string;
  notes: string;
}

interface FormState<T> {
  open: boolean;
  errors: string[];
  values: T;
  id?: number;
}

interface AddressQuery {
  q: string;
  projectId: string;
  type: string;
  tags: string[];
  status: 'all' | 'used' | 'free';
  page: number;
  perPage: number;
}

interface AssetForm {
  ip: string;
  type: string;
  projectId: string;
  tags: string[];
  notes: string;
}

interface AllocateForm {
  count: string;
  type: string;
  projectId: string;
  tags: string[];
  notes: string;
}

const first = (raw: Record<string, unknown>, name: string) => {
  const v = raw[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim() : '';
};

function parseAddressQuery(raw: Record<string, unknown>): AddressQuery {
  const project = first(raw, 'project_id');
  const type = normaliseAssetType(first(raw, 'type')) ?? '';
  const tagValues = (Array.isArray(raw.tag) ? raw.tag : raw.tag === undefined ? [] : [raw.tag]).filter((v): v is string => typeof v === 'string');
  const tags = [...new Set(tagValues.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  const status = first(raw, 'status');
  return {
    q: first(raw, 'q').slice(0, 100),
    projectId: project === 'unassigned' || isRowIdText(project) ? project : '',
    type,
    tags: tags.every((t) => TAG_RE.test(t)) ? tags : [],
    status: status === 'used' || status === 'free' ? status : 'all',
    page: parsePage(raw.page),
    perPage: parsePerPage(raw['per-page']),
  };
}

/** Base query order of ui.md §9.3: `per-page`, `q`, `project_id`, `type`, `tag`, `status`. */
function addressPairs(q: AddressQuery): QueryPairs {
  const pairs: QueryPairs = [];
  if (q.q) pairs.push(['q', q.q]);
  if (q.projectId) pairs.push(['project_id', q.projectId]);
  if (q.type) pairs.push(['type', q.type]);
  for (const tag of q.tags) pairs.push(['tag', tag]);
  if (q.status !== 'all') pairs.push(['status', q.status]);
  return pairs;
}

function assetFilters(q: AddressQuery): IpAssetFilters {
  return {
    q: q.q || undefined,
    projectId: q.projectId === 'unassigned' ? 'unassigned' : q.projectId ? Number(q.projectId) : undefined,
    types: q.type ? [q.type as IpAssetType] : undefined,
    tagAny: q.tags.length ? q.tags : undefined,
  };
}

/** The row id of an address (`ip-10-0-0-5`), the anchor a save returns to. */
export function addressAnchor(ip: string): string {
  return `ip-${ip.replace(/[.:]/g, '-')}`;
}

const withCommas = (value: bigint | number | string) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The ranges pages (ui.md §9 with decisions D2/D6): the list with its drawers, and the address drill-down with
 * add / edit drawers and next-free allocation. The drill-down never walks the block: RangeAddressesService pages
 * it by arithmetic and SQL, so an IPv6 /64 pages as fast as a /24.
 */
@ApiExcludeController()
@Controller('ui/ranges')
@UseFilters(UiExceptionFilter)
export class RangesUiController {
  constructor(
    private readonly ranges: RangesService,
    private readonly addresses: RangeAddressesService,
    private readonly allocation: RangeAllocationService,
    private readonly ipAssets: IpAssetsService,
    private readonly projects: ProjectsService,
    private readonly tags: TagsService,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
  ) {}

  // ------------------------------------------------------------------ list

  @Get()
  @PublicRead()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const editId = optionalId(first(query, 'edit'));
    const deleteId = optionalId(first(query, 'delete'));
    // Unknown ids open no drawer (ui.md §9.1).
    const editRange = typeof editId === 'number' ? await this.ranges.get(editId).catch(() => null) : null;
    const deleteRange = typeof deleteId === 'number' ? await this.ranges.get(deleteId).catch(() => null) : null;
    await this.renderList(req, res, 200, {
      edit: editRange ? { open: true, errors: [], id: editRange.id, values: { name: editRange.name, cidr: editRange.cidr, notes: editRange.notes ?? '' } } : undefined,
      delete: deleteRange ? { open: true, errors: [], id: deleteRange.id, values: { typed: '' } } : undefined,
    });
  }

  @Post()
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const values = readRangeForm(body);
    const errors = rangeErrors(values);
    let status = 400;
    if (errors.length === 0) {
      try {
        const range = await this.ranges.create(actor, { name: values.name, cidr: values.cidr, notes: values.notes.trim() || null });
        this.flash.add(req, res, 'success', `Range ${range.name} (${range.cidr}) created.`);
        res.redirect(303, LIST);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.code === 'CONFLICT' ? 'CIDR already exists.' : error.message);
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.renderList(req, res, status, { create: { open: true, errors, values } });
  }

  @Get(':id/edit')
  @Roles(Role.Editor)
  async editLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    await this.ranges.get(id);
    res.redirect(303, `${LIST}?edit=${id}`);
  }

  @Get(':id/delete')
  @Roles(Role.Editor)
  async deleteLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    await this.ranges.get(id);
    res.redirect(303, `${LIST}?delete=${id}`);
  }

  @Post(':id/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.ranges.get(id);
    const values = readRangeForm(body);
    const errors = rangeErrors(values);
    let status = 400;
    if (errors.length === 0) {
      try {
        const range = await this.ranges.update(actor, id, { name: values.name, cidr: values.cidr, notes: values.notes.trim() || null });
        this.flash.add(req, res, 'success', `Range ${range.name} updated.`);
        res.redirect(303, LIST);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.code === 'CONFLICT' ? 'CIDR already exists.' : error.message);
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.renderList(req, res, status, { edit: { open: true, errors, id, values } });
  }

  @Post(':id/delete')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const range = await this.ranges.get(id);
    const typed = field(body, 'confirm_name').trim();
    if (typed !== range.name) {
      await this.renderList(req, res, 400, { delete: { open: true, errors: ['Type the exact range name to confirm.'], id, values: { typed } } });
      return;
    }
    await this.ranges.remove(actor, id);
    this.flash.add(req, res, 'success', `Range ${range.name} deleted.`);
    res.redirect(303, LIST);
  }

  // ------------------------------------------------------------------ address drill-down

  @Get(':id/addresses')
  @PublicRead()
  async addressPage(@Param('id', ParseIdPipe) id: number, @Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const range = await this.ranges.get(id);
    const query = parseAddressQuery(raw);
    res.vary('HX-Request');
    if (isHtmx(req)) {
      this.renderer.partial(req, res, 'partials/ranges/addresses-table', await this.addressTable(range, query));
      return;
    }
    await this.renderAddresses(req, res, range, query, 200, {});
  }

  @Post(':id/addresses/add')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async addAddress(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const range = await this.ranges.get(id);
    const form = readAssetForm(body);
    const errors = await this.assetErrors(form, true);
    const parsed = parseIp(form.ip);
    if (parsed) {
      const cidr = storedCidr(range.cidr);
      if (parsed.key < cidr.firstKey || parsed.key > cidr.lastKey) errors.push('IP address is not part of this range.');
      else if (parsed.value < cidr.usableFirst || parsed.value > cidr.usableLast) errors.push('IP address is the network or broadcast address of this range.');
    }
    let status = 400;
    if (errors.length === 0) {
      try {
        const asset = await this.ipAssets.create(actor, { ip_address: form.ip, type: form.type as IpAssetType, project_id: form.projectId ? Number(form.projectId) : null, notes: form.notes.trim() || null, tags: form.tags });
        this.flash.add(req, res, 'success', `Added ${asset.ip_address}.`);
        res.redirect(303, `${this.returnTo(body, range)}#${addressAnchor(asset.ip_address)}`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.code === 'CONFLICT' ? 'IP address is already assigned.' : uiMessage(error.message));
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.renderAddresses(req, res, range, parseAddressQuery({}), status, { add: { open: true, errors, values: form } });
  }

  @Post(':id/addresses/:assetId/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async editAddress(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Param('assetId', ParseIdPipe) assetId: number,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const range = await this.ranges.get(id);
    const asset = await this.ipAssets.getActiveById(assetId);
    if (asset.ipKey < range.firstKey || asset.ipKey > range.lastKey) throw new DomainError('NOT_FOUND', 'IP asset is not part of this range.');
    const form = { ...readAssetForm(body), ip: asset.ipAddress };
    const errors = await this.assetErrors(form, false);
    if (errors.length === 0) {
      try {
        await this.ipAssets.update(actor, asset.ipAddress, { type: form.type as IpAssetType, project_id: form.projectId ? Number(form.projectId) : null, notes: form.notes, tags: form.tags });
        this.flash.add(req, res, 'success', `Updated ${asset.ipAddress}.`);
        res.redirect(303, `${this.returnTo(body, range)}#${addressAnchor(asset.ipAddress)}`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(uiMessage(error.message));
      }
    }
    await this.renderAddresses(req, res, range, parseAddressQuery({}), 400, { edit: { open: true, errors, id: assetId, values: form } });
  }

  @Post(':id/allocate')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async allocate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const range = await this.ranges.get(id);
    const form: AllocateForm = { count: field(body, 'count').trim(), type: field(body, 'type').trim(), projectId: field(body, 'project_id').trim(), tags: fieldList(body, 'tags'), notes: field(body, 'notes') };
    const count = /^\d{1,5}$/.test(form.count) ? Number(form.count) : NaN;
    const errors: string[] = [];
    if (!(count >= 1 && count <= MAX_ALLOCATION)) errors.push(`Count must be a whole number from 1 to ${MAX_ALLOCATION}.`);
    errors.push(...(await this.assetErrors({ ...form, ip: '' }, false)));
    let status = 400;
    if (errors.length === 0) {
      try {
        const created = await this.allocation.allocate(actor, id, { count, type: form.type, project_id: form.projectId ? Number(form.projectId) : null, tags: form.tags, notes: form.notes.trim() || null });
        const list = created.map((a) => a.ip_address);
        this.flash.add(req, res, 'success', `Allocated ${list.length} address${list.length === 1 ? '' : 'es'}: ${list.join(', ')}.`);
        res.redirect(303, `/ui/ranges/${id}/addresses?status=used#${addressAnchor(list[0])}`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(uiMessage(error.message));
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.renderAddresses(req, res, range, parseAddressQuery({}), status, { allocate: { open: true, errors, values: form } });
  }

  // ------------------------------------------------------------------ models

  private async renderList(req: Request, res: Response, status: number, drawers: { create?: FormState<RangeForm>; edit?: FormState<RangeForm>; delete?: FormState<{ typed: string }> }): Promise<void> {
    const rows = (await this.ranges.list()).map(({ range, utilisation }) => ({
      id: range.id,
      name: range.name,
      cidr: range.cidr,
      notes: range.notes ?? '',
      family: range.cidr.includes(':') ? 'IPv6' : 'IPv4',
      usable: withCommas(utilisation.totalUsable),
      used: withCommas(utilisation.used),
      free: withCommas(utilisation.free),
      utilisationPercent: utilisation.percent,
      meter: Math.min(100, Math.max(utilisation.percent, utilisation.used > 0 ? 0.5 : 0)),
      editValues: JSON.stringify({ name: range.name, cidr: range.cidr, notes: range.notes ?? '' }),
      summary: JSON.stringify({ name: range.name, cidr: range.cidr, used: String(utilisation.used) }),
    }));
    const empty: RangeForm = { name: '', cidr: '', notes: '' };
    const del = drawers.delete;
    const target = del?.id !== undefined ? rows.find((r) => r.id === del.id) : undefined;
    this.renderer.page(
      req,
      res,
      'pages/ranges/list',
      {
        rows,
        create: drawers.create ?? { open: false, errors: [], values: empty },
        edit: drawers.edit ?? { open: false, errors: [], values: empty },
        del: {
          id: target?.id ?? '',
          name: target?.name ?? '',
          state: { open: del?.open ?? false, typed: del?.values.typed ?? '', errors: del?.errors ?? [] },
          summary: [
            { label: 'Name', key: 'name', value: target?.name ?? '' },
            { label: 'CIDR', key: 'cidr', value: target?.cidr ?? '' },
            { label: 'Used addresses', key: 'used', value: target?.used ?? '' },
          ],
        },
      },
      { title: 'IP Ranges', nav: 'ranges', status, scripts: SCRIPTS },
    );
  }

  private async addressTable(range: IpRange, query: AddressQuery) {
    const request = { status: query.status, limit: query.perPage, filters: assetFilters(query) };
    let page = query.page;
    let result = await this.addresses.page(range.id, { ...request, offset: (page - 1) * query.perPage });
    const total = BigInt(result.total);
    const pages = total === 0n ? 1n : (total + BigInt(query.perPage) - 1n) / BigInt(query.perPage);
    if (BigInt(page) > pages) {
      page = Number(pages);
      result = await this.addresses.page(range.id, { ...request, offset: (page - 1) * query.perPage });
    }
    let items = result.items;
    let totalText = result.total;
    // A complete address typed into the search finds that address even when it is free (the service's text
    // search looks at assets only); nothing is enumerated.
    const typed = parseIp(query.q);
    const cidr = storedCidr(range.cidr);
    if (items.length === 0 && typed && query.status !== 'used' && !query.projectId && !query.type && query.tags.length === 0 && typed.key >= cidr.firstKey && typed.key <= cidr.lastKey) {
      const reserved = typed.value < cidr.usableFirst || typed.value > cidr.usableLast;
      items = [{ ip_address: typed.canonical, status: reserved ? 'reserved' : 'free' }];
      totalText = '1';
    }
    const tagColors = new Map((await this.tags.catalogue()).map((t) => [t.name, t.color]));
    const base = `/ui/ranges/${range.id}/addresses`;
    const pairs = addressPairs(query);
    const withTag = (tag: string) => {
      const next = { ...query, tags: query.tags.includes(tag) ? query.tags : [...query.tags, tag] };
      return `${base}?${new URLSearchParams([['per-page', String(query.perPage)], ...addressPairs(next)]).toString()}`;
    };
    const rows = items.map((item) => this.addressRow(item, tagColors, withTag));
    const totalNumber = Number(totalText);
    return {
      rangeId: range.id,
      rows,
      pager: pageModel(base, pairs, page, query.perPage, totalNumber, { alwaysNav: true, totalText: withCommas(totalText) }),
      target: '#range-addresses-table-container',
    };
  }

  private addressRow(item: RangeAddressDto, tagColors: Map<string, string>, withTag: (tag: string) => string) {
    const tags = tagChips(item.tags ?? [], tagColors).map((t) => ({ ...t, href: withTag(t.name) }));
    const used = item.status !== 'free' && item.id !== undefined;
    return {
      ...item,
      anchor: addressAnchor(item.ip_address),
      used,
      free: item.status === 'free',
      reserved: item.status === 'reserved',
      inlineTags: tags.length <= 3 ? tags : tags.slice(0, 3),
      moreCount: Math.max(0, tags.length - 3),
      moreTitle: tags.slice(3).map((t) => t.name).join(', '),
      hostPair: (item.host_pair ?? []).join(', '),
      addValues: JSON.stringify({ ip_address: item.ip_address, type: 'VM', project_id: '', tags: [], notes: '' }),
      editValues: used ? JSON.stringify({ ip_address: item.ip_address, type: item.type, project_id: item.project ? String(item.project.id) : '', tags: item.tags ?? [], notes: item.notes ?? '' }) : '',
    };
  }

  private async renderAddresses(
    req: Request,
    res: Response,
    range: IpRange,
    query: AddressQuery,
    status: number,
    drawers: { add?: FormState<AssetForm>; edit?: FormState<AssetForm>; allocate?: FormState<AllocateForm> },
  ): Promise<void> {
    const [{ utilisation }, table, projects, tags] = await Promise.all([this.ranges.getWithUtilisation(range.id), this.addressTable(range, query), this.projects.catalogue(), this.tags.catalogue()]);
    const cidr = storedCidr(range.cidr);
    const allocate = drawers.allocate?.values ?? { count: '1', type: 'VM', projectId: '', tags: [], notes: '' };
    this.renderer.page(
      req,
      res,
      'pages/ranges/addresses',
      {
        ...table,
        range: { id: range.id, name: range.name, cidr: range.cidr, notes: range.notes ?? '' },
        family: cidr.version === 6 ? 'IPv6' : 'IPv4',
        usable: withCommas(utilisation.totalUsable),
        used: withCommas(utilisation.used),
        free: withCommas(utilisation.free),
        utilisationPercent: utilisation.percent,
        reservedNote: cidr.usableFirst !== cidr.first,
        query,
        statusOptions: [
          { value: 'all', label: 'All', selected: query.status === 'all' },
          { value: 'used', label: 'Used', selected: query.status === 'used' },
          { value: 'free', label: 'Free', selected: query.status === 'free' },
        ],
        typeOptions: ASSET_TYPES.map((t) => ({ value: t, selected: t === query.type })),
        projectOptions: projects.map((p) => ({ ...p, selected: String(p.id) === query.projectId })),
        activeTags: tagChips(query.tags, new Map(tags.map((t) => [t.name, t.color]))),
        tagCatalogue: tags,
        assetAdd: this.assetDrawer(range, 'add', drawers.add, projects, tags),
        assetEdit: this.assetDrawer(range, 'edit', drawers.edit, projects, tags),
        allocate: {
          open: drawers.allocate?.open ?? false,
          errors: drawers.allocate?.errors ?? [],
          values: allocate,
          max: MAX_ALLOCATION,
          typeOptions: ASSET_TYPES.map((t) => ({ value: t, selected: t === allocate.type })),
          projectOptions: projects.map((p) => ({ ...p, selected: String(p.id) === allocate.projectId })),
          tagOptions: tags.map((t) => ({ ...t, selected: allocate.tags.includes(t.name) })),
        },
      },
      { title: 'Range Addresses', nav: 'ranges', status, scripts: SCRIPTS },
    );
  }

  private assetDrawer(range: IpRange, mode: 'add' | 'edit', state: FormState<AssetForm> | undefined, projects: Array<{ id: number; name: string }>, tags: Array<{ name: string; color: string }>) {
    const values = state?.values ?? { ip: '', type: 'VM', projectId: '', tags: [], notes: '' };
    return {
      open: state?.open ?? false,
      errors: state?.errors ?? [],
      action: mode === 'edit' ? `/ui/ranges/${range.id}/addresses/${state?.id ?? 0}/edit` : `/ui/ranges/${range.id}/addresses/add`,
      values,
      typeOptions: ASSET_TYPES.map((t) => ({ value: t, selected: t === values.type })),
      projectOptions: projects.map((p) => ({ ...p, selected: String(p.id) === values.projectId })),
      tagOptions: tags.map((t) => ({ ...t, selected: values.tags.includes(t.name) })),
    };
  }

  /** Type, project and tags of an address form (ui.md §9.3), every message collected. */
  private async assetErrors(form: { ip: string; type: string; projectId: string; tags: string[] }, withIp: boolean): Promise<string[]> {
    const errors: string[] = [];
    if (withIp) {
      if (!form.ip) errors.push('IP address is required.');
      else if (!parseIp(form.ip)) errors.push('Invalid IP address.');
    }
    if (!form.type) errors.push('Asset type is required.');
    else if (!normaliseAssetType(form.type)) errors.push('Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.');
    const projectId = optionalId(form.projectId);
    if (projectId === undefined || (projectId !== null && !(await this.projects.catalogue()).some((p) => p.id === projectId))) errors.push('Selected project does not exist.');
    try {
      normaliseTagNames(form.tags);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(error.message);
    }
    return errors;
  }

  /** Back to the drill-down the drawer was opened on (its filters and page), never elsewhere. */
  private returnTo(body: FormBody, range: IpRange): string {
    const base = `/ui/ranges/${range.id}/addresses`;
    const raw = field(body, 'return_to');
    return raw === base || raw.startsWith(`${base}?`) ? raw.replace(/#.*$/, '') : base;
  }
}

function readRangeForm(body: FormBody): RangeForm {
  return { name: field(body, 'name').trim(), cidr: field(body, 'cidr').trim(), notes: field(body, 'notes') };
}

/** ui.md §9.2, every message collected; IPv6 is accepted (decision D2). */
function rangeErrors(values: RangeForm): string[] {
  const errors: string[] = [];
  if (!values.name) errors.push('Range name is required.');
  if (!values.cidr) errors.push('CIDR is required.');
  else {
    try {
      cidrFromInput(values.cidr);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(error.message);
    }
  }
  return errors;
}

function readAssetForm(body: FormBody): AssetForm {
  return { ip: field(body, 'ip_address').trim(), type: field(body, 'type').trim(), projectId: field(body, 'project_id').trim(), tags: fieldList(body, 'tags'), notes: field(body, 'notes') };
}

function uiMessage(message: string): string {
  return message === 'Project not found.' ? 'Selected project does not exist.' : message;
}
