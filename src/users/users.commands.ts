import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { Role } from '../common/actor';
import { readStdin } from '../cli/read-stdin';
import { CreateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

interface PasswordOptions {
  password?: string;
  passwordStdin?: boolean;
}

async function passwordFrom(options: PasswordOptions): Promise<string> {
  if (options.password !== undefined) return options.password;
  if (options.passwordStdin) return readStdin();
  throw new Error('Give the password with --password or --password-stdin.');
}

abstract class PasswordCommand extends CommandRunner {
  @Option({ flags: '-p, --password <password>', description: 'the password (visible in the process list: prefer --password-stdin)' })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--password-stdin', description: 'read the password from standard input' })
  parsePasswordStdin(): boolean {
    return true;
  }
}

@SubCommand({ name: 'create', arguments: '<username>', description: 'create a user' })
export class UserCreateCommand extends PasswordCommand {
  constructor(private readonly users: UsersService) {
    super();
  }

  @Option({ flags: '-r, --role <role>', description: 'Viewer, Editor or Admin (default Viewer)' })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--inactive', description: 'create the account deactivated' })
  parseInactive(): boolean {
    return true;
  }

  async run([username]: string[], options: PasswordOptions & { role?: string; inactive?: boolean }): Promise<void> {
    const dto = plainToInstance(CreateUserDto, { username, password: await passwordFrom(options), role: options.role ?? Role.Viewer, is_active: !options.inactive });
    const errors = await validate(dto);
    if (errors.length > 0) throw new Error(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
    const user = await this.users.create(null, dto);
    console.log(`Created user ${user.username} (id ${user.id}, role ${user.role}${user.isActive ? '' : ', inactive'}).`);
  }
}

@SubCommand({ name: 'list', description: 'list users' })
export class UserListCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run(): Promise<void> {
    for (const user of await this.users.list()) {
      console.log(`${user.id}\t${user.username}\t${user.role}\t${user.isActive ? 'active' : 'inactive'}`);
    }
  }
}

@SubCommand({ name: 'set-password', arguments: '<username>', description: 'set a password and revoke the user’s sessions' })
export class UserSetPasswordCommand extends PasswordCommand {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run([username]: string[], options: PasswordOptions): Promise<void> {
    await this.users.setPassword(username, await passwordFrom(options));
    console.log(`Password changed for ${username}; their sessions are revoked.`);
  }
}

@SubCommand({ name: 'deactivate', arguments: '<username>', description: 'deactivate a user and revoke their sessions' })
export class UserDeactivateCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run([username]: string[]): Promise<void> {
    await this.users.deactivate(username);
    console.log(`Deactivated ${username}.`);
  }
}

@Command({ name: 'user', description: 'manage users', subCommands: [UserCreateCommand, UserListCommand, UserSetPasswordCommand, UserDeactivateCommand] })
export class UserCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

export const USER_COMMANDS = [UserCommand, UserCreateCommand, UserListCommand, UserSetPasswordCommand, UserDeactivateCommand];
