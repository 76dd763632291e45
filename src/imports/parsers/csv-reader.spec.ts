import fc from 'fast-check';
import { csvRow } from '../../exports/csv-format';
import { ImportParseError } from '../import-model';
import { decodeCsv, readCsv } from './csv-reader';

const cells = (text: string) => readCsv(text, 'f.csv').map((r) => r.cells);

describe('readCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks, reporting the line a record ends on', () => {
    const records = readCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,\n', 'f.csv');
    expect(records).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x, y', 'say "hi"\nthere'], line: 3 },
      { cells: ['last', ''], line: 5 },
    ]);
  });

  it('reads back whatever the exporter writes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }), (rows) => {
        expect(cells(rows.map(csvRow).join(''))).toEqual(rows);
      }),
    );
  });

  it.each([
    ['an unterminated quote', 'a\r\n"open\r\n', 'f.csv:line 2'],
    ['text after a closing quote', '"a"b\r\n', 'f.csv:line 1'],
    ['a bare quote in an unquoted field', 'a"b\r\n', 'f.csv:line 1'],
    ['too many columns', ','.repeat(300), 'f.csv:line 1'],
  ])('refuses %s', (_name, text, location) => {
    expect(() => readCsv(text, 'f.csv')).toThrow(ImportParseError);
    try {
      readCsv(text, 'f.csv');
    } catch (error) {
      expect((error as ImportParseError).location).toBe(location);
    }
  });

  it('refuses huge fields and too many rows', () => {
    expect(() => readCsv('x'.repeat(20), 'f.csv', { maxColumns: 10, maxFieldChars: 10, maxRows: 10 })).toThrow(/longer than 10/);
    expect(() => readCsv('a\n'.repeat(20), 'f.csv', { maxColumns: 10, maxFieldChars: 10, maxRows: 10 })).toThrow(/more than 10 rows/);
  });
});

describe('decodeCsv', () => {
  it('strips a BOM, refuses invalid UTF-8 and NUL bytes', () => {
    expect(decodeCsv(Buffer.from('\ufeffname\r\n'))).toBe('name\r\n');
    expect(() => decodeCsv(Buffer.from([0xc3, 0x28]))).toThrow('CSV is not valid UTF-8.');
    expect(() => decodeCsv(Buffer.from('a\u0000b'))).toThrow(/binary data/);
  });
});
