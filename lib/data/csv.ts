/**
 * RFC 4180 CSV parser: fields separated by commas, records by CRLF or LF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (`""` is one `"`). The first record
 * is the header. Every record must have as many fields as the header.
 *
 * Example: `parseCsv('a,b\n1,"x, ""y""\nz"\n', 'f.csv')` gives header `['a','b']` and one row
 * `['1', 'x, "y"\nz']` starting at line 2.
 */
import { DataError } from './errors';

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** 1-based line where each row starts (rows can span lines). */
  lines: number[];
}

/** Parse CSV text; errors name the file, the line and the column. */
export function parseCsv(text: string, file: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  const starts: number[] = [];
  let field = '';
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  let quoted = false;
  let afterQuote = false;
  const endField = (): void => {
    record.push(field);
    field = '';
    atFieldStart = true;
    quoted = false;
    afterQuote = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      starts.push(recordLine);
    }
    record = [];
  };
  while (i < n) {
    const ch = text[i];
    if (quoted && !afterQuote) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        afterQuote = true;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    if (ch === '\n') {
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    if (afterQuote) {
      throw new DataError(file, `line ${line}`, `column ${record.length + 1}`, `unexpected character ${JSON.stringify(ch)} after a closing quote`);
    }
    if (ch === '"') {
      if (!atFieldStart) {
        throw new DataError(file, `line ${line}`, `column ${record.length + 1}`, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      }
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    atFieldStart = false;
    field += ch;
    i++;
  }
  if (quoted && !afterQuote) {
    throw new DataError(file, `line ${recordLine}`, `column ${record.length + 1}`, 'unterminated quoted field (file truncated?)');
  }
  if (field !== '' || record.length > 0 || afterQuote) endRecord();
  if (records.length === 0) throw new DataError(file, 'file', '(file)', 'empty file (no header)');
  const header = records[0];
  const seen = new Set<string>();
  header.forEach((h, j) => {
    if (seen.has(h)) throw new DataError(file, 'line 1 (header)', h, `duplicate column name (column ${j + 1})`);
    seen.add(h);
  });
  const rows = records.slice(1);
  const lines = starts.slice(1);
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new DataError(file, `row ${k + 1} (line ${lines[k]})`, '(row)', `expected ${header.length} fields as in the header, got ${r.length}`);
    }
  });
  return { header, rows, lines };
}

/** Index of a named column, or a DataError naming the file and the column. */
export function columnIndex(table: CsvTable, file: string, name: string): number {
  const j = table.header.indexOf(name);
  if (j < 0) throw new DataError(file, 'line 1 (header)', name, `column missing (columns: ${table.header.join(', ')})`);
  return j;
}

/** Parse a CSV cell as a boolean ('True'/'False', 'true'/'false', '1'/'0'). */
export function csvBool(file: string, record: string, field: string, s: string): boolean {
  const t = s.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new DataError(file, record, field, `expected a boolean (True/False/1/0), got ${JSON.stringify(s.slice(0, 40))}`);
}

/** Parse a CSV cell as a finite number ('' / 'NaN' / text is an error). */
export function csvNumber(file: string, record: string, field: string, s: string): number {
  const t = s.trim();
  const x = t === '' ? NaN : Number(t);
  if (!Number.isFinite(x)) throw new DataError(file, record, field, `expected a finite number, got ${JSON.stringify(s.slice(0, 40))}`);
  return x;
}
