import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { badRequest, conflict, DomainError, invalid, notFound } from '../common/errors/domain-error';
import { parseIp } from '../common/ip';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { chunks } from '../infra/database/bulk-sql';
import { Database, isUniqueViolation } from '../infra/database/database';
import { nowText } from '../infra/database/timestamps';
import type { Host } from '../hosts/host.entity';
import { HostsService } from '../hosts/hosts.service';
import { ProjectsService } from '../projects/projects.service';
import { RangesService } from '../ranges/ranges.service';
import { normaliseTagNames } from '../tags/tag-names';
import { TagsService } from '../tags/tags.service';
import { IpAssetDto, toIpAssetDto } from './dto/ip-asset.dto';
import type { BulkUpdateIpAssetsDto, CreateIpAssetDto, UpdateIpAssetDto } from './dto/ip-asset-input.dto';
import { MAX_BULK_TARGETS } from './dto/ip-asset-input.dto';
import { AssetState, createdText, sameSet, updateText } from './ip-asset-changes';
import { applyIpAssetFilters, countsWithPage, IpAssetFilters } from './ip-asset-filters';
import type { IpAssetListQuery, PageRequest } from './ip-asset-list-query';
import { IpAssetTagLinks } from './ip-asset-tag-links';
import { INVALID_TYPE_MESSAGE, normaliseAssetType } from './ip-asset-type';
import { IpAsset, IpAssetType } from './ip-asset.entity';

export interface CreateIpAssetInput {
  /** Any valid spelling; stored canonical. */
  ipAddress: string;
  type: IpAssetType;
  projectId?: number | null;
  hostId?: number | null;
  notes?: string | null;
  tags?: string[] | null;
}

/** A host and its OS/BMC addresses as the hosts page saves them together (ui.md §8.3, §8.4). */
export interface HostWithAddressesInput {
  name: string;
  notes: string;
  /** null = no vendor (on edit: clears it, decision UI2). */
  vendorId: number | null;
  /** Addresses listed as the host's OS / BMC ones (any valid spelling). */
  osIps: string[];
  bmcIps: string[];
  /** undefined = no project sent; null = unassigned. */
  projectId?: number | null;
}

/** Rows per keyset chunk when the whole list is streamed. */
export const STREAM_CHUNK = 5000;

/**
 * One asset's api.md §2.1 representation as JSON text, written by the database: for the unpaginated list of up to
 * 100k rows this halves the time of reading row values into JavaScript and serialising them again, and leaves
 * no per-row garbage. Tag names sort bytewise (their column is bytewise on both databases), as the API does.
 */
function assetJsonSql(sqlite: boolean): string {
  const fields = (archived: string, tags: string) =>
    `'id', a.id, 'ip_address', a.ip_address, 'type', a.type, 'project_id', a.project_id, 'notes', a.notes, 'host_id', a.host_id, ` +
    `'archived', ${archived}, 'created_at', a.created_at, 'updated_at', a.updated_at, 'tags', ${tags}`;
  const links = 'FROM ip_asset_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE l.ip_asset_id = a.id';
  return sqlite
    ? `json_object(${fields(`json(CASE WHEN a.archived THEN 'true' ELSE 'false' END)`, `json((SELECT json_group_array(t.name ORDER BY t.name) ${links}))`)})`
    : `json_build_object(${fields('a.archived', `(SELECT coalesce(json_agg(t.name ORDER BY t.name), '[]'::json) ${links})`)})::text`;
}

// IN (...) lists stay far below SQLite's bound-parameter limit.
const LOOKUP_CHUNK = 900;

/**
 * The IP asset rules: canonical addresses (D1), restore-on-create, BMC auto-host, PATCH semantics, archive,
 * delete and bulk update, each write audited in its own transaction (U1, U2). The REST controller, the UI, the
 * importer and range allocation all come through here.
 */
