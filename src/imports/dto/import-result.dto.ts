import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EntityCountsDto {
  @ApiProperty({ example: 1 }) would_create: number;
  @ApiProperty({ example: 0 }) would_update: number;
  @ApiProperty({ example: 0 }) would_skip: number;
}

export class ImportSummaryDto {
  @ApiProperty({ type: EntityCountsDto }) vendors: EntityCountsDto;
  @ApiProperty({ type: EntityCountsDto }) projects: EntityCountsDto;
  @ApiProperty({ type: EntityCountsDto }) hosts: EntityCountsDto;
  @ApiProperty({ type: EntityCountsDto }) ip_assets: EntityCountsDto;
  @ApiProperty({ type: EntityCountsDto }) total: EntityCountsDto;
}

export class ImportIssueDto {
  @ApiProperty({ example: 'data.ip_assets[0].type' }) location: string;
  @ApiProperty({ example: 'Invalid asset type. Use OS, BMC, VM, VIP, OTHER.' }) message: string;
  @ApiProperty({ enum: ['error', 'warning'] }) level: string;
}

export class PlanRecordDto {
  @ApiProperty({ example: '10.0.0.5' }) ip_address: string;
  @ApiProperty({ enum: ['CREATE', 'UPDATE', 'SKIP'] }) action: string;
  @ApiProperty({ description: 'field → [old, new]', example: { project: ['core', 'edge'], tags: [['a'], ['a', 'b']] } }) changes: Record<string, unknown>;
}

export class ImportPlanDto {
  @ApiProperty({ type: [PlanRecordDto] }) records: PlanRecordDto[];
  @ApiProperty({ description: 'Records in the whole plan' }) total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
  @ApiProperty({ description: 'True when records holds fewer than total (use plan_offset / plan_limit to page)' }) truncated: boolean;
}

export class ImportResultDto {
  @ApiPropertyOptional({ description: 'Only when the file could not be read at all (4xx)' }) detail?: string;
  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;
  @ApiProperty({ type: [ImportIssueDto] }) errors: ImportIssueDto[];
  @ApiProperty({ type: [ImportIssueDto] }) warnings: ImportIssueDto[];
  @ApiProperty({ type: ImportPlanDto }) plan: ImportPlanDto;
}

export class NmapAssetDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '192.168.1.10' }) ip_address: string;
}

export class NmapResultDto {
  @ApiPropertyOptional() detail?: string;
  @ApiProperty() discovered_up_hosts: number;
  @ApiProperty() new_ips_created: number;
  @ApiProperty() existing_ips_seen: number;
  @ApiProperty({ type: [String] }) errors: string[];
  @ApiProperty({ type: [NmapAssetDto], description: 'Apply only' }) new_assets: NmapAssetDto[];
  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;
  @ApiProperty({ type: ImportPlanDto }) plan: ImportPlanDto;
}
