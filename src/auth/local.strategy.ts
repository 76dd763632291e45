import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginThrottle, TooManyLoginAttempts } from './login-throttle';

/** Form login for the UI (`POST /ui/login`): the username is trimmed, as in the original. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
  ) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: { ip?: string }, username: string, password: string): Promise<User | false> {
    const name = username.trim();
    this.throttle.check(name, req.ip);
    const user = await this.users.verifyCredentials(name, password);
    if (user) this.throttle.recordSuccess(name);
    else this.throttle.recordFailure(name, req.ip);
    return user ?? false;
  }
}

/**
 * Runs the local strategy but lets the controller render the failure page instead of throwing; a throttled
 * login is handed to the controller as `req.loginRefusal`.
 */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  handleRequest<TUser>(error: unknown, user: TUser, _info: unknown, context: ExecutionContext): TUser {
    if (error instanceof TooManyLoginAttempts) context.switchToHttp().getRequest<{ loginRefusal?: TooManyLoginAttempts }>().loginRefusal = error;
    return user;
  }
}
