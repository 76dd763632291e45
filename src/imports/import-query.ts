import { UnprocessableEntityException } from '@nestjs/common';
import { parseBooleanWord } from '../infra/config/app-config';
import type { PlanWindow } from './import-planner';

export const DEFAULT_PLAN_LIMIT = 1000;
export const MAX_PLAN_LIMIT = 10_000;

const last = (value: unknown): unknown => (Array.isArray(value) ? value[value.length - 1] : value);

function refuse(param: string, type: string, msg: string, input: unknown): never {
  throw new UnprocessableEntityException({ detail: [{ type, loc: ['query', param], msg, input }] });
}

/** An api.md §0 boolean query parameter; absent → fallback, unrecognised → 422 array form. */
export function queryBool(query: Record<string, unknown>, param: string, fallback: boolean): boolean {
  const raw = last(query[param]);
  if (raw === undefined) return fallback;
  const parsed = typeof raw === 'string' ? parseBooleanWord(raw) : undefined;
  if (parsed === undefined) refuse(param, 'bool_parsing', 'Input should be a valid boolean, unable to interpret input', raw);
  return parsed;
}

function queryInt(query: Record<string, unknown>, param: string, fallback: number, min: number, max: number): number {
  const raw = last(query[param]);
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) refuse(param, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer', raw);
  const n = Number(raw);
  if (n < min || n > max) refuse(param, 'range', `Input should be between ${min} and ${max}`, raw);
  return n;
}

/** `plan_offset` / `plan_limit`: which slice of the per-record diff the answer carries. */
export function planWindow(query: Record<string, unknown>): PlanWindow {
  return { offset: queryInt(query, 'plan_offset', 0, 0, Number.MAX_SAFE_INTEGER), limit: queryInt(query, 'plan_limit', DEFAULT_PLAN_LIMIT, 0, MAX_PLAN_LIMIT) };
}
