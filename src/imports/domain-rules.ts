import { DomainError } from '../common/errors/domain-error';
import { normaliseAssetType as normaliseType } from '../ip-assets/ip-asset-type';
import type { IpAssetType } from '../ip-assets/ip-asset.entity';
import { normaliseTagName } from '../tags/tag-names';

/**
 * The inventory rules the importer applies to whole files (data.md §4), delegating to the domain's own pure
 * functions so imports and the API can never disagree on what a valid tag or type is.
 */

export const TAG_NAME_MESSAGE = 'Tag name may include letters, digits, dash, and underscore only.';

/** Imports repeat the same few tag names on every row: remember the answers (bounded). */
const tagCache = new Map<string, string | null>();

/** One tag name, normalised (trim, lower-case), or null when it breaks the rule. */
export function normaliseTag(raw: string): string | null {
  const known = tagCache.get(raw);
  if (known !== undefined) return known;
  let name: string | null;
  try {
    name = normaliseTagName(raw);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    name = null;
  }
  if (tagCache.size > 10_000) tagCache.clear();
  tagCache.set(raw, name);
  return name;
}

/** A list of raw names, normalised and de-duplicated keeping first occurrence (invalid names are dropped). */
export function normaliseTags(raw: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of raw) {
    const name = normaliseTag(r);
    if (name !== null) out.add(name);
  }
  return [...out];
}

/** Enum value or legacy alias (case-sensitive, untrimmed); null when invalid. */
export const normaliseAssetType = (raw: string): IpAssetType | null => normaliseType(raw);

/** Validated only: bundle imports store a project colour as written (import-export.md B.8). */
export const isHexColor = (value: string): boolean => /^#[0-9a-fA-F]{6}$/.test(value);

export const DEFAULT_PROJECT_COLOR = '#94a3b8';
export { DEFAULT_TAG_COLOR } from '../tags/tag-names';
