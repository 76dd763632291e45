import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, Role } from '../common/actor';
import { Roles } from '../common/decorators/access.decorator';
import { CurrentActor } from '../common/decorators/current-actor.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ChangePasswordDto, CreateUserDto, toUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserDto] })
  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'User already exists.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.create(actor, dto));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The last active Admin cannot be demoted or deactivated.' })
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.update(actor, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Own account, or the last active Admin.' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.users.remove(actor, id);
  }
}

@ApiTags('users')
@Controller('account')
export class AccountController {
  constructor(private readonly users: UsersService) {}

  @Post('password')
  @HttpCode(204)
  @Roles(Role.Viewer)
  @ApiNoContentResponse({ description: 'Changed; every other session of the user is revoked.' })
  async changePassword(@CurrentActor() actor: Actor, @Req() req: Request & { sessionId?: number }, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(actor, req.sessionId, dto.current_password, dto.new_password);
  }
}
