/**
 * Secrets given to a run (passwords, tokens) live in memory only. Anything that leaves the run — job log,
 * job result, error message, CLI output — passes through `scrub` first, which also covers the encodings a
 * secret travels in (the Basic-auth base64 form, URL encoding, XML escaping).
 */
export const SECRET_MASK = '***';

function variants(secret: string): string[] {
  const bases = [secret, secret.trim()];
  // `user:password` Basic credentials: the password alone must go too.
  const colon = secret.indexOf(':');
  if (colon >= 0 && colon < secret.length - 1) bases.push(secret.slice(colon + 1));
  const forms = new Set<string>();
  for (const base of bases) {
    forms.add(base);
    forms.add(encodeURIComponent(base));
    forms.add(Buffer.from(base).toString('base64'));
    forms.add(base.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
  }
  return [...forms].filter((form) => form.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Secrets shorter than this are not masked: they would match inside ordinary words and mangle every line,
 * and a password that short protects nothing anyway.
 */
export const MIN_MASKED_LENGTH = 4;

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_MASKED_LENGTH) continue;
    for (const form of variants(secret)) out = out.split(form).join(SECRET_MASK);
  }
  return out;
}

/** The values of an options object's secret fields that were actually given. */
export function secretValues<O extends object>(options: O, fields: readonly (keyof O & string)[]): string[] {
  return fields.map((f) => options[f]).filter((v): v is O[keyof O & string] & string => typeof v === 'string' && v.length > 0);
}

/** The options as they may be stored or shown: secret fields blanked (connectors.md §0.6 `form_state`). */
export function publicOptions<O extends object>(options: O, fields: readonly (keyof O & string)[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const f of fields) if (copy[f] !== undefined && copy[f] !== null && copy[f] !== '') copy[f] = '';
  return copy;
}

/** Scrubs every string value of a JSON-like value, leaving keys and structure intact. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.every((s) => s.length < MIN_MASKED_LENGTH)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
