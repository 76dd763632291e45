import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows, selectIn } from '../infra/database/bulk-sql';

/** Bulk reads and writes of `vendors` for the import pipeline (one statement per few thousand rows). */
@Injectable()
export class VendorImportWriter {
  async findIdsByNames(em: EntityManager, names: readonly string[]): Promise<Map<string, number>> {
    const rows = await selectIn<{ id: number; name: string }>(em, [...new Set(names)], (list) => `SELECT id, name FROM vendors WHERE name IN (${list})`);
    return new Map(rows.map((r) => [r.name, Number(r.id)]));
  }

  async insertMany(em: EntityManager, names: readonly string[], now: string): Promise<Map<string, number>> {
    const rows = await insertRows<{ id: number; name: string }>(em, 'vendors', ['name', 'created_at', 'updated_at'], names.map((n) => [n, now, now]), 'id, name');
    return new Map(rows.map((r) => [r.name, Number(r.id)]));
  }
}
