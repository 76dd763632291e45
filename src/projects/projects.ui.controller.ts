import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomInt } from 'node:crypto';
import { Actor, Role } from '../common/actor';
import { CookieWrite, PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { DEFAULT_TAG_COLOR, normaliseTagName } from '../tags/tag-names';
import { TagsService } from '../tags/tags.service';
import { CsrfGuard } from '../ui/csrf';
import { FlashService } from '../ui/flash';
import { field, FormBody, queryId } from '../ui/ui-form';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { UiRenderer } from '../ui/ui-renderer';
import { VendorsService } from '../vendors/vendors.service';
import { DEFAULT_PROJECT_COLOR, ProjectsService } from './projects.service';

type Kind = 'project' | 'tag' | 'vendor';
type Tab = 'projects' | 'tags' | 'vendors';

const TAB_OF: Record<Kind, Tab> = { project: 'projects', tag: 'tags', vendor: 'vendors' };
const HOME: Record<Kind, string> = { project: '/ui/projects', tag: '/ui/projects?tab=tags', vendor: '/ui/projects?tab=vendors' };
const TITLE: Record<Tab, string> = { projects: 'Projects', tags: 'Tags', vendors: 'Vendors' };
const LABEL: Record<Kind, string> = { project: 'Project', tag: 'Tag', vendor: 'Vendor' };
const HEX = /^#[0-9a-fA-F]{6}$/;

interface Values {
  name: string;
  description: string;
  color: string;
}

interface DrawerState {
  open: boolean;
  errors: string[];
  id?: number;
  values?: Values;
  typed?: string;
}

interface Drawers {
  create?: DrawerState;
  edit?: DrawerState;
  delete?: DrawerState;
}

/** A random, readable tag colour (ui.md §10.3): hue 0–359, saturation 55–80 %, lightness 45–60 %. */
export function suggestTagColor(): string {
  const h = randomInt(360);
  const s = (55 + randomInt(26)) / 100;
  const l = (45 + randomInt(16)) / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function readValues(body: FormBody): Values {
  return { name: field(body, 'name').trim(), description: field(body, 'description'), color: field(body, 'color').trim() };
}

/** Field checks of ui.md §10, every message collected; the services check the same rules again. */
function formErrors(kind: Kind, v: Values): string[] {
  const errors: string[] = [];
  if (kind === 'tag') {
    if (!v.name) errors.push('Tag name is required.');
    else {
      try {
        normaliseTagName(v.name);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.message);
      }
    }
  } else if (!v.name) errors.push(`${LABEL[kind]} name is required.`);
  if (kind !== 'vendor' && v.color !== '' && !HEX.test(v.color)) errors.push(`${LABEL[kind]} color must be a valid hex color (example: #1a2b3c).`);
  return errors;
}

/** Duplicate names read "<Thing> name already exists." in the UI (ui.md §10). */
function uiMessage(kind: Kind, error: DomainError): string {
  return error.code === 'CONFLICT' ? `${LABEL[kind]} name already exists.` : error.message;
}

/**
 * The Library page (ui.md §10): projects, tags and vendors as tabs of one page, each with create / edit /
 * delete drawers. Every change goes through the domain service the REST API uses.
 */
@ApiExcludeController()
@Controller('ui')
@UseFilters(UiExceptionFilter)
export class LibraryUiController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly tags: TagsService,
    private readonly vendors: VendorsService,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
  ) {}

  @Get('projects')
  @PublicRead()
  async projectsPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tab = query.tab === 'tags' || query.tab === 'vendors' ? query.tab : 'projects';
    await this.show(req, res, tab, query);
  }

  @Get('tags')
  @PublicRead()
  async tagsPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.show(req, res, 'tags', query);
  }

  @Get('vendors')
  @PublicRead()
  async vendorsPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.show(req, res, 'vendors', query);
  }

  // --------------------------------------------------------------- legacy GET links → drawers

  @Get('projects/:id/edit')
  @Roles(Role.Viewer)
  projectEditLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    return this.drawerLink('project', id, 'edit', res);
  }

  @Get('projects/:id/delete')
  @Roles(Role.Viewer)
  projectDeleteLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    return this.drawerLink('project', id, 'delete', res);
  }

  @Get('tags/:id/edit')
  @Roles(Role.Viewer)
  tagEditLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    return this.drawerLink('tag', id, 'edit', res);
  }

  @Get('tags/:id/delete')
  @Roles(Role.Viewer)
  tagDeleteLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    return this.drawerLink('tag', id, 'delete', res);
  }

  @Get('vendors/:id/edit')
  @Roles(Role.Viewer)
  vendorEditLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    return this.drawerLink('vendor', id, 'edit', res);
  }

  @Get('vendors/:id/delete')
  @Roles(Role.Viewer)
  vendorDeleteLink(@Param('id', ParseIdPipe) id: number, @Res() res: Response): Promise<void> {
    return this.drawerLink('vendor', id, 'delete', res);
  }

  // --------------------------------------------------------------- projects

  @Post('projects')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  createProject(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.create('project', actor, body, req, res);
  }

  @Post('projects/:id/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  editProject(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.edit('project', actor, id, body, req, res);
  }

  @Post('projects/:id/delete')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  deleteProject(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.remove('project', actor, id, body, req, res);
  }

  // --------------------------------------------------------------- tags

  @Post('tags')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  createTag(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.create('tag', actor, body, req, res);
  }

  @Post('tags/:id/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  editTag(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.edit('tag', actor, id, body, req, res);
  }

  @Post('tags/:id/delete')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  deleteTag(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.remove('tag', actor, id, body, req, res);
  }

  // --------------------------------------------------------------- vendors

  @Post('vendors')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  createVendor(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.create('vendor', actor, body, req, res);
  }

  @Post('vendors/:id/edit')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  editVendor(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.edit('vendor', actor, id, body, req, res);
  }

  @Post('vendors/:id/delete')
  @Roles(Role.Editor)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  deleteVendor(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.remove('vendor', actor, id, body, req, res);
  }

  // --------------------------------------------------------------- shared flow

  private async create(kind: Kind, actor: Actor, body: FormBody, req: Request, res: Response): Promise<void> {
    const values = readValues(body);
    const errors = formErrors(kind, values);
    let status = 400;
    if (errors.length === 0) {
      try {
        if (kind === 'project') await this.projects.create(actor, { name: values.name, description: values.description.trim() || null, color: values.color || null });
        else if (kind === 'tag') await this.tags.create(actor, { name: values.name, color: values.color || null });
        else await this.vendors.create(actor, values.name);
        this.flash.add(req, res, 'success', `${LABEL[kind]} created.`);
        res.redirect(303, HOME[kind]);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(uiMessage(kind, error));
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.render(req, res, TAB_OF[kind], { create: { open: true, errors, values } }, status);
  }

  private async edit(kind: Kind, actor: Actor, id: number, body: FormBody, req: Request, res: Response): Promise<void> {
    await this.find(kind, id);
    const values = readValues(body);
    const errors = formErrors(kind, values);
    let status = 400;
    if (errors.length === 0) {
      try {
        // A blank colour means the default colour here (ui.md §10.2–10.3), not "unchanged" as in the API.
        if (kind === 'project') await this.projects.update(actor, id, { name: values.name, description: values.description.trim(), color: values.color || DEFAULT_PROJECT_COLOR });
        else if (kind === 'tag') await this.tags.update(actor, id, { name: values.name, color: values.color || DEFAULT_TAG_COLOR });
        else await this.vendors.rename(actor, id, values.name);
        this.flash.add(req, res, 'success', `${LABEL[kind]} updated.`);
        res.redirect(303, HOME[kind]);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(uiMessage(kind, error));
        status = error.code === 'CONFLICT' ? 409 : error.status === 404 ? 404 : 400;
      }
    }
    await this.render(req, res, TAB_OF[kind], { edit: { open: true, id, errors, values } }, status);
  }

  private async remove(kind: Kind, actor: Actor, id: number, body: FormBody, req: Request, res: Response): Promise<void> {
    const target = await this.find(kind, id);
    const typed = field(body, 'confirm_name').trim();
    if (typed !== target.name) {
      await this.render(req, res, TAB_OF[kind], { delete: { open: true, id, typed, errors: [`${LABEL[kind]} name confirmation does not match.`] } }, 400);
      return;
    }
    if (kind === 'project') await this.projects.remove(actor, id);
    else if (kind === 'tag') await this.tags.remove(actor, id);
    else await this.vendors.remove(actor, id);
    this.flash.add(req, res, 'success', `${LABEL[kind]} deleted.`);
    res.redirect(303, HOME[kind]);
  }

  /** The original's GET links (ui.md §2) open the drawer on the Library page. */
  private async drawerLink(kind: Kind, id: number, action: 'edit' | 'delete', res: Response): Promise<void> {
    await this.find(kind, id);
    res.redirect(303, `${HOME[kind]}${kind === 'project' ? '?' : '&'}${action}=${id}`);
  }

  private find(kind: Kind, id: number): Promise<{ id: number; name: string; description?: string | null; color?: string }> {
    return kind === 'project' ? this.projects.get(id) : kind === 'tag' ? this.tags.get(id) : this.vendors.get(id);
  }

  /** GET: `edit=<id>` / `delete=<id>` open that drawer (unknown id → 404, junk → 422). */
  private async show(req: Request, res: Response, tab: Tab, query: Record<string, unknown>): Promise<void> {
    const drawers: Drawers = {};
    const editId = queryId(query, 'edit');
    const deleteId = queryId(query, 'delete');
    const kind = (Object.keys(TAB_OF) as Kind[]).find((k) => TAB_OF[k] === tab)!;
    if (editId !== undefined) {
      const item = await this.find(kind, editId);
      drawers.edit = { open: true, id: editId, errors: [], values: { name: item.name, description: item.description ?? '', color: item.color ?? '' } };
    }
    if (deleteId !== undefined) {
      await this.find(kind, deleteId);
      drawers.delete = { open: true, id: deleteId, errors: [], typed: '' };
    }
    await this.render(req, res, tab, drawers, 200);
  }

  private async render(req: Request, res: Response, tab: Tab, drawers: Drawers, status: number): Promise<void> {
    const kind = (Object.keys(TAB_OF) as Kind[]).find((k) => TAB_OF[k] === tab)!;
    const rows = tab === 'projects' ? await this.projects.list() : tab === 'tags' ? await this.tags.list() : await this.vendors.list();
    const rowById = new Map<number, { id: number; name: string; description?: string | null; color?: string }>(rows.map((r) => [r.id, r]));
    // The edit/delete drawers show the stored object (the list has it, with its IP count).
    const stored = async (id?: number) => (id === undefined ? undefined : (rowById.get(id) ?? (await this.find(kind, id))));
    const editTarget = await stored(drawers.edit?.id);
    const deleteTarget = await stored(drawers.delete?.id);
    const defaults: Values = { name: '', description: '', color: kind === 'project' ? DEFAULT_PROJECT_COLOR : suggestTagColor() };
    this.renderer.page(
      req,
      res,
      'pages/library',
      {
        tab,
        tabs: { [tab]: true },
        kind,
        rows: rows.map((r) => ({
          ...r,
          editValues: JSON.stringify({ name: r.name, description: (r as { description?: string | null }).description ?? '', color: (r as { color?: string }).color ?? '' }),
          summary: JSON.stringify({ name: r.name, description: (r as { description?: string | null }).description ?? '', ips: r.ip_count }),
        })),
        create: { open: false, errors: [], ...drawers.create, values: drawers.create?.values ?? defaults },
        edit: { open: false, errors: [], ...drawers.edit, name: editTarget?.name ?? '', values: drawers.edit?.values ?? defaults },
        del: {
          state: { open: drawers.delete?.open ?? false, typed: drawers.delete?.typed ?? '', errors: drawers.delete?.errors ?? [] },
          id: drawers.delete?.id ?? '',
          name: deleteTarget?.name ?? '',
          summary: [
            { label: 'Name', key: 'name', value: deleteTarget?.name ?? '' },
            ...(kind === 'project' ? [{ label: 'Description', key: 'description', value: deleteTarget?.description ?? '' }] : []),
            { label: 'IPs', key: 'ips', value: String((deleteTarget as { ip_count?: number } | undefined)?.ip_count ?? '') },
          ],
        },
      },
      { title: TITLE[tab], nav: 'library', status, scripts: ['/static/js/crud-drawers.js'] },
    );
  }
}
