import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, notFound } from '../common/errors/domain-error';
import { Database, isUniqueViolation } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import type { CreateTagDto, TagWithCountDto, UpdateTagDto } from './dto/tag.dto';
import { DEFAULT_TAG_COLOR, normaliseColor, normaliseTagName, normaliseTagNames } from './tag-names';
import { Tag } from './tag.entity';

export interface TagCatalogueEntry {
  id: number;
  name: string;
  color: string;
}

/** Tags: names are always stored normalised (data.md §4.1); every change is audited as target type TAG. */
@Injectable()
export class TagsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Ordered by name, each with the number of active IP assets carrying it (one GROUP BY in SQL). */
  async list(): Promise<TagWithCountDto[]> {
    const rows = await this.db.reader
      .createQueryBuilder()
      .select(['t.id AS id', 't.name AS name', 't.color AS color', 'COUNT(a.id) AS ip_count'])
      .from('tags', 't')
      .leftJoin('ip_asset_tags', 'l', 'l.tag_id = t.id')
      .leftJoin('ip_assets', 'a', 'a.id = l.ip_asset_id AND a.archived = :archived', { archived: false })
      .groupBy('t.id')
      .addGroupBy('t.name')
      .addGroupBy('t.color')
      .orderBy('t.name', 'ASC')
      .getRawMany<{ id: number; name: string; color: string; ip_count: string | number }>();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, color: r.color, ip_count: Number(r.ip_count) }));
  }

  /** Id, name and colour of every tag by name, without the usage counts list() computes (pickers, chips). */
  async catalogue(): Promise<TagCatalogueEntry[]> {
    const rows = await this.db.reader.find(Tag, { select: { id: true, name: true, color: true }, order: { name: 'ASC' } });
    return rows.map((t) => ({ id: t.id, name: t.name, color: t.color }));
  }

  async get(id: number): Promise<Tag> {
    const tag = await this.db.reader.findOneBy(Tag, { id });
    if (!tag) throw notFound('Tag not found.');
    return tag;
  }

  async create(actor: Actor | null, dto: CreateTagDto): Promise<Tag> {
    const name = normaliseTagName(dto.name);
    const color = normaliseColor(dto.color) ?? DEFAULT_TAG_COLOR;
    return this.db.transaction(async (em) => {
      const now = nowText();
      const tag = em.create(Tag, { name, color, createdAt: now, updatedAt: now });
      await this.saveUnique(em, tag);
      await this.audit.record(em, actor, { targetType: 'TAG', targetId: tag.id, targetLabel: tag.name, action: 'CREATE', changes: `Created tag (color=${tag.color})` });
      return tag;
    });
  }

  async update(actor: Actor | null, id: number, dto: UpdateTagDto): Promise<Tag> {
    const name = dto.name === null || dto.name === undefined ? undefined : normaliseTagName(dto.name);
    const color = normaliseColor(dto.color);
    return this.db.transaction(async (em) => {
      const tag = await em.findOneBy(Tag, { id });
      if (!tag) throw notFound('Tag not found.');
      const changes: string[] = [];
      if (name !== undefined && name !== tag.name) changes.push(`name: ${tag.name} -> ${name}`);
      if (color !== undefined && color !== tag.color) changes.push(`color: ${tag.color} -> ${color}`);
      if (changes.length === 0) return tag;
      Object.assign(tag, { name: name ?? tag.name, color: color ?? tag.color, updatedAt: nowText() });
      await this.saveUnique(em, tag);
      await this.audit.record(em, actor, { targetType: 'TAG', targetId: tag.id, targetLabel: tag.name, action: 'UPDATE', changes: changes.join('; ') });
      return tag;
    });
  }

  /** Removes the tag; its links to IP assets go with it (ON DELETE CASCADE) in the same transaction. */
  async remove(actor: Actor | null, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const tag = await em.findOneBy(Tag, { id });
      if (!tag) throw notFound('Tag not found.');
      const linked = await em.createQueryBuilder().from('ip_asset_tags', 'l').where('l.tag_id = :id', { id }).getCount();
      await em.createQueryBuilder().delete().from('ip_asset_tags').where('tag_id = :id', { id }).execute();
      await em.delete(Tag, { id });
      await this.audit.record(em, actor, { targetType: 'TAG', targetId: id, targetLabel: tag.name, action: 'DELETE', changes: `Deleted tag (unlinked from ${linked} IP assets)` });
    });
  }

  /**
   * The tags for these names, in the order given, creating unknown ones with the default colour. Insert-or-ignore
   * keeps two concurrent writers (PostgreSQL) from failing on the unique name.
   */
  async ensureByNames(em: EntityManager, names: string[]): Promise<Tag[]> {
    const wanted = normaliseTagNames(names);
    if (wanted.length === 0) return [];
    const found = await em.findBy(Tag, { name: In(wanted) });
    const missing = wanted.filter((name) => !found.some((tag) => tag.name === name));
    if (missing.length > 0) {
      const now = nowText();
      await em
        .createQueryBuilder()
        .insert()
        .into(Tag)
        .values(missing.map((name) => ({ name, color: DEFAULT_TAG_COLOR, createdAt: now, updatedAt: now })))
        .orIgnore()
        .updateEntity(false)
        .execute();
      found.push(...(await em.findBy(Tag, { name: In(missing) })));
    }
    const byName = new Map(found.map((tag) => [tag.name, tag]));
    return wanted.map((name) => byName.get(name)!);
  }

  /** The existing tags among these normalised names (unknown names are simply absent). */
  ensureExisting(em: EntityManager, names: string[]): Promise<Tag[]> {
    return names.length === 0 ? Promise.resolve([]) : em.findBy(Tag, { name: In(names) });
  }

  private async saveUnique(em: EntityManager, tag: Tag): Promise<void> {
    const clash = await em.findOneBy(Tag, { name: tag.name });
    if (clash && clash.id !== tag.id) throw conflict('Tag already exists.');
    try {
      await em.save(tag);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Tag already exists.');
      throw error;
    }
  }
}
