import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { Database, isUniqueViolation } from '../infra/database/database';
import { containsClause } from '../infra/database/sql';
import { nowText } from '../infra/database/timestamps';
import { IpAssetHostLinks } from '../ip-assets/ip-asset-host-links';
import { byteOrder } from '../ip-assets/ip-asset-tag-links';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { Vendor } from '../vendors/vendor.entity';
import { VendorsService } from '../vendors/vendors.service';
import type { CreateHostDto, HostDetailDto, HostDto, HostListQueryDto, UpdateHostDto } from './dto/host.dto';
import { Host } from './host.entity';

const VENDOR_MISSING = 'Selected vendor does not exist.';

function hostName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw invalid('Host name is required.');
  return name;
}

/** Hosts: trimmed unique names, an optional vendor, and the refusal to delete a host that still has IPs (D5). */
@Injectable()
export class HostsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly vendors: VendorsService,
    @Inject(forwardRef(() => IpAssetHostLinks)) private readonly assetLinks: IpAssetHostLinks,
  ) {}

  /** Ordered by name (byte order), with vendor names; filtered and paginated in SQL when asked. */
  async list(query: HostListQueryDto = {}): Promise<{ items: HostDto[]; total: number }> {
    const qb = this.db.reader
      .createQueryBuilder()
      .select(['h.id AS id', 'h.name AS name', 'h.notes AS notes', 'v.name AS vendor'])
      .from('hosts', 'h')
      .leftJoin('vendors', 'v', 'v.id = h.vendor_id');
    if (query.q) {
      const [nameSql, nameParams] = containsClause('h.name', 'qName', query.q);
      const [notesSql, notesParams] = containsClause('h.notes', 'qNotes', query.q);
      qb.andWhere(`(${nameSql} OR ${notesSql})`, { ...nameParams, ...notesParams });
    }
    const paginated = query.limit !== undefined || query.offset !== undefined;
    const total = paginated ? await qb.getCount() : 0;
    qb.orderBy('h.name', 'ASC');
    if (paginated) qb.limit(query.limit ?? 100).offset(query.offset ?? 0);
    const rows = await qb.getRawMany<{ id: number; name: string; notes: string | null; vendor: string | null }>();
    const items = rows.map((r) => ({ id: Number(r.id), name: r.name, notes: r.notes, vendor: r.vendor ?? null }));
    return { items, total: paginated ? total : items.length };
  }

  async get(id: number): Promise<Host> {
    const host = await this.db.reader.findOneBy(Host, { id });
    if (!host) throw notFound('Host not found.');
    return host;
  }

  findIn(em: EntityManager, id: number): Promise<Host | null> {
    return em.findOneBy(Host, { id });
  }

  /** Names of these hosts, for audit labels. */
  async namesIn(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await em.createQueryBuilder(Host, 'h').select(['h.id', 'h.name']).where('h.id IN (:...ids)', { ids: [...new Set(ids)] }).getMany();
    return new Map(rows.map((h) => [h.id, h.name]));
  }

  async toDto(host: Host, em: EntityManager = this.db.reader): Promise<HostDto> {
    const vendor = host.vendorId === null ? null : await this.vendors.findIn(em, host.vendorId);
    return { id: host.id, name: host.name, notes: host.notes, vendor: vendor?.name ?? null };
  }

  /** The host with its active linked assets (numeric order, with tags and project), OS↔BMC pairs and tags. */
  async detail(id: number): Promise<HostDetailDto> {
    const em = this.db.reader;
    const host = await this.get(id);
    const linked = await this.assetLinks.linkedActive(em, host.id);
    const os = linked.filter((a) => a.type === IpAssetType.OS);
    const bmc = linked.filter((a) => a.type === IpAssetType.BMC);
    const other = linked.filter((a) => a.type !== IpAssetType.OS && a.type !== IpAssetType.BMC);
    const bmcIps = bmc.map((a) => a.ip_address);
    const pairs = os.length > 0 ? os.map((a) => ({ os: a.ip_address, bmc: bmcIps })) : bmcIps.length > 0 ? [{ os: null, bmc: bmcIps }] : [];
    const tags = [...new Set(linked.flatMap((a) => a.tags))].sort(byteOrder);
    return { ...(await this.toDto(host, em)), linked_assets: { os, bmc, other }, os_bmc_pairs: pairs, tags };
  }

  /**
   * The host with this exact name, created (no notes, no vendor) if missing. Insert-or-ignore then read, so two
   * concurrent transactions on PostgreSQL both end up with the one row instead of a unique violation.
   */
  async findOrCreateByName(em: EntityManager, name: string): Promise<Host> {
    const existing = await em.findOneBy(Host, { name });
    if (existing) return existing;
    const now = nowText();
    await em.createQueryBuilder().insert().into(Host).values({ name, notes: null, vendorId: null, createdAt: now, updatedAt: now }).orIgnore().updateEntity(false).execute();
    return em.findOneByOrFail(Host, { name });
  }

  async create(actor: Actor | null, dto: CreateHostDto): Promise<Host> {
    const name = hostName(dto.name);
    return this.db.transaction(async (em) => {
      const vendor = await this.resolveVendor(em, dto.vendor_id, dto.vendor);
      const now = nowText();
      const host = em.create(Host, { name, notes: dto.notes ?? null, vendorId: vendor?.id ?? null, createdAt: now, updatedAt: now });
      await this.saveUnique(em, host);
      await this.audit.record(em, actor, {
        targetType: 'HOST',
        targetId: host.id,
        targetLabel: host.name,
        action: 'CREATE',
        changes: `Created host (vendor=${vendor?.name ?? 'None'}, notes=${host.notes ?? ''})`,
      });
      return host;
    });
  }

  async update(actor: Actor | null, id: number, dto: UpdateHostDto): Promise<Host> {
    const name = dto.name === null || dto.name === undefined ? undefined : hostName(dto.name);
    return this.db.transaction(async (em) => {
      // The vendor check comes before the 404, as in the original.
      const clearVendor = dto.vendor_id == null && typeof dto.vendor === 'string' && dto.vendor.trim() === '';
      const vendor = clearVendor ? null : await this.resolveVendor(em, dto.vendor_id, dto.vendor);
      const host = await em.findOneBy(Host, { id });
      if (!host) throw notFound('Host not found.');
      const vendorId = clearVendor ? null : (vendor?.id ?? host.vendorId);
      const notes = dto.notes ?? host.notes;
      const changes: string[] = [];
      if (name !== undefined && name !== host.name) changes.push(`name: ${host.name} -> ${name}`);
      if (notes !== host.notes) changes.push(`notes: ${host.notes ?? ''} -> ${notes ?? ''}`);
      if (vendorId !== host.vendorId) {
        const before = host.vendorId === null ? null : await this.vendors.findIn(em, host.vendorId);
        changes.push(`vendor: ${before?.name ?? 'None'} -> ${vendor?.name ?? 'None'}`);
      }
      if (changes.length === 0) return host;
      Object.assign(host, { name: name ?? host.name, notes, vendorId, updatedAt: nowText() });
      await this.saveUnique(em, host);
      await this.audit.record(em, actor, { targetType: 'HOST', targetId: host.id, targetLabel: host.name, action: 'UPDATE', changes: changes.join('; ') });
      return host;
    });
  }

  /** Refused while active IP assets are linked (D5); archived ones still pointing here are unlinked. */
  async remove(actor: Actor | null, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const host = await em.findOneBy(Host, { id });
      if (!host) throw notFound('Host not found.');
      const linked = await this.assetLinks.countActive(em, id);
      if (linked > 0) {
        throw conflict(`Host has ${linked} linked IP ${linked === 1 ? 'asset' : 'assets'}; unlink or delete them first.`);
      }
      const detached = await this.assetLinks.detachArchived(em, id);
      await em.delete(Host, { id });
      await this.audit.record(em, actor, {
        targetType: 'HOST',
        targetId: id,
        targetLabel: host.name,
        action: 'DELETE',
        changes: detached > 0 ? `Deleted host (unlinked ${detached} archived IP assets)` : 'Deleted host.',
      });
    });
  }

  private async resolveVendor(em: EntityManager, vendorId: number | null | undefined, vendorName: string | null | undefined): Promise<Vendor | null> {
    if (vendorId !== null && vendorId !== undefined) {
      const vendor = await this.vendors.findIn(em, vendorId);
      if (!vendor) throw invalid(VENDOR_MISSING);
      return vendor;
    }
    if (typeof vendorName === 'string' && vendorName.trim() !== '') {
      const vendor = await this.vendors.findByNameIn(em, vendorName);
      if (!vendor) throw invalid(VENDOR_MISSING);
      return vendor;
    }
    return null;
  }

  private async saveUnique(em: EntityManager, host: Host): Promise<void> {
    const clash = await em.findOneBy(Host, { name: host.name });
    if (clash && clash.id !== host.id) throw conflict('Host already exists.');
    try {
      await em.save(host);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Host already exists.');
      throw error;
    }
  }
}
