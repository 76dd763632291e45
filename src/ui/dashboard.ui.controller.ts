import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { BuildInfoService } from '../health/build-info';
import { SummaryService } from '../summary/summary.service';
import { UiExceptionFilter } from './ui-exception.filter';
import { UiRenderer } from './ui-renderer';

@ApiExcludeController()
@Controller('ui')
@UseFilters(UiExceptionFilter)
export class DashboardUiController {
  constructor(
    private readonly summary: SummaryService,
    private readonly build: BuildInfoService,
    private readonly renderer: UiRenderer,
  ) {}

  @Get('management')
  @PublicRead()
  async management(@Req() req: Request, @Res() res: Response): Promise<void> {
    const summary = await this.summary.summary();
    const stats = [
      { testid: 'stat-active-ips', label: 'Active IPs', value: summary.ip_assets.active, href: '/ui/ip-assets', help: 'Assigned and unassigned, not archived' },
      { testid: 'stat-archived-ips', label: 'Archived IPs', value: summary.ip_assets.archived, href: '/ui/ip-assets?archived-only=true', help: 'Soft-deleted, restorable' },
      { testid: 'stat-hosts', label: 'Hosts', value: summary.hosts, href: '/ui/hosts', help: 'Servers with OS / BMC addresses' },
      { testid: 'stat-vendors', label: 'Vendors', value: summary.vendors, href: '/ui/vendors', help: 'Hardware makers in the library' },
      { testid: 'stat-projects', label: 'Projects', value: summary.projects, href: '/ui/projects', help: 'Groups that own addresses' },
    ];
    this.renderer.page(req, res, 'pages/management', { stats, ranges: summary.ranges }, { title: 'Management Overview', nav: 'management' });
  }

  @Get('about')
  @Roles(Role.Viewer)
  about(@Req() req: Request, @Res() res: Response): void {
    this.renderer.page(req, res, 'pages/about', { info: this.build.info }, { title: 'About', nav: 'about' });
  }
}
