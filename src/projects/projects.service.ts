import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { Database, isUniqueViolation } from '../infra/database/database';
import { IpAsset } from '../ip-assets/ip-asset.entity';
import { normaliseColor } from '../tags/tag-names';
import type { CreateProjectDto, ProjectWithCountDto, UpdateProjectDto } from './dto/project.dto';
import { Project } from './project.entity';

export interface ProjectCatalogueEntry {
  id: number;
  name: string;
  color: string;
}

export const DEFAULT_PROJECT_COLOR = '#94a3b8';

function projectName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw invalid('Project name is required.');
  return name;
}

/** Projects: trimmed unique names, validated colours; every change is audited as target type PROJECT. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Ordered by name, each with its count of active IP assets (one GROUP BY in SQL). */
  async list(): Promise<ProjectWithCountDto[]> {
    const rows = await this.db.reader
      .createQueryBuilder()
      .select(['p.id AS id', 'p.name AS name', 'p.description AS description', 'p.color AS color', 'COUNT(a.id) AS ip_count'])
      .from('projects', 'p')
      .leftJoin('ip_assets', 'a', 'a.project_id = p.id AND a.archived = :archived', { archived: false })
      .groupBy('p.id')
      .addGroupBy('p.name')
      .addGroupBy('p.description')
      .addGroupBy('p.color')
      .orderBy('p.name', 'ASC')
      .getRawMany<{ id: number; name: string; description: string | null; color: string; ip_count: string | number }>();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, description: r.description, color: r.color, ip_count: Number(r.ip_count) }));
  }

  /** Id, name and colour of every project by name, without the usage counts list() computes (select options). */
  async catalogue(): Promise<ProjectCatalogueEntry[]> {
    const rows = await this.db.reader.find(Project, { select: { id: true, name: true, color: true }, order: { name: 'ASC' } });
    return rows.map((p) => ({ id: p.id, name: p.name, color: p.color }));
  }

  async get(id: number): Promise<Project> {
    const project = await this.db.reader.findOneBy(Project, { id });
    if (!project) throw notFound('Project not found.');
    return project;
  }

  /** Lookup inside a caller's transaction; null when missing. */
  findIn(em: EntityManager, id: number): Promise<Project | null> {
    return em.findOneBy(Project, { id });
  }

  /** Names of these projects, for audit labels. */
  async namesIn(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(Project, { where: { id: In([...new Set(ids)]) }, select: { id: true, name: true } });
    return new Map(rows.map((p) => [p.id, p.name]));
  }

  async create(actor: Actor | null, dto: CreateProjectDto): Promise<Project> {
    const name = projectName(dto.name);
    const color = normaliseColor(dto.color) ?? DEFAULT_PROJECT_COLOR;
    return this.db.transaction(async (em) => {
      const project = em.create(Project, { name, description: dto.description ?? null, color });
      await this.saveUnique(em, project);
      await this.audit.record(em, actor, {
        targetType: 'PROJECT',
        targetId: project.id,
        targetLabel: project.name,
        action: 'CREATE',
        changes: `Created project (color=${project.color}, description=${project.description ?? ''})`,
      });
      return project;
    });
  }

  async update(actor: Actor | null, id: number, dto: UpdateProjectDto): Promise<Project> {
    const name = dto.name === null || dto.name === undefined ? undefined : projectName(dto.name);
    const color = normaliseColor(dto.color);
    return this.db.transaction(async (em) => {
      const project = await em.findOneBy(Project, { id });
      if (!project) throw notFound('Project not found.');
      const description = dto.description === null || dto.description === undefined ? project.description : dto.description;
      const changes: string[] = [];
      if (name !== undefined && name !== project.name) changes.push(`name: ${project.name} -> ${name}`);
      if (description !== project.description) changes.push(`description: ${project.description ?? ''} -> ${description ?? ''}`);
      if (color !== undefined && color !== project.color) changes.push(`color: ${project.color} -> ${color}`);
      if (changes.length === 0) return project;
      Object.assign(project, { name: name ?? project.name, description, color: color ?? project.color });
      await this.saveUnique(em, project);
      await this.audit.record(em, actor, { targetType: 'PROJECT', targetId: project.id, targetLabel: project.name, action: 'UPDATE', changes: changes.join('; ') });
      return project;
    });
  }

  /** Deletes the project; its IP assets become unassigned in the same transaction. */
  async remove(actor: Actor | null, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const project = await em.findOneBy(Project, { id });
      if (!project) throw notFound('Project not found.');
      const unlinked = await em.createQueryBuilder().update(IpAsset).set({ projectId: null }).where('project_id = :id', { id }).execute();
      await em.delete(Project, { id });
      await this.audit.record(em, actor, {
        targetType: 'PROJECT',
        targetId: id,
        targetLabel: project.name,
        action: 'DELETE',
        changes: `Deleted project (unassigned ${unlinked.affected ?? 0} IP assets)`,
      });
    });
  }

  private async saveUnique(em: EntityManager, project: Project): Promise<void> {
    const clash = await em.findOneBy(Project, { name: project.name });
    if (clash && clash.id !== project.id) throw conflict('Project already exists.');
    try {
      await em.save(project);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Project already exists.');
      throw error;
    }
  }
}
