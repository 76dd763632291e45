import { ImportParseError } from '../import-model';

/** Hard limits: a hostile file fails fast with a clear message instead of eating memory or CPU. */
export interface CsvLimits {
  maxColumns: number;
  maxFieldChars: number;
  maxRows: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxColumns: 256, maxFieldChars: 100_000, maxRows: 1_000_000 };

export interface CsvRecord {
  cells: string[];
  /** Physical line on which the record ends (header = line 1), as the original reports it. */
  line: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 decoding; a leading BOM is dropped (decision E4). */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ImportParseError('import', 'CSV is not valid UTF-8.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw new ImportParseError('import', 'CSV contains binary data (NUL bytes); upload a text file.');
  return text;
}

/**
 * RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF and lone CR end
 * a record; completely blank lines are skipped (but still counted). Stray or unterminated quotes are errors,
 * not guesses, so a broken file never imports half-read data.
 */
export function readCsv(text: string, file: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const fail = (message: string, at = line): never => {
    throw new ImportParseError(`${file}:line ${at}`, message);
  };

  while (i < n) {
    // A blank line (no characters before the line break) is skipped.
    const c0 = text.charCodeAt(i);
    if (c0 === 10 || c0 === 13) {
      i += c0 === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        // Quoted field.
        const startLine = line;
        let j = i + 1;
        let out = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) fail(`Unterminated quoted field (the quote opened on line ${startLine} is never closed).`, startLine);
          const chunk = text.slice(j, q);
          for (let k = 0; k < chunk.length; k++) {
            const ch = chunk.charCodeAt(k);
            if (ch === 10 || (ch === 13 && chunk.charCodeAt(k + 1) !== 10)) line++;
          }
          out += chunk;
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
          if (out.length > limits.maxFieldChars) fail(`Field is longer than ${limits.maxFieldChars} characters.`);
        }
        if (out.length > limits.maxFieldChars) fail(`Field is longer than ${limits.maxFieldChars} characters.`);
        const next = i < n ? text.charCodeAt(i) : -1;
        if (next !== 44 && next !== 10 && next !== 13 && next !== -1) fail('Unexpected character after a closing quote (quotes inside a field must be doubled).');
        value = out;
      } else {
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 10 || ch === 13) break;
          if (ch === 34) fail('Unexpected quote inside an unquoted field (quote the whole field and double inner quotes).');
          j++;
        }
        if (j - i > limits.maxFieldChars) fail(`Field is longer than ${limits.maxFieldChars} characters.`);
        value = text.slice(i, j);
        i = j;
      }
      cells.push(value);
      if (cells.length > limits.maxColumns) fail(`Row has more than ${limits.maxColumns} columns.`);
      const sep = i < n ? text.charCodeAt(i) : -1;
      if (sep === 44) {
        i++;
        continue;
      }
      endOfRecord = true;
      records.push({ cells, line });
      if (records.length > limits.maxRows) fail(`File has more than ${limits.maxRows} rows.`);
      if (sep === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      else if (sep === 10) i++;
      if (sep !== -1) line++;
    }
  }
  return records;
}
