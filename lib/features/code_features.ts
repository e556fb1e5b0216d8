/**
 * Features of Python source (e.g. a code-generation prompt with a signature and docstring),
 * standardised with the training mean/std. Counted with regular expressions on lines, not a
 * parser, so they also work on partial code:
 *   lines, non-empty lines, tokens, log(1+tokens), statements (non-empty, non-comment code lines
 *   plus extra `;`), max and mean indentation depth (in indent units, unit = smallest non-zero
 *   indent), loops (for/while), branches (if/elif/else), functions (def/lambda), classes,
 *   returns, calls (identifier followed by `(`), imports, comments, string literals,
 *   docstring lines, comprehensions (`for` inside brackets), try/except, asserts/doctest examples (>>>).
 *
 * @example
 * PythonCodeFeatures.raw('def f(x):\n    return g(x)\n'); // lines 3, max_depth 1, calls 2 (f and g), ...
 */
import type { Query } from '../data/types';
import type { DenseMatrix, Featurizer } from './types';
import { applyStandardizer, fitStandardizer, type Standardizer } from './standardize';

export const CODE_FEATURE_NAMES: readonly string[] = [
  'lines', 'nonempty_lines', 'tokens', 'log_tokens', 'statements', 'max_depth', 'mean_depth',
  'loops', 'branches', 'functions', 'classes', 'returns', 'calls', 'imports', 'comments',
  'strings', 'docstring_lines', 'comprehensions', 'try_except', 'examples',
];

const TOKEN_RE = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|\*\*|\/\/|==|!=|<=|>=|->|[^\sA-Za-z0-9_]/g;

export interface PythonCodeFeaturesOptions {
  standardize?: boolean;
  /** Where the code is: the query text (default) or a meta field. */
  source?: (q: Query) => string;
}

export class PythonCodeFeatures implements Featurizer {
  readonly name = 'python-code';
  readonly featureNames = CODE_FEATURE_NAMES;
  readonly standardize: boolean;
  private readonly source: (q: Query) => string;
  scaler: Standardizer | null = null;

  constructor(opts: PythonCodeFeaturesOptions = {}) {
    this.standardize = opts.standardize ?? true;
    this.source = opts.source ?? ((q) => q.text);
  }

  static raw(code: string): number[] {
    const lines = code.split('\n');
    const nonEmpty = lines.filter((l) => l.trim().length > 0);
    const tokens = code.match(TOKEN_RE) ?? [];
    const indents = nonEmpty.map((l) => (l.match(/^[ \t]*/)?.[0] ?? '').replace(/\t/g, '    ').length);
    const unit = indents.filter((d) => d > 0).reduce((m, d) => Math.min(m, d), Infinity);
    const depths = indents.map((d) => (Number.isFinite(unit) ? Math.round(d / unit) : 0));
    let statements = 0, comments = 0, docLines = 0, inDoc = false;
    for (const l of nonEmpty) {
      const t = l.trim();
      const tripleCount = (t.match(/"""|'''/g) ?? []).length;
      if (inDoc || tripleCount > 0) docLines++;
      if (tripleCount % 2 === 1) inDoc = !inDoc;
      else if (!inDoc && tripleCount === 0) {
        if (t.startsWith('#')) comments++;
        else statements += 1 + (t.match(/;(?=\s*\S)/g) ?? []).length;
      }
    }
    const count = (re: RegExp): number => (code.match(re) ?? []).length;
    return [
      lines.length, nonEmpty.length, tokens.length, Math.log1p(tokens.length), statements,
      depths.length ? Math.max(...depths) : 0,
      depths.length ? depths.reduce((s, d) => s + d, 0) / depths.length : 0,
      count(/\b(for|while)\b/g), count(/\b(if|elif|else)\b/g), count(/\b(def|lambda)\b/g),
      count(/\bclass\b/g), count(/\breturn\b/g), count(/[A-Za-z_][A-Za-z0-9_]*\s*\(/g),
      count(/^\s*(import|from)\s/gm), comments, count(/"[^"\n]*"|'[^'\n]*'/g), docLines,
      count(/[[({][^\])}]*\bfor\b/g), count(/\b(try|except)\b/g), count(/>>>/g),
    ];
  }

  private rawMatrix(queries: readonly Query[]): Float64Array {
    const c = CODE_FEATURE_NAMES.length;
    const data = new Float64Array(queries.length * c);
    queries.forEach((q, i) => data.set(PythonCodeFeatures.raw(this.source(q)), i * c));
    return data;
  }

  fit(queries: readonly Query[]): this {
    this.scaler = fitStandardizer(this.rawMatrix(queries), queries.length, CODE_FEATURE_NAMES.length);
    return this;
  }

  transform(queries: readonly Query[]): DenseMatrix {
    const c = CODE_FEATURE_NAMES.length;
    const raw = this.rawMatrix(queries);
    if (!this.standardize) return { kind: 'dense', rows: queries.length, cols: c, data: raw };
    if (!this.scaler) throw new Error('PythonCodeFeatures: call fit(trainQueries) before transform');
    return { kind: 'dense', rows: queries.length, cols: c, data: applyStandardizer(this.scaler, raw, c) };
  }
}
