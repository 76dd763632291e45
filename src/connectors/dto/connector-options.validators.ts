import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { splitUserTags } from '../framework/parsing';

/** An absolute http:// or https:// URL without credentials (secrets go in their own fields, never in a URL). */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
}

export const IsHttpUrl = (options?: ValidationOptions) => ValidateBy({ name: 'isHttpUrl', validator: { validate: isHttpUrl } }, options);

/** Tags as a JSON list or as the UI's comma-separated text; split, trimmed, empties dropped (§0.5). */
export const TagsInput = () =>
  Transform(({ value }) => (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? splitUserTags(value) : value));

/** Trims text fields so `"  "` counts as not given. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
