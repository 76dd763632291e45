import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '../actor';

export const ACCESS_KEY = 'ipocket:access';

/**
 * What a route needs. `public`: nobody is asked. `read`: a Viewer, or anybody when IPOCKET_PUBLIC_READ is on
 * (decision A2). A role: a logged-in user of at least that role (A1). Routes without a declaration need a login.
 */
export type AccessRule = { kind: 'public' } | { kind: 'read' } | { kind: 'role'; role: Role };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

export const PublicRead = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'read' } satisfies AccessRule), ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Login required (unless IPOCKET_PUBLIC_READ=true)' }));

export const Roles = (role: Role) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'role', role } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid, expired or revoked token' }),
    ApiForbiddenResponse({ description: `Needs role ${role} or higher` }),
  );

/** The route may be called with the UI session cookie on a state-changing method (it checks CSRF itself). */
export const COOKIE_WRITE_KEY = 'ipocket:cookie-write';
export const CookieWrite = () => SetMetadata(COOKIE_WRITE_KEY, true);
