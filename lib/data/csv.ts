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
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const record: string[] = [];
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new DataError(file, `line ${recordLine}`, `column ${record.length + 1}`, 'unterminated quoted field (file truncated?)');
          }
          const chunk = text.slice(j, q);
          for (let t = chunk.indexOf('\n'); t >= 0; t = chunk.indexOf('\n', t + 1)) line++;
          parts.push(chunk);
          if (text.charCodeAt(q + 1) === 34) {
            parts.push('"');
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        field = parts.join('');
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && !(c === 13 && text.charCodeAt(i + 1) === 10)) {
          throw new DataError(file, `line ${line}`, `column ${record.length + 1}`, `unexpected character ${JSON.stringify(text[i])} after a closing quote`);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10) break;
          if (c === 34) {
            throw new DataError(file, `line ${line}`, `column ${record.length + 1}`, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          }
          j++;
        }
        field = text.slice(i, j);
        if (field.endsWith('\r') && (j >= n || text.charCodeAt(j) === 10)) field = field.slice(0, -1);
        i = j;
      }
      record.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        if (i >= n) {
          record.push('');
          break;
        }
        continue;
      }
      if (c === 13) i++;
      // c === 10: end of record
      i++;
      line++;
      break;
    }
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      starts.push(recordLine);
    }
  }
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
