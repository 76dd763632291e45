import * as fs from 'node:fs';
import * as path from 'node:path';
import hbs from 'hbs';
import { readableTextColor, safeColor } from './tag-colors';

export const DEFAULT_PROJECT_COLOR = '#94a3b8';
export const DEFAULT_TAG_COLOR = '#e2e8f0';

/**
 * Template helpers. They only shape values; every user text still goes through `{{ }}` escaping in the
 * templates (no helper returns a SafeString built from user input).
 */
const helpers: Record<string, (...args: any[]) => unknown> = {
  eq: (a: unknown, b: unknown) => String(a) === String(b),
  ne: (a: unknown, b: unknown) => String(a) !== String(b),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  not: (a: unknown) => !a,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
  /** `background/colour` pair for a chip; both are validated hex colours, never raw user text. */
  chipStyle: (color: unknown, fallback: unknown) => {
    const bg = safeColor(color, typeof fallback === 'string' ? fallback : DEFAULT_TAG_COLOR);
    return `background:${bg};color:${readableTextColor(bg)}`;
  },
  tagStyle: (color: unknown) => {
    const bg = safeColor(color, DEFAULT_TAG_COLOR);
    return `background:${bg};color:${readableTextColor(bg)}`;
  },
  projectStyle: (color: unknown) => {
    const bg = safeColor(color, DEFAULT_PROJECT_COLOR);
    return `background:${bg};color:${readableTextColor(bg)}`;
  },
  json: (value: unknown) => JSON.stringify(value ?? null),
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
  includes: (list: unknown, value: unknown) => Array.isArray(list) && list.map(String).includes(String(value)),
  plural: (count: unknown, one: string, many: string) => (Number(count) === 1 ? one : many),
  /** Joins plain values into one string (hrefs and form actions); the result is still escaped by `{{ }}`. */
  concat: (...args: unknown[]) => args.slice(0, -1).map((a) => (a === undefined || a === null ? '' : String(a))).join(''),
  percent: (value: unknown) => `${Number(value ?? 0).toFixed(1)}%`,
};

let registered = false;

/** Registers helpers and every `views/partials/**.hbs` (synchronously, so the first request finds them). */
export function registerUiTemplates(viewsDir: string): void {
  if (registered) return;
  registered = true;
  for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn);
  const root = path.join(viewsDir, 'partials');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.hbs')) {
        const name = path.relative(root, full).replace(/\\/g, '/').replace(/\.hbs$/, '');
        hbs.registerPartial(name, fs.readFileSync(full, 'utf8'));
      }
    }
  };
  if (fs.existsSync(root)) walk(root);
}
