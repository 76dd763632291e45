import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, Role } from '../common/actor';
import { BuildInfoService } from '../health/build-info';
import { CsrfService } from './csrf';
import { FlashService, Toast } from './flash';

export type NavKey = 'management' | 'ip-assets' | 'hosts' | 'ranges' | 'library' | 'connectors' | 'audit-log' | 'import' | 'users' | 'account' | 'about';

export interface PageOptions {
  /** Page title after `ipocket - `. */
  title: string;
  nav?: NavKey;
  status?: number;
  /** Page-specific toasts, shown after the flash messages (ui.md §1.3). */
  toasts?: Toast[];
  /** Extra scripts under /static, loaded deferred after the shared ones. */
  scripts?: string[];
  /** Login page: no sidebar. */
  bare?: boolean;
}

type UiRequest = Request & { actor?: Actor };

/** HTMX marks its requests with this header; only three list routes answer them with a partial (ui.md §1.6). */
export function isHtmx(req: Request): boolean {
  return req.headers['hx-request'] === 'true';
}

/**
 * Renders pages inside the shared layout (sidebar, account actions, build footer, toasts) and HTMX partials
 * without it. Templates are compiled once and cached.
 */
@Injectable()
export class UiRenderer {
  constructor(
    private readonly csrf: CsrfService,
    private readonly flash: FlashService,
    private readonly build: BuildInfoService,
  ) {}

  page(req: Request, res: Response, view: string, data: Record<string, unknown>, options: PageOptions): void {
    const actor = (req as UiRequest).actor ?? null;
    const toasts = [...this.flash.consume(req, res), ...(options.toasts ?? [])];
    const build = this.build.info;
    res.status(options.status ?? 200).render(view, {
      ...data,
      cache: true,
      layout: options.bare ? 'layouts/bare' : 'layouts/main',
      pageTitle: `ipocket - ${options.title}`,
      nav: options.nav ? { [options.nav]: true } : {},
      actor,
      isAdmin: actor?.role === Role.Admin,
      canEdit: actor ? actor.role !== Role.Viewer : false,
      build: { version: build.version, commit: build.commit === 'unknown' ? 'unknown' : build.commit.slice(0, 7), buildTime: build.build_time },
      csrfToken: this.csrf.tokenFor(req, res),
      toasts,
      scripts: options.scripts ?? [],
    });
  }

  /** A fragment for an HTMX swap: no layout, and flash messages stay for the next full page. */
  partial(req: Request, res: Response, view: string, data: Record<string, unknown>, status = 200): void {
    const actor = (req as UiRequest).actor ?? null;
    res.status(status).render(view, { ...data, cache: true, layout: false, actor, canEdit: actor ? actor.role !== Role.Viewer : false, csrfToken: this.csrf.tokenFor(req, res) });
  }
}
