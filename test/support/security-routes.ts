import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { COOKIE_WRITE_KEY } from '../../src/common/decorators/access.decorator';
import { RegisteredRoute, registeredRoutes } from './platform-routes';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A UI route: pages and forms that browsers reach with the session cookie. */
export const isUiPath = (path: string) => path === '/' || path === '/ui' || path.startsWith('/ui/');

/** True when the global guard accepts the session cookie on this route's state-changing method (`@CookieWrite()`). */
function acceptsCookieWrite(app: INestApplication, route: RegisteredRoute): boolean {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller || controller.name !== route.controller) continue;
      const handler = (controller.prototype as Record<string, object>)[route.handler];
      return (Reflect.getMetadata(COOKIE_WRITE_KEY, handler) ?? Reflect.getMetadata(COOKIE_WRITE_KEY, controller)) === true;
    }
  }
  return false;
}

/**
 * Every state-changing route, split by what a browser can do with it: `cookie` routes act on the session cookie
 * (or, like the login form, on a public form), so each must check the CSRF token; `bearer` routes never accept
 * the cookie at all, so a forged cross-site request carries no credentials for them.
 */
export function stateChangingRoutes(app: INestApplication): { cookie: RegisteredRoute[]; bearer: RegisteredRoute[] } {
  const cookie: RegisteredRoute[] = [];
  const bearer: RegisteredRoute[] = [];
  for (const route of registeredRoutes(app).filter((r) => STATE_CHANGING.has(r.method))) {
    if (acceptsCookieWrite(app, route) || (route.rule.kind === 'public' && isUiPath(route.path))) cookie.push(route);
    else if (route.rule.kind !== 'public') bearer.push(route);
  }
  return { cookie, bearer };
}
