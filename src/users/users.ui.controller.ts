import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Role } from '../common/actor';
import { CookieWrite, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CsrfGuard } from '../ui/csrf';
import { FlashService } from '../ui/flash';
import { field, FormBody } from '../ui/ui-form';
import { UiExceptionFilter } from '../ui/ui-exception.filter';
import { UiRenderer } from '../ui/ui-renderer';
import { passwordProblems, usernameProblems } from './user-rules';
import type { User } from './user.entity';
import { UsersService } from './users.service';

const LIST = '/ui/users';
const ROLES = [Role.Viewer, Role.Editor, Role.Admin];
const LAST_ADMIN = 'The last active Admin cannot be deleted, demoted or deactivated.';

interface UserForm {
  username: string;
  role: Role;
  active: boolean;
  password: string;
}

interface DrawerState {
  open: boolean;
  errors: string[];
  id?: number;
  values?: UserForm;
  typed?: string;
}

/**
 * The role a form asks for: the `role` select, or the original's `can_edit=1` checkbox (Editor, else Viewer).
 * Unticked checkboxes are absent from the body, so `is_active` absent means inactive (ui.md §14).
 */
function readForm(body: FormBody, fallbackRole: Role): UserForm {
  const role = field(body, 'role');
  const canEdit = field(body, 'can_edit');
  return {
    username: field(body, 'username').trim(),
    role: (ROLES as string[]).includes(role) ? (role as Role) : canEdit ? (canEdit === '1' ? Role.Editor : Role.Viewer) : 'can_edit' in body ? Role.Viewer : fallbackRole,
    active: field(body, 'is_active') === '1',
    password: field(body, 'password'),
  };
}

function passwordErrors(password: string, required: boolean): string[] {
  return !password && !required ? [] : passwordProblems(password);
}

/**
 * User management (ui.md §14, Admin only): create, edit (role, active, password reset) and delete, through
 * UsersService, which keeps the last active Admin from being deleted, demoted or deactivated.
 */
@ApiExcludeController()
@Controller('ui/users')
@UseFilters(UiExceptionFilter)
export class UsersUiController {
  constructor(
    private readonly users: UsersService,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
  ) {}

  @Get()
  @Roles(Role.Admin)
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.render(req, res, 200, {});
  }

  @Post()
  @Roles(Role.Admin)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = readForm(body, Role.Viewer);
    const errors: string[] = [];
    errors.push(...usernameProblems(form.username));
    errors.push(...passwordErrors(form.password, true));
    let status = 400;
    if (errors.length === 0) {
      try {
        await this.users.create(actor, { username: form.username, password: form.password, role: form.role, is_active: form.active });
        this.flash.add(req, res, 'success', 'User created.');
        res.redirect(303, LIST);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.code === 'CONFLICT' ? 'Username already exists.' : error.message);
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    // The password is never sent back into the page.
    await this.render(req, res, status, { create: { open: true, errors, values: { ...form, password: '' } } });
  }

  @Post(':id/edit')
  @Roles(Role.Admin)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.users.get(id);
    const form = { ...readForm(body, user.role), username: user.username };
    const errors = passwordErrors(form.password, false);
    let status = 400;
    if (errors.length === 0) {
      try {
        await this.users.update(actor, id, { role: form.role, is_active: form.active, ...(form.password ? { password: form.password } : {}) });
        this.flash.add(req, res, 'success', 'User updated.');
        res.redirect(303, LIST);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.message === LAST_ADMIN ? (form.active ? 'Cannot demote the last active Admin.' : 'Cannot deactivate the last active Admin.') : error.message);
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.render(req, res, status, { edit: { open: true, errors, id, values: { ...form, password: '' } } });
  }

  @Post(':id/delete')
  @Roles(Role.Admin)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() body: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.users.get(id);
    const typed = field(body, 'confirm_username').trim();
    // Every applicable reason is shown at once (ui.md §14); the service enforces the same rules.
    const errors: string[] = [];
    if (typed !== user.username) errors.push('Username confirmation does not match.');
    if (user.id === actor.id) errors.push('You cannot delete your own account.');
    if (user.role === Role.Admin && user.isActive && (await this.users.list()).filter((u) => u.role === Role.Admin && u.isActive).length <= 1) {
      errors.push('Cannot delete the last active Admin.');
    }
    let status = 400;
    if (errors.length === 0) {
      try {
        await this.users.remove(actor, id);
        this.flash.add(req, res, 'success', 'User deleted.');
        res.redirect(303, LIST);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.message === LAST_ADMIN ? 'Cannot delete the last active Admin.' : error.message);
        status = error.code === 'CONFLICT' ? 409 : 400;
      }
    }
    await this.render(req, res, status, { delete: { open: true, errors, id, typed } });
  }

  private async render(req: Request, res: Response, status: number, drawers: { create?: DrawerState; edit?: DrawerState; delete?: DrawerState }): Promise<void> {
    const actor = (req as Request & { actor?: Actor }).actor;
    const users = await this.users.list();
    const activeAdmins = users.filter((u) => u.role === Role.Admin && u.isActive).length;
    const rows = users.map((u: User) => ({
      id: u.id,
      username: u.username,
      role: u.role,
      roleClass: u.role === Role.Admin ? 'danger' : u.role === Role.Editor ? 'success' : 'muted',
      active: u.isActive,
      self: actor?.id === u.id,
      lastAdmin: u.role === Role.Admin && u.isActive && activeAdmins <= 1,
      editValues: JSON.stringify({ role: u.role, is_active: u.isActive, password: '' }),
      summary: JSON.stringify({ username: u.username, role: u.role, status: u.isActive ? 'Active' : 'Inactive' }),
    }));
    const target = drawers.delete?.id !== undefined ? rows.find((r) => r.id === drawers.delete!.id) : undefined;
    const editTarget = drawers.edit?.id !== undefined ? rows.find((r) => r.id === drawers.edit!.id) : undefined;
    const defaults: UserForm = { username: '', role: Role.Editor, active: true, password: '' };
    const roleOptions = (selected: Role) => ROLES.map((value) => ({ value, selected: value === selected }));
    this.renderer.page(
      req,
      res,
      'pages/users',
      {
        rows,
        create: { open: false, errors: [], ...drawers.create, values: drawers.create?.values ?? defaults, roleOptions: roleOptions(drawers.create?.values?.role ?? Role.Editor) },
        edit: {
          open: false,
          errors: [],
          ...drawers.edit,
          username: editTarget?.username ?? '',
          values: drawers.edit?.values ?? defaults,
          roleOptions: roleOptions(drawers.edit?.values?.role ?? Role.Viewer),
        },
        del: {
          id: target?.id ?? '',
          name: target?.username ?? '',
          state: { open: drawers.delete?.open ?? false, typed: drawers.delete?.typed ?? '', errors: drawers.delete?.errors ?? [] },
          summary: [
            { label: 'Username', key: 'username', value: target?.username ?? '' },
            { label: 'Role', key: 'role', value: target?.role ?? '' },
            { label: 'Status', key: 'status', value: target ? (target.active ? 'Active' : 'Inactive') : '' },
          ],
        },
      },
      { title: 'Users', nav: 'users', status, scripts: ['/static/js/crud-drawers.js'] },
    );
  }
}
