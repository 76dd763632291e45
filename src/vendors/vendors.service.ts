import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { Host } from '../hosts/host.entity';
import { Database, isUniqueViolation } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import type { VendorWithCountDto } from './dto/vendor.dto';
import { Vendor } from './vendor.entity';

export interface VendorCatalogueEntry {
  id: number;
  name: string;
}

function vendorName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw invalid('Vendor name is required.');
  return name;
}

/** Vendors of hosts: trimmed unique names; every change is audited as target type VENDOR. */
@Injectable()
export class VendorsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Ordered by name, each with the count of active IP assets whose host has the vendor. */
  async list(): Promise<VendorWithCountDto[]> {
    const rows = await this.db.reader
      .createQueryBuilder()
      .select(['v.id AS id', 'v.name AS name', 'COUNT(a.id) AS ip_count'])
      .from('vendors', 'v')
      .leftJoin('hosts', 'h', 'h.vendor_id = v.id')
      .leftJoin('ip_assets', 'a', 'a.host_id = h.id AND a.archived = :archived', { archived: false })
      .groupBy('v.id')
      .addGroupBy('v.name')
      .orderBy('v.name', 'ASC')
      .getRawMany<{ id: number; name: string; ip_count: string | number }>();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, ip_count: Number(r.ip_count) }));
  }

  /** Id and name of every vendor by name, without the usage counts list() computes (select options). */
  async catalogue(): Promise<VendorCatalogueEntry[]> {
    const rows = await this.db.reader.find(Vendor, { select: { id: true, name: true }, order: { name: 'ASC' } });
    return rows.map((v) => ({ id: v.id, name: v.name }));
  }

  async get(id: number): Promise<Vendor> {
    const vendor = await this.db.reader.findOneBy(Vendor, { id });
    if (!vendor) throw notFound('Vendor not found.');
    return vendor;
  }

  findIn(em: EntityManager, id: number): Promise<Vendor | null> {
    return em.findOneBy(Vendor, { id });
  }

  findByNameIn(em: EntityManager, name: string): Promise<Vendor | null> {
    return em.findOneBy(Vendor, { name: name.trim() });
  }

  async create(actor: Actor | null, rawName: string): Promise<Vendor> {
    const name = vendorName(rawName);
    return this.db.transaction(async (em) => {
      const now = nowText();
      const vendor = em.create(Vendor, { name, createdAt: now, updatedAt: now });
      await this.saveUnique(em, vendor);
      await this.audit.record(em, actor, { targetType: 'VENDOR', targetId: vendor.id, targetLabel: vendor.name, action: 'CREATE', changes: 'Created vendor.' });
      return vendor;
    });
  }

  async rename(actor: Actor | null, id: number, rawName: string): Promise<Vendor> {
    const name = vendorName(rawName);
    return this.db.transaction(async (em) => {
      const vendor = await em.findOneBy(Vendor, { id });
      if (!vendor) throw notFound('Vendor not found.');
      if (vendor.name === name) return vendor;
      const before = vendor.name;
      Object.assign(vendor, { name, updatedAt: nowText() });
      await this.saveUnique(em, vendor);
      await this.audit.record(em, actor, { targetType: 'VENDOR', targetId: vendor.id, targetLabel: vendor.name, action: 'UPDATE', changes: `name: ${before} -> ${name}` });
      return vendor;
    });
  }

  /** Deletes the vendor; its hosts keep existing without a vendor, in the same transaction. */
  async remove(actor: Actor | null, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const vendor = await em.findOneBy(Vendor, { id });
      if (!vendor) throw notFound('Vendor not found.');
      const unlinked = await em.createQueryBuilder().update(Host).set({ vendorId: null, updatedAt: nowText() }).where('vendor_id = :id', { id }).execute();
      await em.delete(Vendor, { id });
      await this.audit.record(em, actor, {
        targetType: 'VENDOR',
        targetId: id,
        targetLabel: vendor.name,
        action: 'DELETE',
        changes: `Deleted vendor (unlinked from ${unlinked.affected ?? 0} hosts)`,
      });
    });
  }

  private async saveUnique(em: EntityManager, vendor: Vendor): Promise<void> {
    const clash = await em.findOneBy(Vendor, { name: vendor.name });
    if (clash && clash.id !== vendor.id) throw conflict('Vendor already exists.');
    try {
      await em.save(vendor);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Vendor already exists.');
      throw error;
    }
  }
}
