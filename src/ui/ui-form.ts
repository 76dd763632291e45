import { safeReturnTo } from '../auth/auth.ui.controller';
import { MAX_ROW_ID } from '../common/dto/row-id';
import { invalid } from '../common/errors/domain-error';

/** Form bodies arrive url-encoded: a field is a string, a repeated field an array. */
export type FormBody = Record<string, unknown>;

export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
}

export function fieldList(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** `return_to` of a UI form: a local path (A5) or the fallback. */
export function returnTarget(body: FormBody, fallback: string): string {
  const raw = field(body, 'return_to');
  return raw ? (safeReturnTo(raw) === raw ? raw : fallback) : fallback;
}

/** Any non-empty value except the usual "no" words counts as ticked (ui.md §6.4). */
export function truthy(value: string): boolean {
  return value.trim() !== '' && !['0', 'false', 'off', 'no'].includes(value.trim().toLowerCase());
}

/** Digits naming a row that can exist (1 … MAX_ROW_ID): a bigger number would fail in PostgreSQL's INTEGER. */
export function isRowIdText(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_ROW_ID;
}

/** An optional id field: '' → null, digits → number, anything else → undefined (invalid). */
export function optionalId(value: string): number | null | undefined {
  const text = value.trim();
  if (text === '') return null;
  return /^\d{1,15}$/.test(text) && Number(text) > 0 && Number(text) <= MAX_ROW_ID ? Number(text) : undefined;
}

/** An id in a query parameter that opens a drawer (`?edit=<id>`): absent → undefined, junk → 422 as path ids do. */
export function queryId(query: Record<string, unknown>, name: string): number | undefined {
  const raw = query[name];
  const one = Array.isArray(raw) ? raw[0] : raw;
  if (one === undefined || one === '') return undefined;
  if (typeof one !== 'string' || !/^\d{1,15}$/.test(one) || Number(one) < 1 || Number(one) > MAX_ROW_ID) throw invalid(`The ${name} parameter must be a positive whole number.`);
  return Number(one);
}
