import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '../common/actor';
import { Roles } from '../common/decorators/access.decorator';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditLogDto, toAuditLogDto } from './dto/audit-log.dto';

@ApiTags('audit')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Viewer)
  @ApiOkResponse({ type: [AuditLogDto], headers: { 'X-Total-Count': { description: 'Rows matching the filters' } } })
  async list(@Query() query: AuditQueryDto, @Res({ passthrough: true }) res: Response): Promise<AuditLogDto[]> {
    // A date-only `until` means "until the end of that day".
    const until = query.until && query.until.length === 10 ? `${query.until} 23:59:59` : query.until;
    const { items, total } = await this.audit.list({ ...query, until });
    res.setHeader('X-Total-Count', String(total));
    return items.map(toAuditLogDto);
  }
}
