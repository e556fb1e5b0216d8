import * as fs from 'fs';
import * as path from 'path';

/** A cell for `writeNotebook`: a string is a code cell. */
export type CellSpec = string | { markdown: string };

/**
 * Write a tslab notebook (nbformat 4.5, fixed cell ids so executing it does not add random ones).
 * @example writeNotebook('/tmp/x/notebooks/a.ipynb', ["console.log(1)"])
 */
export function writeNotebook(file: string, cells: CellSpec[]): void {
  const nb = {
    cells: cells.map((c, i) =>
      typeof c === 'string'
        ? { cell_type: 'code', execution_count: null, id: `cell-${i}`, metadata: {}, outputs: [], source: c }
        : { cell_type: 'markdown', id: `cell-${i}`, metadata: {}, source: c.markdown },
    ),
    metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + '\n');
}
