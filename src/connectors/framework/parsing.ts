/** Shared parsing helpers of connectors.md §0.5. */

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** The canonical dotted quad when `raw` (trimmed) is an IPv4 address without leading zeros, else null. */
export function ipv4(raw: string): string | null {
  const text = raw.trim();
  return IPV4.test(text) ? text : null;
}

export const isLoopbackV4 = (ip: string): boolean => ip.startsWith('127.');

/** `[v6]:port` → v6; `host:port` (exactly one colon, numeric port) → host; otherwise the value itself. */
export function hostPart(value: string): string {
  const text = value.trim();
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1];
  const parts = text.split(':');
  if (parts.length === 2 && /^\d+$/.test(parts[1])) return parts[0];
  return text;
}

/** User tags (UI field / `--tags`): split on commas, trimmed, empties dropped; the importer lower-cases. */
export function splitUserTags(input: string | readonly string[] | undefined | null): string[] {
  if (input === undefined || input === null) return [];
  const items = typeof input === 'string' ? input.split(',') : input.flatMap((t) => t.split(','));
  return items.map((t) => t.trim()).filter((t) => t !== '');
}

/** Tag normaliser for generated tags (cluster names, labels): `Prod.ES 01` → `prod-es-01`; '' = no tag. */
export function normaliseGeneratedTag(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Appends a generated tag unless the same tag (case-insensitive, trimmed) is already there. */
export function withGeneratedTag(tags: readonly string[], tag: string): string[] {
  const wanted = tag.trim().toLowerCase();
  return tags.some((t) => t.trim().toLowerCase() === wanted) ? [...tags] : [...tags, tag];
}
