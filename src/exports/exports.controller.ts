import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Role } from '../common/actor';
import { Roles } from '../common/decorators/access.decorator';
import { notFound } from '../common/errors/domain-error';
import { parseExportFilters } from './export-filters';
import { ExportEntity, ExportFormat, ExportsService } from './exports.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json', zip: 'application/zip' } as const;
const ENTITIES: readonly string[] = ['ip-assets', 'hosts', 'vendors', 'projects'];

const FILTER_DOCS = [
  { name: 'include_archived', required: false, type: Boolean, description: 'IP assets: include archived rows (default false)' },
  { name: 'type', required: false, type: String, description: 'IP assets: VM, OS, BMC (IPMI_ILO/IPMI_iLO), VIP, OTHER' },
  { name: 'project', required: false, type: String, description: 'exact project name (IP assets and projects)' },
  { name: 'host', required: false, type: String, description: 'exact host name (IP assets and hosts)' },
];
const documentFilters = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const doc of FILTER_DOCS) ApiQuery(doc)(target, key, descriptor);
};

/** A client that goes away mid-download is not an error worth a log line. */
async function stream(res: Response, file: string, contentType: string, body: Readable): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
  try {
    await pipeline(body, res);
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy();
  }
}

/** The ten export downloads (import-export.md Part A); cookie or bearer token, any role (decision A3). */
@ApiTags('export')
@Controller('export')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('bundle.json')
  @Roles(Role.Viewer)
  @ApiProduces('application/json')
  @documentFilters()
  @ApiOkResponse({ description: 'bundle.json: {"app","schema_version":"1","exported_at","data":{vendors,projects,hosts,ip_assets}}' })
  async bundleJson(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filters = parseExportFilters(query);
    await stream(res, 'bundle.json', CONTENT_TYPES.json, Readable.from(this.exports.bundle(filters)));
  }

  @Get('bundle.zip')
  @Roles(Role.Viewer)
  @ApiProduces('application/zip')
  @documentFilters()
  @ApiOkResponse({ description: 'ZIP with bundle.json, ip-assets.csv, projects.csv, hosts.csv, vendors.csv' })
  async bundleZip(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filters = parseExportFilters(query);
    await stream(res, 'bundle.zip', CONTENT_TYPES.zip, this.exports.bundleZip(filters));
  }

  @Get(':file')
  @Roles(Role.Viewer)
  @ApiParam({ name: 'file', enum: ENTITIES.flatMap((e) => [`${e}.csv`, `${e}.json`]) })
  @ApiProduces('text/csv', 'application/json')
  @documentFilters()
  @ApiOkResponse({ description: 'CSV (CRLF, header always present) or JSON array of the entity' })
  async entity(@Param('file') file: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const match = /^([a-z-]+)\.(csv|json)$/.exec(file);
    if (!match || !ENTITIES.includes(match[1])) throw notFound();
    const filters = parseExportFilters(query, { ipAssets: match[1] === 'ip-assets' });
    const format = match[2] as ExportFormat;
    await stream(res, file, CONTENT_TYPES[format], Readable.from(this.exports.entity(match[1] as ExportEntity, format, filters)));
  }
}
