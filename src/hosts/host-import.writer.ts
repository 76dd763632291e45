import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows, selectIn, updateRows } from '../infra/database/bulk-sql';

export interface HostImportState {
  id: number;
  name: string;
  notes: string | null;
  vendorName: string | null;
}

/** Bulk reads and writes of `hosts` for the import pipeline. */
@Injectable()
export class HostImportWriter {
  async findByNames(em: EntityManager, names: readonly string[]): Promise<HostImportState[]> {
    const rows = await selectIn<{ id: number; name: string; notes: string | null; vendor_name: string | null }>(
      em,
      [...new Set(names)],
      (list) => `SELECT h.id, h.name, h.notes, v.name AS vendor_name FROM hosts h LEFT JOIN vendors v ON v.id = h.vendor_id WHERE h.name IN (${list})`,
    );
    return rows.map((r) => ({ id: Number(r.id), name: r.name, notes: r.notes, vendorName: r.vendor_name }));
  }

  async insertMany(em: EntityManager, rows: readonly { name: string; notes: string | null; vendorId: number | null }[], now: string): Promise<Map<string, number>> {
    const out = await insertRows<{ id: number; name: string }>(
      em,
      'hosts',
      ['name', 'notes', 'vendor_id', 'created_at', 'updated_at'],
      rows.map((r) => [r.name, r.notes, r.vendorId, now, now]),
      'id, name',
    );
    return new Map(out.map((r) => [r.name, Number(r.id)]));
  }

  async updateMany(em: EntityManager, rows: readonly { id: number; notes: string | null; vendorId: number | null }[], now: string): Promise<void> {
    await updateRows(
      em,
      'hosts',
      [
        { name: 'notes', type: 'text' },
        { name: 'vendor_id', type: 'int' },
        { name: 'updated_at', type: 'text' },
      ],
      rows.map((r) => [r.id, r.notes, r.vendorId, now]),
    );
  }
}
