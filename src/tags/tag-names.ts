import { invalid } from '../common/errors/domain-error';

export const DEFAULT_TAG_COLOR = '#e2e8f0';
const TAG_NAME_RE = /^[a-z0-9_-]+$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

/** One tag name, normalised per data.md §4.1: trimmed, lower-cased, `[a-z0-9_-]+`. */
export function normaliseTagName(raw: string): string {
  const name = String(raw).trim().toLowerCase();
  if (name === '') throw invalid('Tag name is required.');
  if (!TAG_NAME_RE.test(name)) throw invalid('Tag name may include letters, digits, dash, and underscore only.');
  return name;
}

/**
 * A tag list as the API accepts it: an array of names or one comma-separated string. Empty pieces of a string
 * are dropped; duplicates are removed keeping the first occurrence.
 */
export function normaliseTagNames(input: string[] | string): string[] {
  let pieces: string[];
  if (typeof input === 'string') {
    pieces = input.split(',').filter((piece) => piece.trim() !== '');
  } else if (Array.isArray(input) && input.every((item) => typeof item === 'string')) {
    pieces = input;
  } else {
    throw invalid('Tags must be a list or comma-separated string.');
  }
  return [...new Set(pieces.map(normaliseTagName))];
}

/**
 * Colour of a project or tag (data.md §4.2): trimmed, `#rrggbb`, stored lower-case. Blank or absent means
 * "no colour given" and yields undefined.
 */
export function normaliseColor(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const color = String(raw).trim();
  if (color === '') return undefined;
  if (!COLOR_RE.test(color)) throw invalid('Color must be a hex value like #1a2b3c.');
  return color.toLowerCase();
}
