import type { ValidationError } from 'class-validator';

/** One entry of a 422 body in the original's (FastAPI/pydantic) array form. */
export interface ValidationDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
}

/** Flattens class-validator errors into `{type, loc, msg, input}` entries located at `where` (body, query, path). */
export function toValidationDetails(errors: ValidationError[], where: string, parents: (string | number)[] = []): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  for (const error of errors) {
    const loc = [...parents, /^\d+$/.test(error.property) ? Number(error.property) : error.property];
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      details.push({
        type: constraint === 'whitelistValidation' ? 'extra_forbidden' : constraint,
        loc: [where, ...loc],
        msg: constraint === 'whitelistValidation' ? 'Extra inputs are not permitted' : message,
        input: error.value,
      });
    }
    details.push(...toValidationDetails(error.children ?? [], where, loc));
  }
  return details;
}
