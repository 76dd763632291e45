import type { RegisteredRoute } from '../support/platform-routes';
import type { Harness } from './harness';
import { realPath } from './harness';

/** The named controls of every `<form method="post">` on a page, keyed by the form's action path. */
export function formsOf(html: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = match[1];
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/i.exec(attrs)?.[1]?.replace(/&amp;/g, '&').split('?')[0];
    if (!action) continue;
    const names = out.get(action) ?? new Set<string>();
    for (const control of match[2].matchAll(/<(?:input|select|textarea|button)\b[^>]*\bname="([^"{}]+)"/gi)) names.add(control[1]);
    out.set(action, names);
  }
  return out;
}

/** For forms no page renders statically (script calls, templated connector forms): the names the controllers read most. */
const FALLBACK_FIELDS = ['name', 'notes', 'confirm_name', 'confirm_username', 'return_to', 'mode', 'role', 'password', 'timeout'];

const routePattern = (path: string) => new RegExp('^' + path.replace(/:\w+/g, '[^/]+') + '$');

/**
 * Crawls every UI page (with its drawers opened on the seeded rows) and maps each POST route to the fields
 * its forms send. A POST route no page renders a form for gets the common field names instead.
 */
export async function discoverFormFields(h: Harness, routes: RegisteredRoute[]): Promise<Map<RegisteredRoute, string[]>> {
  const s = h.seeds;
  const pages = routes.filter((r) => r.method === 'GET').map((r) => realPath(r.path, s));
  const drawers = [
    `/ui/projects?edit=${s.projectId}`,
    `/ui/projects?delete=${s.projectId}`,
    `/ui/projects?tab=tags&edit=${s.tagId}`,
    `/ui/projects?tab=tags&delete=${s.tagId}`,
    `/ui/projects?tab=vendors&edit=${s.vendorId}`,
    `/ui/projects?tab=vendors&delete=${s.vendorId}`,
    `/ui/hosts?edit=${s.hostId}`,
    `/ui/hosts?delete=${s.hostId}`,
    `/ui/ranges?edit=${s.rangeId}`,
    `/ui/ranges?delete=${s.rangeId}`,
    `/ui/users?edit=${s.userId}`,
    `/ui/users?delete=${s.userId}`,
    `/ui/ip-assets?delete=${s.assetId}`,
  ];
  const seen = new Map<string, Set<string>>();
  for (const url of [...pages, ...drawers]) {
    const res = await h.t.http.get(url).set(await h.uiHeaders());
    for (const [action, names] of formsOf(res.text ?? '')) {
      const all = seen.get(action) ?? new Set<string>();
      names.forEach((n) => all.add(n));
      seen.set(action, all);
    }
  }
  const out = new Map<RegisteredRoute, string[]>();
  for (const route of routes.filter((r) => r.method === 'POST')) {
    const pattern = routePattern(route.path);
    const names = new Set([...seen].filter(([action]) => pattern.test(action)).flatMap(([, n]) => [...n]));
    out.set(route, [...(names.size ? names : FALLBACK_FIELDS)].filter((n) => n !== '_csrf'));
  }
  return out;
}

/** `application/x-www-form-urlencoded` text; arrays become repeated fields. */
export function formText(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  return form.toString();
}
