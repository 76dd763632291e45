import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor, Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateProjectDto, ProjectDto, ProjectWithCountDto, toProjectDto, UpdateProjectDto } from './dto/project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @PublicRead()
  @ApiOkResponse({ type: [ProjectWithCountDto], description: 'Ordered by name, with the count of active IP assets.' })
  list(): Promise<ProjectWithCountDto[]> {
    return this.projects.list();
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: ProjectDto })
  @ApiConflictResponse({ description: 'Project already exists.' })
  @ApiUnprocessableEntityResponse({ description: 'Missing name or bad colour.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return toProjectDto(await this.projects.create(actor, dto));
  }

  @Patch(':id')
  @Roles(Role.Editor)
  @ApiOkResponse({ type: ProjectDto })
  @ApiNotFoundResponse({ description: 'Project not found.' })
  @ApiConflictResponse({ description: 'Project already exists.' })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateProjectDto): Promise<ProjectDto> {
    return toProjectDto(await this.projects.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse({ description: 'Deleted; its IP assets become unassigned.' })
  @ApiNotFoundResponse({ description: 'Project not found.' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.projects.remove(actor, id);
  }
}
