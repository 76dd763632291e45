import { Injectable, Logger } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

/** Form login for the UI (`POST /ui/login`): the username is trimmed, as in the original. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  private readonly logger = new Logger('Auth');

  constructor(private readonly users: UsersService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: { ip?: string }, username: string, password: string): Promise<User | false> {
    const user = await this.users.verifyCredentials(username.trim(), password);
    if (!user) this.logger.warn(`Failed UI login for "${username.trim()}" from ${req.ip}`);
    return user ?? false;
  }
}

/** Runs the local strategy but lets the controller render the failure page instead of throwing. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  handleRequest<TUser>(_error: unknown, user: TUser): TUser {
    return user;
  }
}
