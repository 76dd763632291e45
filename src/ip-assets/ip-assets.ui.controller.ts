import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { AuditQueryDto } from '../audit/dto/audit-query.dto';
import { Actor, Role } from '../common/actor';
import { CookieWrite, PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import { parseIp } from '../common/ip';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { HostsService } from '../hosts/hosts.service';
import { Database } from '../infra/database/database';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { CsrfGuard } from '../ui/csrf';
import { FlashService, Toast } from '../ui/flash';
import { ASSET_TYPES, AssetDrawerState, auditSummary, CatalogueEntry, ipAssetRow, options, tagChips } from '../ui/ip-asset-view';
import { ipAssetFilterPairs, IpAssetUiQuery, isHighRiskAsset, parseIpAssetUiQuery, toIpAssetFilters, withToastParam } from '../ui/ip-asset-ui-query';
import { clampPage, pageModel } from '../ui/pagination';
import { field, fieldList, FormBody, optionalId, returnTarget, truthy, isRowIdText } from '../ui/ui-form';
import { UiExceptionFilter, wantsJson } from '../ui/ui-exception.filter';
import { isHtmx, UiRenderer } from '../ui/ui-renderer';
import type { IpAssetDto } from './dto/ip-asset.dto';
import { normaliseAssetType } from './ip-asset-type';
import { IpAssetType } from './ip-asset.entity';
import { ProjectsService } from '../projects/projects.service';
import { TagsService } from '../tags/tags.service';
import { IpAssetsService } from './ip-assets.service';

const LIST = '/ui/ip-assets';
const TAG_RE = /^[a-z0-9_-]+$/;
const SCRIPTS = ['/static/js/tag-picker.js', '/static/js/host-search.js', '/static/js/ip-assets.js'];

/** Messages of the service mapped to the UI's wording (ui.md §6.1). */
const UI_MESSAGES: Record<string, string> = { 'Project not found.': 'Selected project does not exist.', 'Host not found.': 'Selected host does not exist.' };

interface AssetForm {
  ip: string;
  type: IpAssetType | null;
  projectId: number | null;
  hostId: number | null;
  notes: string;
  tags: string[];
  errors: string[];
}

/** The IP assets pages (ui.md §5–7). Every change goes through IpAssetsService, the same as the REST API. */
@ApiExcludeController()
@Controller('ui/ip-assets')
@UseFilters(UiExceptionFilter)
export class IpAssetsUiController {
  constructor(
    private readonly ipAssets: IpAssetsService,
    private readonly hosts: HostsService,
    private readonly projects: ProjectsService,
    private readonly tags: TagsService,
    private readonly audit: AuditService,
    private readonly db: Database,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ------------------------------------------------------------------ list

  @Get()
  @PublicRead()
  async list(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const query = parseIpAssetUiQuery(raw);
    res.vary('HX-Request');
    if (isHtmx(req)) {
      this.renderer.partial(req, res, 'partials/ip-assets/table', await this.listModel(query));
      return;
    }
    const toasts: Toast[] = [];
    const pick = (key: string, type: Toast['type']) => typeof raw[key] === 'string' && toasts.push({ type, message: raw[key] as string });
    pick('bulk-error', 'error');
    pick('bulk-success', 'success');
    pick('delete-error', 'error');
    pick('delete-success', 'success');
    await this.renderListPage(req, res, query, null, 200, toasts);
  }

  @Get('new')
  @Roles(Role.Editor)
  async newForm(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.renderListPage(req, res, parseIpAssetUiQuery({}), this.emptyDrawer(LIST), 200);
  }

  @Post('new')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const returnTo = returnTarget(body, LIST);
    const form = await this.readAssetForm(body, true);
    let status = 400;
    if (form.errors.length === 0) {
      try {
        await this.ipAssets.create(actor, { ip_address: form.ip, type: form.type!, project_id: form.projectId, host_id: form.hostId, notes: form.notes || null, tags: form.tags });
        this.flash.add(req, res, 'success', 'IP asset created.');
        res.redirect(303, returnTo);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        form.errors.push(UI_MESSAGES[error.message] ?? error.message);
        status = error.status === 409 ? 409 : 400;
      }
    }
    await this.renderFormError(req, res, returnTo, { ...this.drawerFromForm('add', form, returnTo), hostName: await this.hostName(form.hostId) }, status);
  }

  @Post('bulk-edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async bulkEdit(@CurrentActor() actor: Actor, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const returnTo = returnTarget(body, LIST);
    const outcome = await this.applyBulk(actor, body);
    res.redirect(303, withToastParam(returnTo, outcome.error ? 'bulk-error' : 'bulk-success', outcome.error ?? outcome.message!));
  }

  // ------------------------------------------------------------------ one asset

  @Get(':id')
  @Roles(Role.Viewer)
  async detail(@Param('id', ParseIdPipe) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.renderDetail(req, res, id, null, 200);
  }

  @Get(':id/edit')
  @Roles(Role.Editor)
  async editForm(@Param('id', ParseIdPipe) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    const dto = await this.activeDto(id);
    const drawer: AssetDrawerState = {
      mode: 'edit',
      open: true,
      assetId: id,
      ip: dto.ip_address,
      type: dto.type,
      projectId: dto.project_id === null ? '' : String(dto.project_id),
      hostId: dto.host_id === null ? '' : String(dto.host_id),
      hostName: await this.hostName(dto.host_id),
      notes: dto.notes ?? '',
      tags: dto.tags,
      errors: [],
      returnTo: `${LIST}/${id}`,
    };
    await this.renderDetail(req, res, id, { asset: drawer }, 200);
  }

  @Post(':id/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const asset = await this.activeDto(id);
    const returnTo = returnTarget(body, `${LIST}/${id}`);
    const form = await this.readAssetForm(body, false);
    form.ip = asset.ip_address;
    if (form.errors.length === 0) {
      try {
        await this.ipAssets.update(actor, asset.ip_address, { type: form.type!, project_id: form.projectId, host_id: form.hostId, notes: form.notes || null, tags: form.tags });
        this.flash.add(req, res, 'success', `Saved ${asset.ip_address}.`);
        res.redirect(303, returnTo);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        form.errors.push(UI_MESSAGES[error.message] ?? error.message);
      }
    }
    const drawer = { ...this.drawerFromForm('edit', form, returnTo), assetId: id, hostName: await this.hostName(form.hostId) };
    await this.renderFormError(req, res, returnTo, drawer, 400);
  }

  @Get(':id/delete')
  @Roles(Role.Editor)
  async deleteForm(@Param('id', ParseIdPipe) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.activeDto(id);
    await this.renderDetail(req, res, id, { deleteOpen: true }, 200);
  }

  @Post(':id/delete')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const asset = await this.activeDto(id);
    const returnTo = returnTarget(body, LIST);
    let error: string | null = null;
    if (!truthy(field(body, 'confirm_delete_ack'))) error = 'Confirm that this delete cannot be undone.';
    else if (isHighRiskAsset(asset) && field(body, 'confirm_ip').trim() !== asset.ip_address) error = 'Type the exact IP address to delete this high-risk asset.';
    if (!error) await this.ipAssets.remove(actor, asset.ip_address);
    const message = `Deleted ${asset.ip_address}.`;
    if (wantsJson(req)) {
      if (error) res.status(400).json({ error });
      else res.status(200).json({ message, asset_id: asset.id, ip_address: asset.ip_address });
      return;
    }
    res.redirect(303, withToastParam(returnTo, error ? 'delete-error' : 'delete-success', error ?? message));
  }

  @Post(':id/archive')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async archive(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    const asset = await this.activeDto(id);
    await this.ipAssets.archive(actor, asset.ip_address);
    res.redirect(303, LIST);
  }

  /** JSON for the drawer's "Create host" button (ui.md §6.6). */
  @Post(':id/auto-host')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async autoHost(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    try {
      const host = await this.ipAssets.assignAutoHost(actor, id);
      res.status(200).json({ host_id: host.id, host_name: host.name });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(error.status).json({ error: error.message });
    }
  }

  // ------------------------------------------------------------------ models

  private async activeDto(id: number): Promise<IpAssetDto> {
    return (await this.ipAssets.toDtos([await this.ipAssets.getActiveById(id)]))[0];
  }

  private async hostName(hostId: number | null | string): Promise<string> {
    const id = typeof hostId === 'string' ? optionalId(hostId) : hostId;
    if (typeof id !== 'number') return '';
    return (await this.hosts.namesIn(this.db.reader, [id])).get(id) ?? '';
  }

  private async catalogues(): Promise<{ projects: CatalogueEntry[]; tags: CatalogueEntry[]; projectMap: Map<number, CatalogueEntry>; tagColors: Map<string, string> }> {
    const [projects, tags] = await Promise.all([this.projects.catalogue(), this.tags.catalogue()]);
    return { projects, tags, projectMap: new Map(projects.map((p) => [p.id, p])), tagColors: new Map(tags.map((t) => [t.name, t.color])) };
  }

  /** The table card: rows, bulk bar and footer; also the whole HTMX partial. */
  private async listModel(query: IpAssetUiQuery, cat?: Awaited<ReturnType<IpAssetsUiController['catalogues']>>) {
    const { projectMap, tagColors } = cat ?? (await this.catalogues());
    const filters = toIpAssetFilters(query);
    let page = query.page;
    let result = await this.ipAssets.listPage(filters, { limit: query.perPage, offset: (page - 1) * query.perPage });
    const clamped = clampPage(page, result.total, query.perPage);
    if (clamped !== page) {
      page = clamped;
      result = await this.ipAssets.listPage(filters, { limit: query.perPage, offset: (page - 1) * query.perPage });
    }
    const hostIds = [...new Set(result.items.map((a) => a.host_id).filter((h): h is number => h !== null))];
    const hostNames = await this.hosts.namesIn(this.db.reader, hostIds);
    const rows = result.items.map((dto) => ipAssetRow(dto, projectMap, tagColors, hostNames));
    const pager = pageModel(LIST, ipAssetFilterPairs(query), page, query.perPage, result.total);
    const currentUrl = `${LIST}?${new URLSearchParams([['per-page', String(query.perPage)], ...ipAssetFilterPairs(query), ['page', String(page)]]).toString()}`;
    return { rows, pager, currentUrl, archivedView: query.archivedOnly, target: '#ip-table-container' };
  }

  private async renderListPage(req: Request, res: Response, query: IpAssetUiQuery, drawer: AssetDrawerState | null, status: number, toasts: Toast[] = []): Promise<void> {
    const cat = await this.catalogues();
    const model = await this.listModel(query, cat);
    const activeTags = (names: string[]) => tagChips(names, cat.tagColors);
    this.renderer.page(
      req,
      res,
      'pages/ip-assets/list',
      {
        ...model,
        query,
        projectOptions: options(cat.projects, query.projectId),
        typeOptions: ASSET_TYPES.map((t) => ({ value: t, selected: t === query.type })),
        tagGroups: { any: activeTags(query.tagAny), all: activeTags(query.tagAll), not: activeTags(query.tagNot) },
        tagCatalogue: cat.tags,
        tagCatalogueJson: JSON.stringify(cat.tags.map((t) => ({ name: t.name, color: t.color }))),
        drawers: this.drawerModel(cat, drawer),
      },
      { title: 'IP Assets', nav: 'ip-assets', status, toasts, scripts: SCRIPTS },
    );
  }

  private async renderDetail(req: Request, res: Response, id: number, open: { asset?: AssetDrawerState; deleteOpen?: boolean } | null, status: number): Promise<void> {
    const dto = await this.activeDto(id);
    const cat = await this.catalogues();
    const hostNames = await this.hosts.namesIn(this.db.reader, dto.host_id === null ? [] : [dto.host_id]);
    const row = ipAssetRow(dto, cat.projectMap, cat.tagColors, hostNames);
    const pairType = dto.type === IpAssetType.OS ? IpAssetType.BMC : dto.type === IpAssetType.BMC ? IpAssetType.OS : null;
    let pairs: Array<{ id: number; ip: string }> = [];
    if (pairType && dto.host_id !== null) {
      const linked = await this.ipAssets.listPage({ hostId: dto.host_id, types: [pairType] }, { limit: 100, offset: 0 });
      pairs = linked.items.map((a) => ({ id: a.id, ip: a.ip_address })).sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
    }
    const history = await this.audit.list({ target_type: 'IP_ASSET', target_id: id, limit: 200, offset: 0 } as AuditQueryDto);
    const auditRows = history.items.map((entry) => {
      const summary = auditSummary(entry.changes);
      const tone = entry.action === 'DELETE' ? 'danger' : entry.action === 'CREATE' ? 'success' : 'warning';
      return { date: entry.createdAt, user: entry.username ?? 'System', action: entry.action, tone, summary, raw: entry.changes ?? '', showRaw: (entry.changes ?? '') !== summary && !!entry.changes };
    });
    const drawer = open?.asset ?? null;
    this.renderer.page(
      req,
      res,
      'pages/ip-assets/detail',
      {
        asset: row,
        pairLabel: pairType === IpAssetType.BMC ? 'BMC address' : pairType === IpAssetType.OS ? 'OS address' : null,
        pairs,
        auditRows,
        detailUrl: `${LIST}/${id}`,
        tagCatalogueJson: JSON.stringify(cat.tags.map((t) => ({ name: t.name, color: t.color }))),
        drawers: { ...this.drawerModel(cat, drawer), deleteOpen: open?.deleteOpen === true },
      },
      { title: 'IP Detail', nav: 'ip-assets', status, scripts: SCRIPTS },
    );
  }

  /** A form error is shown inside the drawer, over the page the user came from (list state or detail page). */
  private async renderFormError(req: Request, res: Response, returnTo: string, drawer: AssetDrawerState, status: number): Promise<void> {
    const url = new URL(returnTo, 'http://local');
    const detail = /^\/ui\/ip-assets\/(\d+)$/.exec(url.pathname);
    if (detail && (await this.ipAssets.activeIdsIn([Number(detail[1])])).length > 0) {
      await this.renderDetail(req, res, Number(detail[1]), { asset: drawer }, status);
      return;
    }
    await this.renderListPage(req, res, parseIpAssetUiQuery(Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k)]))), drawer, status);
  }

  private emptyDrawer(returnTo: string): AssetDrawerState {
    return { mode: 'add', open: true, ip: '', type: IpAssetType.VM, projectId: '', hostId: '', hostName: '', notes: '', tags: [], errors: [], returnTo };
  }

  private drawerFromForm(mode: 'add' | 'edit', form: AssetForm, returnTo: string): AssetDrawerState {
    return {
      mode,
      open: true,
      ip: form.ip,
      type: form.type ?? '',
      projectId: form.projectId === null ? '' : String(form.projectId),
      hostId: form.hostId === null ? '' : String(form.hostId),
      hostName: '',
      notes: form.notes,
      tags: form.tags,
      errors: form.errors,
      returnTo,
    };
  }

  private drawerModel(cat: { projects: CatalogueEntry[]; tags: CatalogueEntry[] }, drawer: AssetDrawerState | null) {
    const state = drawer ?? { ...this.emptyDrawer(LIST), open: false };
    return {
      asset: state,
      projectOptions: options(cat.projects, state.projectId),
      projectName: cat.projects.find((p) => String(p.id) === state.projectId)?.name ?? 'Unassigned',
      typeOptions: ASSET_TYPES.map((t) => ({ value: t, label: t === IpAssetType.BMC ? 'BMC (iLO/iDRAC/IPMI)' : t, selected: t === state.type })),
      tagOptions: options(cat.tags, state.tags),
      bulkProjectOptions: options(cat.projects, []),
      bulkTagOptions: options(cat.tags, []),
      typeList: ASSET_TYPES,
      autoHostDefault: this.config.autoHostForBmc,
    };
  }

  /** Reads and checks the add/edit form; collects every message as ui.md §6.1 lists them. */
  private async readAssetForm(body: FormBody, withIp: boolean): Promise<AssetForm> {
    const errors: string[] = [];
    const ip = field(body, 'ip_address').trim();
    if (withIp && !ip) errors.push('IP address is required.');
    const type = normaliseAssetType(field(body, 'type'));
    if (!type) errors.push('Asset type is required.');
    const projectId = optionalId(field(body, 'project_id'));
    const hostId = optionalId(field(body, 'host_id'));
    const cat = await this.catalogues();
    if (projectId === undefined || (projectId !== null && !cat.projectMap.has(projectId))) errors.push('Selected project does not exist.');
    if (hostId === undefined || (hostId !== null && (await this.hostName(hostId)) === '')) errors.push('Selected host does not exist.');
    if (withIp && ip && !parseIp(ip)) errors.push('Invalid IP address.');
    const tags = [...new Set(fieldList(body, 'tags').map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
    if (tags.some((t) => !TAG_RE.test(t))) errors.push('Tag name may include letters, digits, dash, and underscore only.');
    else {
      const unknown = tags.filter((t) => !cat.tagColors.has(t));
      if (unknown.length > 0) errors.push(`Selected tags do not exist: ${unknown.join(', ')}.`);
    }
    // The host belongs only to OS and BMC addresses (the drawer hides the field for other types).
    const keepHost = type === IpAssetType.OS || type === IpAssetType.BMC;
    return { ip, type, projectId: projectId ?? null, hostId: keepHost ? (hostId ?? null) : null, notes: field(body, 'notes').trim(), tags, errors };
  }

  /** ui.md §6.5, first error wins; unknown ids are skipped silently. */
  private async applyBulk(actor: Actor, body: FormBody): Promise<{ error?: string; message?: string }> {
    const rawIds = fieldList(body, 'asset_ids');
    if (rawIds.some((v) => !isRowIdText(v.trim()))) return { error: 'Select valid IP assets.' };
    const ids = [...new Set(rawIds.map((v) => Number(v.trim())))];
    if (ids.length === 0) return { error: 'Select at least one IP asset.' };
    const typeText = field(body, 'type').trim();
    const type = typeText ? normaliseAssetType(typeText) : null;
    if (typeText && !type) return { error: 'Select a valid type.' };
    const projectText = field(body, 'project_id').trim();
    const cat = await this.catalogues();
    let projectId: number | null | undefined;
    if (projectText === 'unassigned') projectId = null;
    else if (projectText !== '') {
      if (!isRowIdText(projectText)) return { error: 'Select a valid project.' };
      if (!cat.projectMap.has(Number(projectText))) return { error: 'Selected project does not exist.' };
      projectId = Number(projectText);
    }
    const tagError = (names: string[]) => {
      if (names.some((t) => !TAG_RE.test(t))) return 'Tag name may include letters, digits, dash, and underscore only.';
      const unknown = names.filter((t) => !cat.tagColors.has(t));
      return unknown.length > 0 ? `Selected tags do not exist: ${unknown.join(', ')}.` : null;
    };
    const norm = (name: string) => [...new Set(fieldList(body, name).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
    const addTags = norm('tags');
    const removeTags = norm('remove_tags').filter((t) => !addTags.includes(t));
    const tagProblem = tagError(addTags) ?? tagError(removeTags);
    if (tagProblem) return { error: tagProblem };
    const notesMode = field(body, 'notes_mode').trim();
    const notes = field(body, 'notes').trim();
    if (notesMode === 'set' && !notes) return { error: 'Enter notes to overwrite, or choose clear notes.' };
    if (notesMode !== '' && notesMode !== 'set' && notesMode !== 'clear') return { error: 'Select a valid notes action.' };
    if (!type && projectId === undefined && !notesMode && addTags.length === 0 && removeTags.length === 0) return { error: 'Choose at least one bulk update action.' };

    const existing = await this.ipAssets.activeIdsIn(ids);
    if (existing.length > 0) {
      try {
        await this.ipAssets.bulkUpdate(actor, {
          ids: existing,
          ...(type ? { type } : {}),
          ...(projectId !== undefined ? { project_id: projectId } : {}),
          add_tags: addTags,
          remove_tags: removeTags,
          notes_action: notesMode === 'set' ? 'overwrite' : notesMode === 'clear' ? 'clear' : 'keep',
          notes: notesMode === 'set' ? notes : null,
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { error: UI_MESSAGES[error.message] ?? error.message };
      }
    }
    return { message: `Updated ${existing.length} IP ${existing.length === 1 ? 'asset' : 'assets'}.` };
  }
}
