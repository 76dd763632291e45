import { csvField, csvRow } from './csv-format';

describe('CSV formatting', () => {
  it('quotes only fields with commas, quotes or line breaks, and ends rows with CRLF', () => {
    expect(csvRow(['10.0.0.1', 'edge, prod', 'say "hi"', 'two\nlines', null, '=1+2', 'ünï'])).toBe('10.0.0.1,"edge, prod","say ""hi""","two\nlines",,=1+2,ünï\r\n');
    expect(csvField('\r')).toBe('"\r"');
    expect(csvRow([''])).toBe('""\r\n');
  });
});
