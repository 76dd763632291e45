import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Role } from '../../src/common/actor';
import { ACCESS_KEY, AccessRule } from '../../src/common/decorators/access.decorator';

/** One HTTP route as Nest registered it, with the access rule the global guard will apply. */
export interface RegisteredRoute {
  method: string;
  /** Express form, e.g. `/users/:id`. */
  path: string;
  rule: AccessRule;
  /** Hidden from the OpenAPI document (UI pages). */
  undocumented: boolean;
  controller: string;
  handler: string;
}

/** @nestjs/swagger's metadata keys for ApiExcludeController/ApiExcludeEndpoint (its constants are not exported). */
const EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';
const EXCLUDE_ENDPOINT = 'swagger/apiExcludeEndpoint';

/** What the guard assumes when a route declares nothing (src/auth/access.guard.ts). */
export const DEFAULT_RULE: AccessRule = { kind: 'role', role: Role.Viewer };

const joinPath = (...parts: string[]) => '/' + parts.flatMap((p) => p.split('/')).filter(Boolean).join('/');

/**
 * Every controller route of the running app, found through Nest's module container the same way its
 * DiscoveryService does, so routes added by any module are covered without editing the tests.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
      const controllerRule = Reflect.getMetadata(ACCESS_KEY, controller) as AccessRule | undefined;
      const controllerHidden = Reflect.getMetadata(EXCLUDE_CONTROLLER, controller)?.[0] === true;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as object;
        const handlerPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (handlerPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const rule = (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ?? controllerRule ?? DEFAULT_RULE;
        const hidden = controllerHidden || Reflect.getMetadata(EXCLUDE_ENDPOINT, handler)?.disable === true;
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(handlerPaths)) {
            routes.push({ method, path: joinPath(prefix, path), rule, undocumented: hidden, controller: controller.name, handler: name });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The routes Express actually serves (including ones added outside Nest controllers, e.g. Swagger UI). */
export function expressRoutes(app: INestApplication): { method: string; path: string }[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
  return router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })));
}

/** Fills path parameters with harmless dummies: an address for IP-ish names, a large id otherwise. */
export function concretePath(path: string): string {
  return path
    .replace(/:(\w+)/g, (_, name: string) => (/ip|address|cidr/i.test(name) ? '10.0.0.1' : '999999'))
    .replace(/\{?\*(\w+)\}?/g, 'x');
}

/** `/users/:id` → `/users/{id}`, the OpenAPI spelling. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

export const describeRoute = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
