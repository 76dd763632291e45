import { ArgumentMetadata, Paramtype, UnprocessableEntityException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { toValidationDetails } from '../errors/validation-detail';

const WHERE: Record<Paramtype, string> = { body: 'body', query: 'query', param: 'path', custom: 'body' };

/** Carries class-validator's errors out of the base pipe so `transform` can locate them. */
class ValidationFailed {
  constructor(readonly errors: ValidationError[]) {}
}

/**
 * The global pipe: DTOs are the single source of validation. Unknown body fields are refused, and every
 * failure is a 422 whose `detail` is the array form the original's clients expect.
 */
export class AppValidationPipe extends ValidationPipe {
  /** Unknown query parameters are dropped, not refused: the original ignored them and scrapers may add some. */
  private readonly queryPipe = new ValidationPipe(pipeOptions(false));

  constructor() {
    super(pipeOptions(true));
  }

  async transform(value: unknown, metadata: ArgumentMetadata) {
    // Path parameters are parsed by their own pipes (ParseIdPipe, addresses): the base pipe would turn
    // "0x1", " 1" or "+1" into the number 1 for a `number` parameter and let it through as a valid id.
    if (metadata.type === 'param') return value;
    const where = WHERE[metadata.type];
    // class-transformer walks bodies recursively: a deeply nested one would overflow the stack (a 500).
    if (metadata.type === 'body' && nestingDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      throw new UnprocessableEntityException({
        detail: [{ type: 'json_too_deep', loc: [where], msg: `Input should not nest deeper than ${MAX_BODY_DEPTH} levels`, input: null }],
      });
    }
    // A JSON body must be an object before any field rule applies: `[]`, `"x"` or `null` are refused by name.
    // PostgreSQL cannot store U+0000 in text (SQLite would keep it and show it nowhere): refused on both.
    if (metadata.type === 'body' || metadata.type === 'query') {
      const at = nulCharacterAt(value);
      if (at) {
        throw new UnprocessableEntityException({
          detail: [{ type: 'string_nul', loc: [where, ...at], msg: 'Text must not contain NUL (U+0000) characters', input: null }],
        });
      }
    }
    // A body no parser read (text/plain, an unknown type) arrives as undefined: to a handler taking a plain
    // record (UI forms, connector options) that is an empty form, not a crash on `body[name]`.
    if (metadata.type === 'body' && value === undefined && (!metadata.metatype || metadata.metatype === Object)) return {};
    if (metadata.type === 'body' && metadata.metatype && !isPrimitive(metadata.metatype)) {
      if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
        throw new UnprocessableEntityException({
          detail: [{ type: 'model_attributes_type', loc: [where], msg: 'Input should be a valid dictionary or object', input: value ?? null }],
        });
      }
    }
    try {
      return metadata.type === 'query' ? await this.queryPipe.transform(value, metadata) : await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ValidationFailed) {
        throw new UnprocessableEntityException({ detail: toValidationDetails(error.errors, where) });
      }
      throw error;
    }
  }
}

/** No DTO nests more than a few levels; 32 leaves room and stops hostile bodies early. */
export const MAX_BODY_DEPTH = 32;

/** Depth of nested objects/arrays, counted without recursion and given up once past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Where the first string holding U+0000 sits (keys included), or null; iterative, like `nestingDepth`. */
export function nulCharacterAt(value: unknown): (string | number)[] | null {
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path;
    } else if (node !== null && typeof node === 'object' && path.length <= MAX_BODY_DEPTH) {
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        const at = [...path, Array.isArray(node) ? Number(key) : key];
        if (key.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

function pipeOptions(forbidUnknown: boolean) {
  return {
    whitelist: true,
    forbidNonWhitelisted: forbidUnknown,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors: ValidationError[]) => new ValidationFailed(errors),
  };
}

function isPrimitive(metatype: unknown): boolean {
  return ([String, Number, Boolean, Array, Object] as unknown[]).includes(metatype);
}
