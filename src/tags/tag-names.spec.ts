import { DomainError } from '../common/errors/domain-error';
import { normaliseColor, normaliseTagNames } from './tag-names';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
  throw new Error('expected a DomainError');
}

describe('normaliseTagNames', () => {
  it('splits a comma string, trims, lower-cases, drops empty pieces and keeps first occurrences', () => {
    expect(normaliseTagNames('Prod, edge,,PROD , ')).toEqual(['prod', 'edge']);
    expect(normaliseTagNames(['b', 'A', 'a'])).toEqual(['b', 'a']);
    expect(normaliseTagNames([])).toEqual([]);
  });

  it('refuses empty names, bad characters and non-list input with the spec messages', () => {
    expect(messageOf(() => normaliseTagNames(['  ']))).toBe('Tag name is required.');
    expect(messageOf(() => normaliseTagNames(["x'; DROP TABLE tags;--"]))).toBe('Tag name may include letters, digits, dash, and underscore only.');
    expect(messageOf(() => normaliseTagNames('a.b'))).toBe('Tag name may include letters, digits, dash, and underscore only.');
    expect(messageOf(() => normaliseTagNames([1 as unknown as string]))).toBe('Tags must be a list or comma-separated string.');
  });
});

describe('normaliseColor', () => {
  it('lower-cases valid colours and treats blank as absent', () => {
    expect(normaliseColor(' #AABBCC ')).toBe('#aabbcc');
    expect(normaliseColor('  ')).toBeUndefined();
    expect(normaliseColor(null)).toBeUndefined();
  });

  it('refuses short or hash-less colours', () => {
    expect(messageOf(() => normaliseColor('#abc'))).toBe('Color must be a hex value like #1a2b3c.');
    expect(messageOf(() => normaliseColor('aabbcc'))).toBe('Color must be a hex value like #1a2b3c.');
  });
});
