/**
 * Simple text statistics per query, standardised with the training mean and std:
 *   chars, words, log(1+chars), log(1+words), lines, numbers (maximal digit runs with decimals),
 *   digits, distinct numbers, log(1+largest number), operators (+ - * / = ^ % < >), parentheses,
 *   sentences (. ? !), question marks, dollar/percent signs, mean word length,
 *   type/token ratio, uppercase share, non-ASCII share.
 *
 * @example
 * const f = new TextStats().fit(train); f.transform(test); // DenseMatrix, test.length x 19
 * TextStats.raw('2 + 3 = 5'); // [9, 5, ...] before standardising
 */
import type { Query } from '../data/types';
import type { DenseMatrix, Featurizer } from './types';
import { applyStandardizer, fitStandardizer, type Standardizer } from './standardize';

export const TEXT_STAT_NAMES: readonly string[] = [
  'chars', 'words', 'log_chars', 'log_words', 'lines', 'numbers', 'digits', 'distinct_numbers',
  'log_max_number', 'operators', 'parens', 'sentences', 'question_marks', 'currency_percent',
  'mean_word_len', 'type_token_ratio', 'upper_share', 'non_ascii_share', 'commas',
];

export interface TextStatsOptions {
  /** Standardise with training mean/std. Default true. */
  standardize?: boolean;
}

export class TextStats implements Featurizer {
  readonly name = 'text-stats';
  readonly featureNames = TEXT_STAT_NAMES;
  readonly standardize: boolean;
  scaler: Standardizer | null = null;

  constructor(opts: TextStatsOptions = {}) {
    this.standardize = opts.standardize ?? true;
  }

  /** Unstandardised statistics of one text, in TEXT_STAT_NAMES order. */
  static raw(text: string): number[] {
    const chars = text.length;
    const words: string[] = text.match(/\S+/g) ?? [];
    const nums = text.match(/\d+(?:[.,]\d+)*/g) ?? [];
    let maxNum = 0;
    for (const n of nums) {
      const v = Number(n.replace(/,/g, ''));
      if (Number.isFinite(v) && v > maxNum) maxNum = v;
    }
    let digits = 0, ops = 0, parens = 0, sentences = 0, qm = 0, cur = 0, upper = 0, letters = 0, nonAscii = 0, commas = 0;
    for (let i = 0; i < chars; i++) {
      const ch = text[i];
      const code = text.charCodeAt(i);
      if (code >= 48 && code <= 57) digits++;
      else if ('+-*/=^%<>'.includes(ch)) ops++;
      else if ('()[]{}'.includes(ch)) parens++;
      else if (ch === '.' || ch === '!' || ch === '?') sentences++;
      if (ch === '?') qm++;
      if (ch === '$' || ch === '%' || ch === '€' || ch === '£') cur++;
      if (ch === ',') commas++;
      if (code > 127) nonAscii++;
      if (ch.toLowerCase() !== ch.toUpperCase()) {
        letters++;
        if (ch === ch.toUpperCase()) upper++;
      }
    }
    const lower = words.map((w) => w.toLowerCase());
    const types = new Set(lower).size;
    const meanLen = words.length ? words.reduce((s, w) => s + w.length, 0) / words.length : 0;
    return [
      chars, words.length, Math.log1p(chars), Math.log1p(words.length), text.split('\n').length,
      nums.length, digits, new Set(nums).size, Math.log1p(maxNum), ops, parens, sentences, qm, cur,
      meanLen, words.length ? types / words.length : 0, letters ? upper / letters : 0,
      chars ? nonAscii / chars : 0, commas,
    ];
  }

  private rawMatrix(queries: readonly Query[]): Float64Array {
    const c = TEXT_STAT_NAMES.length;
    const data = new Float64Array(queries.length * c);
    queries.forEach((q, i) => data.set(TextStats.raw(q.text), i * c));
    return data;
  }

  fit(queries: readonly Query[]): this {
    this.scaler = fitStandardizer(this.rawMatrix(queries), queries.length, TEXT_STAT_NAMES.length);
    return this;
  }

  transform(queries: readonly Query[]): DenseMatrix {
    const c = TEXT_STAT_NAMES.length;
    const raw = this.rawMatrix(queries);
    if (!this.standardize) return { kind: 'dense', rows: queries.length, cols: c, data: raw };
    if (!this.scaler) throw new Error('TextStats: call fit(trainQueries) before transform');
    return { kind: 'dense', rows: queries.length, cols: c, data: applyStandardizer(this.scaler, raw, c) };
  }
}