@Injectable()
export class IpAssetsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly tags: TagsService,
    private readonly tagLinks: IpAssetTagLinks,
    @Inject(forwardRef(() => HostsService)) private readonly hosts: HostsService,
    @Inject(forwardRef(() => RangesService)) private readonly ranges: RangesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------------------------------------------------------------- reads

  /** The api.md §2.1 representation of these assets; their tags are read in one query. */
  async toDtos(assets: IpAsset[], em: EntityManager = this.db.reader): Promise<IpAssetDto[]> {
    const tags = await this.tagLinks.namesByAsset(em, assets.map((a) => a.id));
    return assets.map((asset) => toIpAssetDto(asset, tags.get(asset.id) ?? []));
  }

  /** An active asset by address (any spelling); archived or unknown is 404. */
  async getActive(ipText: string): Promise<IpAsset> {
    const key = parseIp(ipText)?.key;
    const asset = key ? await this.db.reader.findOneBy(IpAsset, { ipKey: key }) : null;
    if (!asset || asset.archived) throw notFound();
    return asset;
  }

  /** An active asset by id (the UI's routes are id-based); archived or unknown is 404 `IP asset not found.`. */
  async getActiveById(id: number): Promise<IpAsset> {
    const asset = await this.db.reader.findOneBy(IpAsset, { id, archived: false });
    if (!asset) throw notFound('IP asset not found.');
    return asset;
  }

  /** Which of these ids are active assets, in the order given (the UI's bulk edit skips the others, ui.md §6.5). */
  async activeIdsIn(ids: number[]): Promise<number[]> {
    const wanted = [...new Set(ids)];
    const found = new Set<number>();
    for (let i = 0; i < wanted.length; i += LOOKUP_CHUNK) {
      const rows = await this.db.reader.find(IpAsset, { select: { id: true }, where: { id: In(wanted.slice(i, i + LOOKUP_CHUNK)), archived: false } });
      for (const row of rows) found.add(row.id);
    }
    return wanted.filter((id) => found.has(id));
  }

  /** Resolves `range_id` into key bounds; an unknown range is 404 `Range not found.`. */
  async resolveFilters(query: IpAssetListQuery): Promise<IpAssetFilters> {
    if (query.rangeId === undefined) return query.filters;
    const range = await this.ranges.get(query.rangeId).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'NOT_FOUND' ? notFound('Range not found.') : error;
    });
    return { ...query.filters, keyRange: { firstKey: range.firstKey, lastKey: range.lastKey } };
  }

  /** One page in numeric order (IPv4 first), with the total count; both in SQL. */
  async listPage(filters: IpAssetFilters, page: PageRequest): Promise<{ items: IpAssetDto[]; total: number }> {
    const qb = applyIpAssetFilters(this.db.reader.getRepository(IpAsset).createQueryBuilder('a'), 'a', filters);
    if (countsWithPage(filters)) {
      const { entities, raw } = await qb.clone().addSelect('COUNT(*) OVER ()', 'total_rows').orderBy('a.ip_key', 'ASC').limit(page.limit).offset(page.offset).getRawAndEntities();
      // A page past the end has no row to carry the total.
      const total = raw.length > 0 ? Number((raw[0] as { total_rows: unknown }).total_rows) : page.offset === 0 ? 0 : await qb.getCount();
      return { items: await this.toDtos(entities), total };
    }
    const total = await qb.getCount();
    const assets = total === 0 || page.offset >= total ? [] : await qb.orderBy('a.ip_key', 'ASC').limit(page.limit).offset(page.offset).getMany();
    return { items: await this.toDtos(assets), total };
  }

  /**
   * Every matching asset in numeric order as JSON text, one chunk of comma-separated objects at a time. Keyset
   * pagination over ip_key keeps each query short and memory flat however many rows there are; the database
   * writes the text (see `assetJsonSql`) because this path serves the original's unpaginated list of up to 100k rows.
   */
  async *streamJson(filters: IpAssetFilters, chunkSize = STREAM_CHUNK): AsyncGenerator<string> {
    let after: string | null = null;
    for (;;) {
      const qb = applyIpAssetFilters(this.db.reader.getRepository(IpAsset).createQueryBuilder('a'), 'a', filters).select([`${assetJsonSql(this.db.isSqlite)} AS j`, 'a.ip_key AS k']);
      if (after !== null) qb.andWhere('a.ip_key > :after', { after });
      const [chunk, parameters] = qb.orderBy('a.ip_key', 'ASC').limit(chunkSize).getQueryAndParameters();
      const result = await this.db.rowArrays(`SELECT ${this.db.concatInOrder('c.j', "','", 'c.k')} AS items, max(c.k) AS last_key, count(*) AS n FROM (${chunk}) c`, parameters);
      const [items, lastKey, count] = result.rows[0] as [string | null, string | null, number | string];
      if (items !== null) yield items;
      if (Number(count) < chunkSize) return;
      after = lastKey;
    }
  }

  // ---------------------------------------------------------------- create / restore

  async create(actor: Actor | null, dto: CreateIpAssetDto): Promise<IpAssetDto> {
    const tags = dto.tags === null || dto.tags === undefined ? null : normaliseTagNames(dto.tags);
    const asset = await this.db.transaction((em) =>
      this.createInTransaction(
        em,
        actor,
        { ipAddress: dto.ip_address, type: dto.type, projectId: dto.project_id, hostId: dto.host_id, notes: dto.notes, tags },
        { autoHostForBmc: this.config.autoHostForBmc },
      ),
    );
    return (await this.toDtos([asset]))[0];
  }

  /**
   * Creates an asset, or restores the archived row with the same address (same id and created_at), inside the
   * caller's transaction. Checks in the original's order: address (400), project and host (422), then an active
   * duplicate (409) — before anything is written, so a 409 leaves no auto-created host behind.
   */
  async createInTransaction(em: EntityManager, actor: Actor | null, input: CreateIpAssetInput, options: { autoHostForBmc?: boolean } = {}): Promise<IpAsset> {
    const parsed = parseIp(input.ipAddress);
    if (!parsed) throw badRequest('Invalid IP address.');
    const type = normaliseAssetType(input.type);
    if (!type) throw invalid(INVALID_TYPE_MESSAGE);
    const tagNames = input.tags === null || input.tags === undefined ? null : normaliseTagNames(input.tags);
    const projectId = input.projectId ?? null;
    let hostId = input.hostId ?? null;
    if (projectId !== null && !(await this.projects.findIn(em, projectId))) throw invalid('Project not found.');
    if (hostId !== null && !(await this.hosts.findIn(em, hostId))) throw invalid('Host not found.');

    const existing = await em.findOne(IpAsset, { where: { ipKey: parsed.key }, ...this.rowLock() });
    if (existing && !existing.archived) throw conflict('IP address already exists.');

    if (type === IpAssetType.BMC && hostId === null && options.autoHostForBmc) {
      hostId = (await this.hosts.findOrCreateByName(em, `server_${parsed.canonical}`, actor)).id;
    }

    const now = nowText();
    const values = { ipAddress: parsed.canonical, ipKey: parsed.key, type, projectId, hostId, notes: input.notes ?? null, archived: false, updatedAt: now };
    let asset: IpAsset;
    if (existing) {
      Object.assign(existing, values);
      await em.save(existing);
      asset = existing;
    } else {
      asset = em.create(IpAsset, { ...values, createdAt: now });
      try {
        await em.save(asset);
      } catch (error) {
        // A concurrent create of the same address won the race (PostgreSQL): same answer as the check above.
        if (isUniqueViolation(error)) throw conflict('IP address already exists.');
        throw error;
      }
    }
    if (tagNames !== null) await this.tagLinks.replace(em, asset.id, await this.tags.ensureByNames(em, tagNames));
    await this.audit.record(em, actor, {
      targetType: 'IP_ASSET',
      targetId: asset.id,
      targetLabel: asset.ipAddress,
      action: existing ? 'UPDATE' : 'CREATE',
      changes: createdText(existing ? 'Restored archived' : 'Created', asset),
    });
    return asset;
  }

  // ---------------------------------------------------------------- update

  /** api.md §2.6. Works on archived rows too (as the original); a no-op writes nothing. */
  async update(actor: Actor | null, ipText: string, dto: UpdateIpAssetDto): Promise<IpAssetDto> {
    const asset = await this.db.transaction((em) => this.updateInTransaction(em, actor, ipText, dto));
    return (await this.toDtos([asset]))[0];
  }

  /** update() inside the caller's transaction. */
  private async updateInTransaction(em: EntityManager, actor: Actor | null, ipText: string, dto: UpdateIpAssetDto): Promise<IpAsset> {
    const tagNames = dto.tags === null || dto.tags === undefined ? undefined : normaliseTagNames(dto.tags);
    if (dto.project_id !== null && dto.project_id !== undefined && !(await this.projects.findIn(em, dto.project_id))) throw invalid('Project not found.');
    if (dto.host_id !== null && dto.host_id !== undefined && !(await this.hosts.findIn(em, dto.host_id))) throw invalid('Host not found.');
    const asset = await this.findAnyIn(em, ipText);
    const currentTags = (await this.tagLinks.namesByAsset(em, [asset.id])).get(asset.id) ?? [];
    const before: AssetState = { type: asset.type, projectId: asset.projectId, hostId: asset.hostId, notes: asset.notes, tags: currentTags };
    const after: AssetState = {
      type: dto.type ?? asset.type,
      projectId: dto.project_id === undefined ? asset.projectId : dto.project_id,
      hostId: dto.host_id === undefined ? asset.hostId : dto.host_id,
      notes: dto.notes === undefined ? asset.notes : dto.notes === null || dto.notes.trim() === '' ? null : dto.notes,
      tags: tagNames ?? currentTags,
    };
    const changes = await this.describeUpdate(em, before, after);
    if (changes === '') return asset;
    const notesChanged = (before.notes ?? '') !== (after.notes ?? '');
    Object.assign(asset, { type: after.type, projectId: after.projectId, hostId: after.hostId, notes: notesChanged ? after.notes : asset.notes, updatedAt: nowText() });
    await em.save(asset);
    if (!sameSet(before.tags, after.tags)) await this.tagLinks.replace(em, asset.id, await this.tags.ensureByNames(em, after.tags));
    await this.audit.record(em, actor, { targetType: 'IP_ASSET', targetId: asset.id, targetLabel: asset.ipAddress, action: 'UPDATE', changes });
    return asset;
  }

  // ---------------------------------------------------------------- hosts with their addresses

  /**
   * Creates (hostId null) or edits a host together with its OS/BMC addresses in ONE transaction, each change
   * audited: any failure writes nothing. Listed addresses that exist (archived ones stay archived) are re-typed
   * and linked, the others created. On create the chosen project goes to every listed address; on edit, OS/BMC
   * addresses no longer listed lose the host and a sent project goes to every address still linked before the
   * edit, not to newly listed ones (ui.md §8.4, as the original).
   */
  async saveHostWithAddresses(actor: Actor | null, hostId: number | null, input: HostWithAddressesInput): Promise<Host> {
    return this.db.transaction(async (em) => {
      const wanted: Array<[string, IpAssetType]> = [...input.osIps.map((ip): [string, IpAssetType] => [ip, IpAssetType.OS]), ...input.bmcIps.map((ip): [string, IpAssetType] => [ip, IpAssetType.BMC])];
      if (hostId === null) {
        const host = await this.hosts.createInTransaction(em, actor, { name: input.name, notes: input.notes || null, vendor_id: input.vendorId });
        await this.linkListed(em, actor, host.id, wanted, input.projectId ?? null, input.projectId ?? null);
        return host;
      }
      const vendor = input.vendorId === null ? { vendor: '' } : { vendor_id: input.vendorId };
      const host = await this.hosts.updateInTransaction(em, actor, hostId, { name: input.name, notes: input.notes, ...vendor });
      // An OS address is kept only when listed as OS, a BMC one only when listed as BMC; other types stay linked.
      const listed = new Set(wanted.map(([ip, type]) => `${type} ${parseIp(ip)?.key}`));
      const before = await em.find(IpAsset, { where: { hostId, archived: false }, order: { ipKey: 'ASC' } });
      const stillLinked: IpAsset[] = [];
      for (const asset of before) {
        const listable = asset.type === IpAssetType.OS || asset.type === IpAssetType.BMC;
        if (listable && !listed.has(`${asset.type} ${asset.ipKey}`)) await this.updateInTransaction(em, actor, asset.ipAddress, { host_id: null });
        else stillLinked.push(asset);
      }
      if (input.projectId !== undefined) {
        for (const asset of stillLinked) if (asset.projectId !== input.projectId) await this.updateInTransaction(em, actor, asset.ipAddress, { project_id: input.projectId });
      }
      await this.linkListed(em, actor, hostId, wanted, undefined, null);
      return host;
    });
  }

  /** Re-types and links the listed addresses that exist (giving them `existingProject` unless undefined/null), creates the others. */
  private async linkListed(em: EntityManager, actor: Actor | null, hostId: number, wanted: Array<[string, IpAssetType]>, existingProject: number | null | undefined, newProject: number | null): Promise<void> {
    for (const [ip, type] of wanted) {
      const key = parseIp(ip)?.key;
      const existing = key ? await em.findOneBy(IpAsset, { ipKey: key }) : null;
      if (existing) {
        const project = existingProject === undefined || existingProject === null ? {} : { project_id: existingProject };
        await this.updateInTransaction(em, actor, existing.ipAddress, { type, host_id: hostId, ...project });
      } else {
        await this.createInTransaction(em, actor, { ipAddress: ip, type, hostId, projectId: newProject });
      }
    }
  }

  /**
   * The drawer's "Create host" for an unlinked active BMC asset (ui.md §6.6): finds or creates `server_<ip>` and
   * links the asset, in one transaction.
   */
  async assignAutoHost(actor: Actor | null, id: number): Promise<Host> {
    return this.db.transaction(async (em) => {
      const asset = await em.findOneBy(IpAsset, { id, archived: false });
      if (!asset) throw notFound('IP asset not found.');
      if (asset.type !== IpAssetType.BMC) throw badRequest('Auto-host creation is only available for BMC assets.');
      if (asset.hostId !== null) throw conflict('This IP is already assigned to a host.');
      const host = await this.hosts.findOrCreateByName(em, `server_${asset.ipAddress}`, actor);
      await this.updateInTransaction(em, actor, asset.ipAddress, { host_id: host.id });
      return host;
    });
  }

  // ---------------------------------------------------------------- delete / archive

  async remove(actor: Actor | null, ipText: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const asset = await this.findAnyIn(em, ipText);
      await em.delete(IpAsset, { id: asset.id });
      await this.audit.record(em, actor, { targetType: 'IP_ASSET', targetId: asset.id, targetLabel: asset.ipAddress, action: 'DELETE', changes: 'Deleted IP asset.' });
    });
  }

  /** Soft delete; audited as ARCHIVE (U1). Archiving an archived row changes nothing and records nothing (U2). */
  async archive(actor: Actor | null, ipText: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const asset = await this.findAnyIn(em, ipText);
      if (asset.archived) return;
      await em.update(IpAsset, { id: asset.id }, { archived: true, updatedAt: nowText() });
      await this.audit.record(em, actor, { targetType: 'IP_ASSET', targetId: asset.id, targetLabel: asset.ipAddress, action: 'ARCHIVE', changes: 'Archived IP asset.' });
    });
  }

  // ---------------------------------------------------------------- bulk

  /**
   * Applies the same change to many active assets in one transaction: all or nothing. Rows that already have
   * every requested value are left alone and not audited (U2).
   */
  async bulkUpdate(actor: Actor | null, dto: BulkUpdateIpAssetsDto): Promise<{ updated: IpAssetDto[]; unchanged: number }> {
    const addresses = (dto.ip_addresses ?? []).map((text) => {
      const parsed = parseIp(text);
      if (!parsed) throw badRequest(`Invalid IP address: ${text}`);
      return parsed;
    });
    const ids = [...new Set(dto.ids ?? [])];
    if (addresses.length + ids.length === 0) throw invalid('Give at least one target in ip_addresses or ids.');
    if (addresses.length + ids.length > MAX_BULK_TARGETS) throw invalid(`At most ${MAX_BULK_TARGETS} targets per bulk update.`);
    const notesAction = dto.notes_action ?? 'keep';
    if (notesAction === 'overwrite' && (dto.notes === null || dto.notes === undefined || dto.notes.trim() === '')) {
      throw invalid('notes must be a non-empty text when notes_action is overwrite.');
    }
    const addNames = dto.add_tags === null || dto.add_tags === undefined ? [] : normaliseTagNames(dto.add_tags);
    const removeNames = dto.remove_tags === null || dto.remove_tags === undefined ? [] : normaliseTagNames(dto.remove_tags);
    const clash = addNames.find((name) => removeNames.includes(name));
    if (clash) throw invalid(`Tag ${clash} cannot be added and removed at once.`);

    const changed = await this.db.transaction(async (em) => {
      if (dto.project_id !== null && dto.project_id !== undefined && !(await this.projects.findIn(em, dto.project_id))) throw invalid('Project not found.');
      const targets = await this.loadBulkTargets(em, addresses.map((a) => a.key), ids, dto.ip_addresses ?? []);
      const currentTags = await this.tagLinks.namesByAsset(em, targets.map((a) => a.id));
      const addTags = await this.tags.ensureByNames(em, addNames);
      const removeTags = removeNames.length === 0 ? [] : await this.tags.ensureExisting(em, removeNames);

      const projectNames = await this.projects.namesIn(em, [...targets.map((a) => a.projectId), dto.project_id].filter((id): id is number => typeof id === 'number'));
      const now = nowText();
      const entries: AuditEntry[] = [];
      const changedAssets: IpAsset[] = [];
      for (const asset of targets) {
        const tags = currentTags.get(asset.id) ?? [];
        const before: AssetState = { type: asset.type, projectId: asset.projectId, hostId: asset.hostId, notes: asset.notes, tags };
        const afterTags = [...tags.filter((t) => !removeNames.includes(t)), ...addNames.filter((t) => !tags.includes(t))];
        const after: AssetState = {
          type: dto.type ?? asset.type,
          projectId: dto.project_id === undefined ? asset.projectId : dto.project_id,
          hostId: asset.hostId,
          notes: notesAction === 'keep' ? asset.notes : notesAction === 'clear' ? null : dto.notes!,
          tags: afterTags,
        };
        const changes = updateText(before, after, projectNames, new Map());
        if (changes === '') continue;
        const notesChanged = (before.notes ?? '') !== (after.notes ?? '');
        Object.assign(asset, { type: after.type, projectId: after.projectId, notes: notesChanged ? after.notes : asset.notes, updatedAt: now });
        entries.push({ targetType: 'IP_ASSET', targetId: asset.id, targetLabel: asset.ipAddress, action: 'UPDATE', changes });
        changedAssets.push(asset);
      }
      // Every changed asset gets the same new values, so the writes are set-based: a statement per 900 rows
      // rather than three per row (500 rows took 1,500 statements and their garbage).
      const values: Partial<IpAsset> = { updatedAt: now };
      if (dto.type !== undefined && dto.type !== null) values.type = dto.type;
      if (dto.project_id !== undefined) values.projectId = dto.project_id;
      if (notesAction !== 'keep') values.notes = notesAction === 'clear' ? null : dto.notes!;
      const changedIds = changedAssets.map((a) => a.id);
      for (const ids of chunks(changedIds, LOOKUP_CHUNK)) await em.createQueryBuilder().update(IpAsset).set(values).where('id IN (:...ids)', { ids }).execute();
      await this.tagLinks.addToMany(em, changedIds, addTags);
      await this.tagLinks.removeFromMany(em, changedIds, removeTags);
      await this.audit.recordMany(em, actor, entries);
      return { changedAssets, unchanged: targets.length - changedAssets.length };
    });
    changed.changedAssets.sort((a, b) => (a.ipKey < b.ipKey ? -1 : a.ipKey > b.ipKey ? 1 : 0));
    return { updated: await this.toDtos(changed.changedAssets), unchanged: changed.unchanged };
  }

  // ---------------------------------------------------------------- helpers

  /** By address, archived included (PATCH, DELETE and archive act on archived rows too). */
  private async findAnyIn(em: EntityManager, ipText: string): Promise<IpAsset> {
    const key = parseIp(ipText)?.key;
    const asset = key ? await em.findOne(IpAsset, { where: { ipKey: key }, ...this.rowLock() }) : null;
    if (!asset) throw notFound();
    return asset;
  }

  /**
   * Read-modify-write on PostgreSQL locks the rows it read (SELECT … FOR UPDATE), in id order: two transactions
   * editing one asset at once would otherwise both start from the same state, and the second would silently
   * drop the first one's change and audit a "before" that no longer existed. SQLite needs no lock: its write
   * queue runs one transaction at a time.
   */
  private rowLock(): { lock?: { mode: 'pessimistic_write' }; order?: { id: 'ASC' } } {
    return this.db.isSqlite ? {} : { lock: { mode: 'pessimistic_write' }, order: { id: 'ASC' } };
  }

  private async describeUpdate(em: EntityManager, before: AssetState, after: AssetState): Promise<string> {
    const projects = await this.projects.namesIn(em, [before.projectId, after.projectId].filter((id): id is number => id !== null));
    const hosts = await this.hosts.namesIn(em, [before.hostId, after.hostId].filter((id): id is number => id !== null));
    return updateText(before, after, projects, hosts);
  }

  /** The active targets of a bulk update; the first missing address or id is a 404 and nothing is written. */
  private async loadBulkTargets(em: EntityManager, keys: string[], ids: number[], texts: string[]): Promise<IpAsset[]> {
    const byId = new Map<number, IpAsset>();
    const foundKeys = new Set<string>();
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const rows = await em.find(IpAsset, { where: { ipKey: In(keys.slice(i, i + LOOKUP_CHUNK)), archived: false }, ...this.rowLock() });
      for (const row of rows) {
        byId.set(row.id, row);
        foundKeys.add(row.ipKey);
      }
    }
    const missingAddress = keys.findIndex((key) => !foundKeys.has(key));
    if (missingAddress >= 0) throw notFound(`IP address not found: ${texts[missingAddress]}`);
    const foundIds = new Set<number>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const rows = await em.find(IpAsset, { where: { id: In(ids.slice(i, i + LOOKUP_CHUNK)), archived: false }, ...this.rowLock() });
      for (const row of rows) {
        byId.set(row.id, row);
        foundIds.add(row.id);
      }
    }
    const missingId = ids.find((id) => !foundIds.has(id));
    if (missingId !== undefined) throw notFound(`IP asset not found: ${missingId}`);
    return [...byId.values()];
  }
}
