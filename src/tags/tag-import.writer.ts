import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows, selectIn } from '../infra/database/bulk-sql';
import { DEFAULT_TAG_COLOR } from './tag-names';

/** Bulk tag lookup/creation for the import pipeline; names must already be normalised. */
@Injectable()
export class TagImportWriter {
  /** Ids of all `names`, creating the unknown ones with the default colour; `created` lists those. */
  async ensure(em: EntityManager, names: readonly string[], now: string): Promise<{ ids: Map<string, number>; created: { id: number; name: string }[] }> {
    const unique = [...new Set(names)];
    const existing = await selectIn<{ id: number; name: string }>(em, unique, (list) => `SELECT id, name FROM tags WHERE name IN (${list})`);
    const ids = new Map(existing.map((r) => [r.name, Number(r.id)]));
    const missing = unique.filter((n) => !ids.has(n));
    const created = await insertRows<{ id: number; name: string }>(em, 'tags', ['name', 'color', 'created_at', 'updated_at'], missing.map((n) => [n, DEFAULT_TAG_COLOR, now, now]), 'id, name');
    for (const r of created) ids.set(r.name, Number(r.id));
    return { ids, created: created.map((r) => ({ id: Number(r.id), name: r.name })) };
  }
}
