import { conflict, DomainError } from '../common/errors/domain-error';
import { fromWorkerFailure, toWorkerFailure } from './worker-failure';

describe('import worker failures', () => {
  it('keep a domain error and its status across the thread boundary', () => {
    const message = structuredClone(toWorkerFailure(conflict('The inventory changed while the import was applied.')));
    const error = fromWorkerFailure(message);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(409);
    expect(error.message).toBe('The inventory changed while the import was applied.');
  });

  it('turn anything else into a plain error (a 500 with its stack logged)', () => {
    const error = fromWorkerFailure(structuredClone(toWorkerFailure(new TypeError('boom'))));
    expect(error).not.toBeInstanceOf(DomainError);
    expect(error.message).toBe('boom');
    expect(error.stack).toContain('TypeError: boom');
  });
});
