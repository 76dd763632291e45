import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows, selectIn, updateRows } from '../infra/database/bulk-sql';

export interface ProjectImportRow {
  id: number;
  name: string;
  description: string | null;
  color: string;
}

/** Bulk reads and writes of `projects` for the import pipeline. */
@Injectable()
export class ProjectImportWriter {
  async findByNames(em: EntityManager, names: readonly string[]): Promise<ProjectImportRow[]> {
    const rows = await selectIn<ProjectImportRow>(em, [...new Set(names)], (list) => `SELECT id, name, description, color FROM projects WHERE name IN (${list})`);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async insertMany(em: EntityManager, rows: readonly Omit<ProjectImportRow, 'id'>[]): Promise<Map<string, number>> {
    const out = await insertRows<{ id: number; name: string }>(em, 'projects', ['name', 'description', 'color'], rows.map((r) => [r.name, r.description, r.color]), 'id, name');
    return new Map(out.map((r) => [r.name, Number(r.id)]));
  }

  async updateMany(em: EntityManager, rows: readonly ProjectImportRow[]): Promise<void> {
    await updateRows(em, 'projects', [{ name: 'description', type: 'text' }, { name: 'color', type: 'text' }], rows.map((r) => [r.id, r.description, r.color]));
  }
}
