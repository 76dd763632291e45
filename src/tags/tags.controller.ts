import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor, Role } from '../common/actor';
import { PublicRead, Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateTagDto, TagDto, TagWithCountDto, toTagDto, UpdateTagDto } from './dto/tag.dto';
import { TagsService } from './tags.service';

@ApiTags('tags')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @PublicRead()
  @ApiOkResponse({ type: [TagWithCountDto], description: 'Ordered by name, with the count of active IP assets.' })
  list(): Promise<TagWithCountDto[]> {
    return this.tags.list();
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Editor)
  @ApiOkResponse({ type: TagDto })
  @ApiConflictResponse({ description: 'Tag already exists.' })
  @ApiUnprocessableEntityResponse({ description: 'Bad name or colour.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateTagDto): Promise<TagDto> {
    return toTagDto(await this.tags.create(actor, dto));
  }

  @Patch(':id')
  @Roles(Role.Editor)
  @ApiOkResponse({ type: TagDto })
  @ApiNotFoundResponse({ description: 'Tag not found.' })
  @ApiConflictResponse({ description: 'Tag already exists.' })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateTagDto): Promise<TagDto> {
    return toTagDto(await this.tags.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Editor)
  @ApiNoContentResponse({ description: 'Deleted and unlinked from every IP asset.' })
  @ApiNotFoundResponse({ description: 'Tag not found.' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.tags.remove(actor, id);
  }
}
