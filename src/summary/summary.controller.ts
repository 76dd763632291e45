import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PublicRead } from '../common/decorators/access.decorator';
import { SummaryDto } from './summary.dto';
import { SummaryService } from './summary.service';

@ApiTags('summary')
@Controller('summary')
export class SummaryController {
  constructor(private readonly summaries: SummaryService) {}

  @Get()
  @PublicRead()
  @ApiOkResponse({ type: SummaryDto, description: 'Active/archived IP counts, hosts, vendors, projects and per-range utilisation.' })
  summary(): Promise<SummaryDto> {
    return this.summaries.summary();
  }
}
