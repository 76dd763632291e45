/**
 * A rule of the domain was broken. Services throw these; one filter maps them to an HTTP status and a
 * `{"detail": message}` body, and the UI maps them to toasts. The code says what kind of failure it is.
 */
export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'TOO_LARGE'
  | 'TOO_MANY_REQUESTS';

const STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  INVALID: 422,
  TOO_MANY_REQUESTS: 429,
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (message = 'Not Found') => new DomainError('NOT_FOUND', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const invalid = (message: string) => new DomainError('INVALID', message);
export const badRequest = (message: string) => new DomainError('BAD_REQUEST', message);
export const unauthorized = () => new DomainError('UNAUTHORIZED', 'Unauthorized');
export const forbidden = () => new DomainError('FORBIDDEN', 'Forbidden');
