/** Value coercions shared by the bundle and CSV parsers (import-export.md B.4/B.5). */

/** Falsy → "", else the string form, not trimmed (used for names, addresses and types). */
export function rawText(value: unknown): string {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Trimmed string form; empty → undefined. */
export function optionalText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
  return text === '' ? undefined : text;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n']);

/** JSON bool as is; number: non-zero is true; words 1/true/yes/y and 0/false/no/n; anything else absent. */
export function optionalBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value !== 0;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return undefined;
}

/** Tag input: list → trimmed string forms, empties dropped; scalar → split on commas; null → not provided. */
export function tagList(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  const pieces = Array.isArray(value) ? value.map((v) => rawText(v)) : rawText(value).split(',');
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}
