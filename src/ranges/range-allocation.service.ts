import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, DomainError, invalid } from '../common/errors/domain-error';
import { formatIp } from '../common/ip';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { Database } from '../infra/database/database';
import { IpAssetDto } from '../ip-assets/dto/ip-asset.dto';
import { IpAssetRangeQueries } from '../ip-assets/ip-asset-range.queries';
import { normaliseAssetType } from '../ip-assets/ip-asset-type';
import { IpAsset } from '../ip-assets/ip-asset.entity';
import { IpAssetsService } from '../ip-assets/ip-assets.service';
import { normaliseTagNames } from '../tags/tag-names';
import { AllocateDto } from './dto/allocate.dto';
import { freeCount, lowestFree } from './free-addresses';
import { usedAddressesIn } from './range-addresses.service';
import { storedCidr } from './range-utilisation';
import { RangesService } from './ranges.service';

// One key for every allocation: ranges may overlap (a /24 inside a /16), so a per-range lock would not stop
// two allocations from picking the same address.
const ALLOCATION_LOCK = 0x1b0c4e7;
// A plain POST /ip-assets can still take a chosen address between our read and our insert; try again then.
const ATTEMPTS = 3;

/**
 * Next-free allocation. The lowest free usable addresses are picked and created in one transaction, so a
 * failure creates nothing. Allocations never overlap: on SQLite the write queue serialises them, on
 * PostgreSQL a transaction-scoped advisory lock does, across app instances sharing the database.
 * An archived address counts as free; creating it restores the archived row (same id).
 *
 * Audit: every created asset gets the usual IP_ASSET CREATE (or restore UPDATE) row from the IP asset
 * service, plus one RANGE / ALLOCATE row listing the addresses handed out.
 */
@Injectable()
export class RangeAllocationService {
  constructor(
    private readonly db: Database,
    private readonly ranges: RangesService,
    private readonly queries: IpAssetRangeQueries,
    private readonly ipAssets: IpAssetsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async allocate(actor: Actor | null, rangeId: number, dto: AllocateDto): Promise<IpAssetDto[]> {
    const type = normaliseAssetType(dto.type);
    if (type === null) throw invalid('Invalid asset type. Use VM, OS, BMC (formerly IPMI/iLO), VIP, OTHER.');
    const tags = dto.tags == null ? null : normaliseTagNames(dto.tags);
    for (let attempt = 1; ; attempt++) {
      try {
        const assets = await this.db.transaction((em) => this.allocateIn(em, actor, rangeId, { ...dto, type, tags }));
        return this.ipAssets.toDtos(assets);
      } catch (error) {
        const lostRace = error instanceof DomainError && error.code === 'CONFLICT' && error.message === 'IP address already exists.';
        if (!lostRace || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async allocateIn(em: EntityManager, actor: Actor | null, rangeId: number, input: Omit<AllocateDto, 'type' | 'tags'> & { type: IpAsset['type']; tags: string[] | null }): Promise<IpAsset[]> {
    if (!this.db.isSqlite) await em.query('SELECT pg_advisory_xact_lock($1)', [ALLOCATION_LOCK]);
    const range = await this.ranges.get(rangeId, em);
    const cidr = storedCidr(range.cidr);
    const used = usedAddressesIn(this.queries, cidr, em);
    // usedCount 0 makes the search assume the block may be all free: counting a big block's used addresses on
    // every allocation costs more than the search itself, and is needed only for the refusal message.
    const addresses = await lowestFree(used, { first: cidr.usableFirst, last: cidr.usableLast, usedCount: 0 }, input.count);
    if (addresses.length < input.count) {
      const available = freeCount({ first: cidr.usableFirst, last: cidr.usableLast, usedCount: await used.count(cidr.usableFirst, cidr.usableLast) });
      throw conflict(`Range has only ${available} free addresses.`);
    }
    const created: IpAsset[] = [];
    for (const value of addresses) {
      created.push(
        await this.ipAssets.createInTransaction(
          em,
          actor,
          { ipAddress: formatIp(cidr.version, value), type: input.type, projectId: input.project_id ?? null, hostId: input.host_id ?? null, notes: input.notes ?? null, tags: input.tags },
          { autoHostForBmc: this.config.autoHostForBmc },
        ),
      );
    }
    await this.audit.record(em, actor, {
      targetType: 'RANGE',
      targetId: range.id,
      targetLabel: range.cidr,
      action: 'ALLOCATE',
      changes: `Allocated ${created.length} address${created.length === 1 ? '' : 'es'} (type=${input.type}): ${created.map((a) => a.ipAddress).join(', ')}`,
    });
    return created;
  }
}
