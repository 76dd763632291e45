import { Controller, HttpCode, Post, Query, Req, Res, UnprocessableEntityException, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiPayloadTooLargeResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, Role, roleAtLeast } from '../common/actor';
import { Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { badRequest, forbidden } from '../common/errors/domain-error';
import { ImportResultDto, NmapResultDto } from './dto/import-result.dto';
import { ImportInput, ImportOutcome } from './import-pipeline';
import { planWindow, queryBool } from './import-query';
import { ImportsService } from './imports.service';
import { UploadedFiles, UploadInterceptor } from './upload.interceptor';

type UploadRequest = Request & { uploads?: UploadedFiles };

const missingFile = (field: string) =>
  new UnprocessableEntityException({ detail: [{ type: 'missing', loc: ['body', field], msg: 'Field required', input: null }] });

const multipart = (fields: Record<string, string>) => ({
  schema: { type: 'object', properties: Object.fromEntries(Object.entries(fields).map(([name, description]) => [name, { type: 'string', format: 'binary', description }])) },
});

const DRY_RUN = { name: 'dry_run', required: false, type: Boolean, description: 'true = only report what would change (any user); absent/false = apply (Editor)' };
const PLAN_OFFSET = { name: 'plan_offset', required: false, type: Number, description: 'first record of the per-record diff to return' };
const PLAN_LIMIT = { name: 'plan_limit', required: false, type: Number, description: 'records of the diff to return (default 1000, max 10000)' };

/** Import result body; a file that could not be read at all answers 4xx with the same body plus `detail`. */
function send(res: Response, outcome: ImportOutcome, body: object): object {
  if (outcome.rejected) {
    res.status(outcome.rejected.status);
    return { detail: outcome.rejected.detail, ...body };
  }
  return body;
}

@ApiTags('import')
@Controller('import')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Query validation runs first; the apply role is checked after the files, so a Viewer without a file gets 422 (B.1). */
  private mode(query: Record<string, unknown>, actor: Actor | null) {
    const dryRun = queryBool(query, 'dry_run', false);
    const window = planWindow(query);
    const checkRole = () => {
      if (!dryRun && (!actor || !roleAtLeast(actor.role, Role.Editor))) throw forbidden();
    };
    return { dryRun, window, checkRole };
  }

  @Post('bundle')
  @HttpCode(200)
  @Roles(Role.Viewer)
  @UseInterceptors(UploadInterceptor(['file']))
  @ApiConsumes('multipart/form-data')
  @ApiBody(multipart({ file: 'bundle.json as exported by ipocket (schema_version "1")' }))
  @ApiQuery(DRY_RUN)
  @ApiQuery(PLAN_OFFSET)
  @ApiQuery(PLAN_LIMIT)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiPayloadTooLargeResponse({ description: 'A file is larger than IPOCKET_IMPORT_MAX_BYTES' })
  async bundle(@Req() req: UploadRequest, @Res({ passthrough: true }) res: Response, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor | null) {
    const { dryRun, window, checkRole } = this.mode(query, actor);
    const file = req.uploads?.file;
    if (!file) throw missingFile('file');
    checkRole();
    return this.run(res, { kind: 'bundle', bytes: file }, dryRun, window, actor, { label: 'api_import_bundle', input: 'bundle.json' });
  }

  @Post('csv')
  @HttpCode(200)
  @Roles(Role.Viewer)
  @UseInterceptors(UploadInterceptor(['hosts', 'ip_assets']))
  @ApiConsumes('multipart/form-data')
  @ApiBody(multipart({ hosts: 'hosts.csv (name,notes,vendor_name[,project_name,os_ip,bmc_ip])', ip_assets: 'ip-assets.csv (ip_address,type,project_name,host_name,notes,archived[,tags])' }))
  @ApiQuery(DRY_RUN)
  @ApiQuery(PLAN_OFFSET)
  @ApiQuery(PLAN_LIMIT)
  @ApiOkResponse({ type: ImportResultDto })
  @ApiPayloadTooLargeResponse({ description: 'A file is larger than IPOCKET_IMPORT_MAX_BYTES' })
  async csv(@Req() req: UploadRequest, @Res({ passthrough: true }) res: Response, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor | null) {
    const { dryRun, window, checkRole } = this.mode(query, actor);
    // Empty files are dropped, as if they had not been sent.
    const hosts = req.uploads?.hosts?.length ? req.uploads.hosts : undefined;
    const ipAssets = req.uploads?.ip_assets?.length ? req.uploads.ip_assets : undefined;
    if (!hosts && !ipAssets) throw badRequest('CSV import requires at least one file.');
    checkRole();
    return this.run(res, { kind: 'csv', hosts, ipAssets }, dryRun, window, actor, { label: 'api_import_csv', input: 'csv' });
  }

  @Post('nmap')
  @HttpCode(200)
  @Roles(Role.Viewer)
  @UseInterceptors(UploadInterceptor(['file']))
  @ApiConsumes('multipart/form-data')
  @ApiBody(multipart({ file: 'Nmap XML output (nmap -sn -oX scan.xml <CIDR>)' }))
  @ApiQuery(DRY_RUN)
  @ApiQuery(PLAN_OFFSET)
  @ApiQuery(PLAN_LIMIT)
  @ApiOkResponse({ type: NmapResultDto })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than IPOCKET_IMPORT_MAX_BYTES' })
  async nmap(@Req() req: UploadRequest, @Res({ passthrough: true }) res: Response, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor | null) {
    const { dryRun, window, checkRole } = this.mode(query, actor);
    const file = req.uploads?.file;
    if (!file) throw missingFile('file');
    if (file.length === 0) throw badRequest('Nmap XML file is empty.');
    checkRole();
    const outcome = await this.imports.run({ input: { kind: 'nmap', bytes: file }, dryRun, actor, planWindow: window });
    const nmap = outcome.nmap!;
    return send(res, outcome, { ...nmap, new_assets: dryRun ? [] : nmap.new_assets, summary: outcome.summary, plan: outcome.plan });
  }

  private async run(res: Response, input: ImportInput, dryRun: boolean, window: ReturnType<typeof planWindow>, actor: Actor | null, source: { label: string; input: string }) {
    const outcome = await this.imports.run({ input, dryRun, actor, source, planWindow: window });
    return send(res, outcome, { summary: outcome.summary, errors: outcome.errors, warnings: outcome.warnings, plan: outcome.plan });
  }
}
