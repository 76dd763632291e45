import { DomainError, DomainErrorCode } from '../common/errors/domain-error';

/** How the import worker reports a failure to the server thread (errors themselves cannot cross threads). */
export interface WorkerFailure {
  ok: false;
  message: string;
  stack?: string;
  /** Set for domain errors, so a 409 raised in the worker still answers 409 rather than 500. */
  code?: DomainErrorCode;
}

export function toWorkerFailure(error: unknown): WorkerFailure {
  const e = error as Error | undefined;
  return { ok: false, message: e?.message ?? String(error), stack: e?.stack, code: error instanceof DomainError ? error.code : undefined };
}

export function fromWorkerFailure(failure: WorkerFailure): Error {
  const error = failure.code ? new DomainError(failure.code, failure.message) : new Error(failure.message);
  if (failure.stack) error.stack = failure.stack;
  return error;
}
