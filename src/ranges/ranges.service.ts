import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { Cidr, InvalidCidrError, parseCidr } from '../common/ip';
import { Database, isUniqueViolation } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import { IpAssetRangeQueries } from '../ip-assets/ip-asset-range.queries';
import { CreateRangeDto, UpdateRangeDto } from './dto/range.dto';
import { IpRange } from './ip-range.entity';
import { RangeUtilisation, storedCidr, usableWindow, utilisation } from './range-utilisation';

export interface RangeWithUtilisation {
  range: IpRange;
  utilisation: RangeUtilisation;
}

const RANGE_NOT_FOUND = 'IP range not found.';

/** IPv4 and IPv6 ranges (decision D2): CRUD, audited, with utilisation counted in SQL. */
@Injectable()
export class RangesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly assets: IpAssetRangeQueries,
  ) {}

  /** Ordered by name, then id (names need not be unique). */
  async list(): Promise<RangeWithUtilisation[]> {
    const ranges = await this.db.reader.getRepository(IpRange).createQueryBuilder('r').orderBy('r.name', 'ASC').addOrderBy('r.id', 'ASC').getMany();
    const cidrs = ranges.map((r) => storedCidr(r.cidr));
    const used = await this.assets.countActiveMany(cidrs.map(usableWindow));
    return ranges.map((range, i) => ({ range, utilisation: utilisation(cidrs[i], used[i]) }));
  }

  async get(id: number, em: EntityManager = this.db.reader): Promise<IpRange> {
    const range = await em.findOneBy(IpRange, { id });
    if (!range) throw notFound(RANGE_NOT_FOUND);
    return range;
  }

  async getWithUtilisation(id: number): Promise<RangeWithUtilisation> {
    const range = await this.get(id);
    return { range, utilisation: await this.utilisationOf(range) };
  }

  async utilisationOf(range: IpRange): Promise<RangeUtilisation> {
    const cidr = storedCidr(range.cidr);
    return utilisation(cidr, await this.assets.countActive(usableWindow(cidr)));
  }

  async create(actor: Actor | null, dto: CreateRangeDto): Promise<IpRange> {
    const name = requiredName(dto.name);
    const cidr = cidrFromInput(dto.cidr);
    return this.db.transaction(async (em) => {
      const now = nowText();
      const range = em.create(IpRange, { name, cidr: cidr.canonical, firstKey: cidr.firstKey, lastKey: cidr.lastKey, notes: dto.notes ?? null, createdAt: now, updatedAt: now });
      await saveUnique(em, range);
      await this.audit.record(em, actor, {
        targetType: 'RANGE',
        targetId: range.id,
        targetLabel: range.cidr,
        action: 'CREATE',
        changes: `Created range (name=${range.name}, cidr=${range.cidr}, notes=${range.notes ?? ''})`,
      });
      return range;
    });
  }

  async update(actor: Actor | null, id: number, dto: UpdateRangeDto): Promise<IpRange> {
    const name = dto.name === undefined ? undefined : requiredName(dto.name);
    const cidr = dto.cidr === undefined ? undefined : cidrFromInput(dto.cidr);
    return this.db.transaction(async (em) => {
      const range = await this.get(id, em);
      const changes: string[] = [];
      if (name !== undefined && name !== range.name) {
        changes.push(`name: ${range.name} -> ${name}`);
        range.name = name;
      }
      if (cidr !== undefined && cidr.canonical !== range.cidr) {
        changes.push(`cidr: ${range.cidr} -> ${cidr.canonical}`);
        Object.assign(range, { cidr: cidr.canonical, firstKey: cidr.firstKey, lastKey: cidr.lastKey });
      }
      // Empty and null notes are the same value (decision D4).
      if (dto.notes !== undefined && (dto.notes || null) !== (range.notes || null)) {
        changes.push(`notes: ${range.notes ?? ''} -> ${dto.notes ?? ''}`);
        range.notes = dto.notes;
      }
      if (changes.length === 0) return range;
      range.updatedAt = nowText();
      await saveUnique(em, range);
      await this.audit.record(em, actor, { targetType: 'RANGE', targetId: range.id, targetLabel: range.cidr, action: 'UPDATE', changes: changes.join('; ') });
      return range;
    });
  }

  /** Removes the range only; the assets inside it stay. */
  async remove(actor: Actor | null, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const range = await this.get(id, em);
      await em.delete(IpRange, { id: range.id });
      await this.audit.record(em, actor, { targetType: 'RANGE', targetId: range.id, targetLabel: range.cidr, action: 'DELETE', changes: `Deleted range (name=${range.name}, cidr=${range.cidr})` });
    });
  }
}

function requiredName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw invalid('Range name is required.');
  return name;
}

/** Network address plus prefix, IPv4 or IPv6; host bits set is refused with the likely intended network. */
export function cidrFromInput(raw: string): Cidr {
  const text = raw.trim();
  if (text === '') throw invalid('CIDR is required.');
  try {
    return parseCidr(text);
  } catch (error) {
    if (error instanceof InvalidCidrError) throw invalid(error.message);
    throw error;
  }
}

async function saveUnique(em: EntityManager, range: IpRange): Promise<void> {
  try {
    await em.save(range);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Range already exists.');
    throw error;
  }
}
