import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { Actor, Role } from '../common/actor';
import { CookieWrite, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import { UsersService } from '../users/users.service';
import { CsrfGuard } from './csrf';
import { FlashService } from './flash';
import { UiExceptionFilter } from './ui-exception.filter';
import { UiRenderer } from './ui-renderer';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The password-change errors of ui.md §3.3 that need no database, in the spec's order. */
export function passwordFormErrors(current: string, next: string, confirm: string): string[] {
  const errors: string[] = [];
  if (!current) errors.push('Current password is required.');
  if (!next) errors.push('New password is required.');
  if (!confirm) errors.push('Confirm new password is required.');
  if (next && confirm && next !== confirm) errors.push('New password and confirmation do not match.');
  if (current && next && current === next) errors.push('New password must be different from current password.');
  return errors;
}

@ApiExcludeController()
@Controller('ui/account')
@UseFilters(UiExceptionFilter)
export class AccountUiController {
  constructor(
    private readonly users: UsersService,
    private readonly renderer: UiRenderer,
    private readonly flash: FlashService,
  ) {}

  @Get('password')
  @Roles(Role.Viewer)
  page(@Req() req: Request, @Res() res: Response): void {
    this.renderer.page(req, res, 'pages/account-password', {}, { title: 'Change Password', nav: 'account' });
  }

  @Post('password')
  @Roles(Role.Viewer)
  @CookieWrite()
  @UseGuards(CsrfGuard)
  async change(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const current = text(body.current_password);
    const next = text(body.new_password);
    const errors = passwordFormErrors(current, next, text(body.confirm_new_password));
    // Checked even when other fields are wrong, so every applicable message shows at once.
    if (current && !(await this.users.verifyCredentials(actor.username, current))) errors.push('Current password is incorrect.');
    if (errors.length === 0) {
      try {
        await this.users.changeOwnPassword(actor, req.sessionId, current, next);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.message);
      }
    }
    if (errors.length > 0) {
      this.renderer.page(req, res, 'pages/account-password', { errors }, { title: 'Change Password', nav: 'account', status: 400 });
      return;
    }
    this.flash.add(req, res, 'success', 'Password changed successfully.');
    res.redirect(303, '/ui/account/password');
  }
}
