import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import * as path from 'node:path';
import { Public } from '../common/decorators/access.decorator';

/** htmx is pinned by package-lock and served from node_modules, never from a CDN (decision UI6). */
const HTMX_FILE = path.dirname(require.resolve('htmx.org/package.json'));

@ApiExcludeController()
@Controller()
export class ShellUiController {
  /** `/` opens the management dashboard (issue 6: "Management dashboard `/ui/management` (and `/`)"). */
  @Get()
  @Public()
  root(@Res() res: Response): void {
    res.redirect(307, '/ui/management');
  }

  @Get('static/vendor/htmx.min.js')
  @Public()
  htmx(@Res() res: Response): void {
    res.type('application/javascript').sendFile(path.join(HTMX_FILE, 'dist', 'htmx.min.js'), { maxAge: '1d' });
  }
}
