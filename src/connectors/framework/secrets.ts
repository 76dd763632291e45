/**
 * Secrets given to a run (passwords, tokens) live in memory only. Anything that leaves the run — job log,
 * job result, error message, CLI output — passes through `scrub` first, which also covers the encodings a
 * secret travels in (the Basic-auth base64 form, URL encoding, XML escaping).
 */
export const SECRET_MASK = '***';

function variants(secret: string): string[] {
  const forms = new Set<string>([secret, secret.trim(), encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
  // `user:password` Basic credentials: the password alone must go too.
  const colon = secret.indexOf(':');
  if (colon >= 0 && colon < secret.length - 1) forms.add(secret.slice(colon + 1));
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
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
