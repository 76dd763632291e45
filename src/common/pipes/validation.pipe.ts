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
    const where = WHERE[metadata.type];
    // A JSON body must be an object before any field rule applies: `[]`, `"x"` or `null` are refused by name.
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
