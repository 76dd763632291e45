import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { Database, isUniqueViolation } from '../infra/database/database';
import { containsClause } from '../infra/database/sql';
import { nowText } from '../infra/database/timestamps';
import { IpAssetHostLinks, LinkedAssetFilters, LinkedIpAsset } from '../ip-assets/ip-asset-host-links';
import { byteOrder } from '../ip-assets/ip-asset-tag-links';
import { IpAssetType } from '../ip-assets/ip-asset.entity';
import { Vendor } from '../vendors/vendor.entity';
import { VendorsService } from '../vendors/vendors.service';
import type { CreateHostDto, HostDetailDto, HostDto, HostListQueryDto, UpdateHostDto } from './dto/host.dto';
import { Host } from './host.entity';

const VENDOR_MISSING = 'Selected vendor does not exist.';

/** The hosts page filters (ui.md §8.1); the text and linked-asset ones look through the host's active assets. */
export interface HostPageFilters extends LinkedAssetFilters {
  /** Contained in the host's name, notes or vendor, or in a linked active asset's address, notes, project or tags. */
  q?: string;
  vendorId?: number;
  /** The "unassigned only" switch: same as projectId 'unassigned', combinable with it. */
  unassignedOnly?: boolean;
}

interface HostRow {
  id: number;
  name: string;
  notes: string | null;
  vendor: string | null;
}

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

  /** One page of the hosts page (ordered by name), each host with its linked assets; filtered and counted in SQL. */
  async listPage(filters: HostPageFilters, page: { limit: number; offset: number }): Promise<{ items: HostDetailDto[]; total: number }> {
    const em = this.db.reader;
    const qb = em
      .createQueryBuilder()
      .select(['h.id AS id', 'h.name AS name', 'h.notes AS notes', 'v.name AS vendor'])
      .from('hosts', 'h')
      .leftJoin('vendors', 'v', 'v.id = h.vendor_id');
    if (filters.q) {
      const [nameSql, nameParams] = containsClause('h.name', 'qName', filters.q);
      const [notesSql, notesParams] = containsClause('h.notes', 'qNotes', filters.q);
      const [vendorSql, vendorParams] = containsClause('v.name', 'qVendor', filters.q);
      const [linkedSql, linkedParams] = this.assetLinks.linkedTextClause('h', filters.q);
      qb.andWhere(`(${nameSql} OR ${notesSql} OR ${vendorSql} OR ${linkedSql})`, { ...nameParams, ...notesParams, ...vendorParams, ...linkedParams });
    }
    if (filters.vendorId !== undefined) qb.andWhere('h.vendor_id = :vendorId', { vendorId: filters.vendorId });
    this.assetLinks.applyLinkedFilters(qb, 'h', filters);
    if (filters.unassignedOnly && filters.projectId !== 'unassigned') this.assetLinks.applyLinkedFilters(qb, 'h', { projectId: 'unassigned' });
    const total = await qb.getCount();
    if (total === 0 || page.offset >= total) return { items: [], total };
    const rows = await qb.orderBy('h.name', 'ASC').limit(page.limit).offset(page.offset).getRawMany<HostRow>();
    const linked = await this.assetLinks.linkedActiveByHost(em, rows.map((r) => Number(r.id)));
    const items = rows.map((r) => {
      const id = Number(r.id);
      return this.withLinked({ id, name: r.name, notes: r.notes, vendor: r.vendor ?? null }, linked.get(id) ?? []);
    });
    return { items, total };
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
    return this.withLinked(await this.toDto(host, em), await this.assetLinks.linkedActive(em, host.id));
  }

  private withLinked(host: HostDto, linked: LinkedIpAsset[]): HostDetailDto {
    const os = linked.filter((a) => a.type === IpAssetType.OS);
    const bmc = linked.filter((a) => a.type === IpAssetType.BMC);
    const other = linked.filter((a) => a.type !== IpAssetType.OS && a.type !== IpAssetType.BMC);
    const bmcIps = bmc.map((a) => a.ip_address);
    const pairs = os.length > 0 ? os.map((a) => ({ os: a.ip_address, bmc: bmcIps })) : bmcIps.length > 0 ? [{ os: null, bmc: bmcIps }] : [];
    const tags = [...new Set(linked.flatMap((a) => a.tags))].sort(byteOrder);
    return { ...host, linked_assets: { os, bmc, other }, os_bmc_pairs: pairs, tags };
  }

  /**
   * The host with this exact name, created (no notes, no vendor) and audited as HOST/CREATE if missing (BMC
   * auto-host). The insert runs in a savepoint so that when a concurrent transaction on PostgreSQL creates the
   * same name first, its unique violation is rolled back alone and the winner's row is returned.
   */
  async findOrCreateByName(em: EntityManager, name: string, actor: Actor | null): Promise<Host> {
    const existing = await em.findOneBy(Host, { name });
    if (existing) return existing;
    const now = nowText();
    let host: Host;
    try {
      host = await em.transaction((savepoint) => savepoint.save(savepoint.create(Host, { name, notes: null, vendorId: null, createdAt: now, updatedAt: now })));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return em.findOneByOrFail(Host, { name });
    }
    await this.audit.record(em, actor, { targetType: 'HOST', targetId: host.id, targetLabel: host.name, action: 'CREATE', changes: 'Created host (vendor=None, notes=)' });
    return host;
  }

  create(actor: Actor | null, dto: CreateHostDto): Promise<Host> {
    return this.db.transaction((em) => this.createInTransaction(em, actor, dto));
  }

  /** create() inside the caller's transaction (a host created together with its addresses). */
  async createInTransaction(em: EntityManager, actor: Actor | null, dto: CreateHostDto): Promise<Host> {
    const name = hostName(dto.name);
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
  }

  update(actor: Actor | null, id: number, dto: UpdateHostDto): Promise<Host> {
    return this.db.transaction((em) => this.updateInTransaction(em, actor, id, dto));
  }

  /** update() inside the caller's transaction; a no-op writes nothing (U2). */
  async updateInTransaction(em: EntityManager, actor: Actor | null, id: number, dto: UpdateHostDto): Promise<Host> {
    const name = dto.name === null || dto.name === undefined ? undefined : hostName(dto.name);
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
